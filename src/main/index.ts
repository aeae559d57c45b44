import {
  BrowserWindow,
  Menu,
  app,
  clipboard,
  dialog,
  globalShortcut,
  ipcMain,
  powerMonitor,
  protocol,
  session as electronSession,
} from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_PREFIX } from '../shared/ipc/channels';
import { languageForLocale, translate } from '../shared/i18n';
import { defaultVaultDir } from '../core/vault/paths';
import { applyChromiumSwitches } from './chromium-switches';
import { restrictWebRtc } from './security/web-rtc';
import { wireDesktopEvents } from './desktop-events';
import { InputActivity } from './input-activity';
import { createHandlers } from './ipc/handlers';
import type { Emit } from './ipc/context';
import { registerHandlers } from './ipc/register';
import { describeInternalError } from './ipc/dispatch';
import { PANIC_SHORTCUT } from './lock-triggers';
import { electronNativeBinding } from './native-binding';
import { serveAppFile } from './protocols/app-files';
import { handleMediaRequest } from './protocols/media';
import {
  APP_ORIGIN,
  APP_SCHEME,
  MEDIA_ORIGIN,
  MEDIA_SCHEME,
  SCHEME_PRIVILEGES,
} from './protocols/schemes';
import { mediaSourceOf } from './media-source';
import { contentSecurityPolicy } from './security/csp';
import { preventNavigation, windowOpenHandler } from './security/guards';
import { hardenSession } from './security/session';
import { SESSION_PARTITION } from './security/web-preferences';
import { SettingsStore } from './settings-store';
import { Uploads } from './uploads';
import { VaultSession } from './vault-session';
import { createMainWindow } from './window';

/**
 * The Electron shell, kept thin: it wires Electron's events to the plain modules beside it
 * (handlers, protocols, guards, auto-lock), which are what the tests exercise.
 */
const here = fileURLToPath(new URL('.', import.meta.url));

// Before anything else: every renderer sandboxed, our schemes known to Chromium, the platform's
// Chromium features on (the Wayland shortcut portal on Linux).
app.enableSandbox();
applyChromiumSwitches(app.commandLine, process.platform);
protocol.registerSchemesAsPrivileged([...SCHEME_PRIVILEGES]);

// Every web contents, including any created later, refuses navigation, popups and webviews,
// and sends no WebRTC UDP (its TCP meets the session's missing proxy, see hardenSession).
app.on('web-contents-created', (_event, contents) => {
  restrictWebRtc(contents);
  contents.on('will-navigate', preventNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler);
});

if (!app.requestSingleInstanceLock()) {
  // One app per vault: a second instance would only meet a locked database.
  app.quit();
} else {
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const nativeBinding = electronNativeBinding({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    electronVersion: process.versions.electron ?? '',
  });
  const language = languageForLocale(app.getLocale());
  if (!existsSync(nativeBinding)) {
    dialog.showErrorBox(
      'Testimony Vault',
      app.isPackaged
        ? `The database module is missing from this installation (${nativeBinding}). Please reinstall the app.`
        : `The database module for this Electron version is missing (${nativeBinding}). Run \`npm start\` (it builds it) or \`node scripts/electron-native.mjs\`.`,
    );
    app.exit(1);
    return;
  }

  Menu.setApplicationMenu(
    process.platform === 'darwin'
      ? Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }])
      : null,
  );

  // `npm run dev` serves the renderer from electron-vite's dev server; a packaged app never does.
  const devUrl = !app.isPackaged ? (process.env.ELECTRON_RENDERER_URL ?? null) : null;
  const devOrigin = devUrl ? new URL(devUrl).origin : null;

  const ses = electronSession.fromPartition(SESSION_PARTITION);
  await hardenSession(ses, devOrigin);

  const vaultSession = new VaultSession({
    dir: defaultVaultDir(),
    vaultOptions: { nativeBinding },
  });
  const settings = new SettingsStore(join(app.getPath('userData'), 'settings.json'), {
    autoLockMinutes: 5,
    language,
    region: '',
    ocrAfterAttach: false,
    teamSyncMinutes: 5,
  });

  let window: BrowserWindow | null = null;
  const emit: Emit = (event, payload) => {
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_PREFIX + event, payload);
  };
  const uploads = new Uploads();
  vaultSession.onLock((reason) => {
    uploads.cancelAll();
    void ses.clearCache();
    emit('vault.locked', { reason });
  });

  const csp = contentSecurityPolicy({ media: MEDIA_ORIGIN });
  const rendererRoot = join(here, '../renderer');
  ses.protocol.handle(APP_SCHEME, (request) => serveAppFile(request, { root: rendererRoot, csp }));
  ses.protocol.handle(MEDIA_SCHEME, (request) =>
    handleMediaRequest(request, {
      source: () => mediaSourceOf(vaultSession.current()),
      allowOrigin: APP_ORIGIN,
    }),
  );

  const t = (key: Parameters<typeof translate>[1]) => translate(settings.get().language, key);
  const handlers = createHandlers({
    session: vaultSession,
    settings,
    uploads,
    info: { version: app.getVersion(), mediaOrigin: MEDIA_ORIGIN, panicShortcut: PANIC_SHORTCUT },
    emit,
    dialogs: {
      saveFile: async (defaultName, kind) => {
        if (!window) return null;
        const result = await dialog.showSaveDialog(window, {
          title: t(
            kind === 'bundle'
              ? 'sharing.saveTitle'
              : kind === 'report'
                ? 'report.saveTitle'
                : kind === 'vocabulary'
                  ? 'vocabulary.saveTitle'
                  : 'evidence.saveTitle',
          ),
          defaultPath: join(app.getPath('documents'), defaultName),
        });
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      chooseFolder: async (purpose) => {
        if (!window) return null;
        const result = await dialog.showOpenDialog(window, {
          title: t(purpose === 'backup' ? 'backup.chooseTitle' : 'import.filesTitle'),
          properties: ['openDirectory', 'createDirectory'],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      openBundle: async () => {
        if (!window) return null;
        const result = await dialog.showOpenDialog(window, {
          title: t('sharing.openTitle'),
          properties: ['openFile'],
          filters: [{ name: t('sharing.bundleFiles'), extensions: ['tvb'] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      openVocabulary: async () => {
        if (!window) return null;
        const result = await dialog.showOpenDialog(window, {
          title: t('vocabulary.openTitle'),
          properties: ['openFile'],
          filters: [{ name: t('vocabulary.files'), extensions: ['json', 'csv'] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
      openFile: async (purpose) => {
        if (!window) return null;
        const result = await dialog.showOpenDialog(window, {
          title: t(purpose === 'import' ? 'import.chooseTitle' : 'import.mappingTitle'),
          properties: ['openFile'],
          filters:
            purpose === 'import'
              ? [
                  {
                    name: t('import.exportFiles'),
                    extensions: ['xml', 'csv', 'tsv', 'xlsx', 'jsonl', 'ndjson'],
                  },
                ]
              : [{ name: t('import.mappingFiles'), extensions: ['json'] }],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      },
    },
    clipboard: { writeText: (text) => clipboard.writeText(text) },
  });
  registerHandlers(
    ipcMain,
    handlers,
    // Only the error's kind and where it happened: a foreign message (SQLite, JSON, pdf.js)
    // may quote decrypted text, and stderr can end up in a system log on disk.
    (error) => console.error('internal error in a handler', describeInternalError(error)),
    devOrigin,
  );

  window = createMainWindow({
    preloadPath: join(here, '../preload/index.cjs'),
    isPackaged: app.isPackaged,
    title: 'Testimony Vault',
    devUrl,
  });
  window.on('closed', () => (window = null));

  const activity = new InputActivity();
  window.webContents.on('input-event', () => activity.touch());

  wireDesktopEvents({
    app,
    powerMonitor,
    globalShortcut,
    window: () => window,
    lock: (reason) => vaultSession.lock(reason),
    isUnlocked: () => vaultSession.current() !== null,
    autoLockMinutes: () => settings.get().autoLockMinutes,
    appIdleSeconds: () => activity.idleSeconds(),
    warn: (message) => console.warn(message),
  });
}
