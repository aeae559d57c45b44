import {
  type Page,
  type Request as PwRequest,
  type Route,
  type TestInfo,
  test as base,
} from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { CHANNELS, EVENTS } from '../../src/shared/ipc/channels';
import type { Envelope } from '../../src/shared/ipc/contract';
import type { EventPayloads } from '../../src/shared/ipc/types';
import { AutoLock } from '../../src/main/autolock';
import { dispatch } from '../../src/main/ipc/dispatch';
import { type Handlers, createHandlers } from '../../src/main/ipc/handlers';
import { forbidden } from '../../src/main/ipc/register';
import { PANIC_SHORTCUT } from '../../src/main/lock-triggers';
import { mediaSourceOf } from '../../src/main/media-source';
import { serveAppFile } from '../../src/main/protocols/app-files';
import { handleMediaRequest } from '../../src/main/protocols/media';
import { contentSecurityPolicy } from '../../src/main/security/csp';
import { SettingsStore } from '../../src/main/settings-store';
import { Uploads } from '../../src/main/uploads';
import { VaultSession } from '../../src/main/vault-session';

/**
 * The app without Electron: the built renderer (out/renderer) in Chromium, served with the same
 * Request -> Response functions and CSP main uses for app:// and tvault-media://, here under two
 * *.localhost origins (secure contexts, like the app's schemes); the real handler object (a real vault in a temporary folder, weak test KDF)
 * behind window.vault through page.exposeBinding, answering in the same envelopes as
 * ipcMain. Every other request is aborted and recorded: the tests assert there were none.
 */
export const APP_ORIGIN = 'http://app.localhost';
export const MEDIA_ORIGIN = 'http://media.localhost';
const RENDERER = resolve('out/renderer');

export interface Harness {
  page: Page;
  handlers: Handlers;
  session: VaultSession;
  settings: SettingsStore;
  /** The temporary folder: vault/, settings.json, extracted/. */
  dir: string;
  vaultDir: string;
  /** The system idle time the auto-lock reads (powerMonitor in the app). */
  idle: { seconds: number };
  /** Stand-ins for the system dialogs and clipboard main uses in the app. */
  dialogs: {
    nextBundle: string | null;
    nextFolder: string | null;
    /** The file the next "Import a vocabulary" dialog returns (null: cancelled). */
    nextVocabulary: string | null;
    /** What the import wizard's open dialog returns (an export, then maybe a mapping file). */
    nextFile: string | null;
    clipboard: string | null;
  };
  /** Requests that tried to leave the app and were blocked. */
  blocked: string[];
  /** Uncaught errors and console errors in the page. */
  pageErrors: string[];
  /** Calls a channel as the page would, through window.vault. */
  invoke(channel: string, request?: unknown): Promise<Envelope<unknown>>;
  open(): Promise<void>;
  screenshot(name: string): Promise<void>;
  /** Every file under the vault folder, as bytes (to look for plaintext on disk). */
  vaultBytes(): Buffer;
}

function toFetchRequest(request: PwRequest): Request {
  return new Request(request.url(), { method: request.method(), headers: request.headers() });
}

async function fulfil(route: Route, response: Response): Promise<void> {
  await route.fulfill({
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    body: Buffer.from(await response.arrayBuffer()),
  });
}

function readAll(dir: string): Buffer[] {
  const out: Buffer[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...readAll(path));
    else out.push(readFileSync(path));
  }
  return out;
}

/** Starts one app (a vault, its handlers, a page) and stops it after `use`. */
export async function runApp(
  page: Page,
  testInfo: TestInfo,
  name: string,
  use: (harness: Harness) => Promise<void>,
): Promise<void> {
  {
    const prefix = name;
    const dir = mkdtempSync(join(tmpdir(), 'tv-e2e-'));
    const vaultDir = join(dir, 'vault');
    const session = new VaultSession({ dir: vaultDir, vaultOptions: { kdf: TEST_KDF } });
    const settings = new SettingsStore(join(dir, 'settings.json'), {
      autoLockMinutes: 5,
      language: 'en',
      region: '',
    });
    const uploads = new Uploads();
    const dialogs: Harness['dialogs'] = {
      nextBundle: null,
      nextFolder: null,
      nextVocabulary: null,
      nextFile: null,
      clipboard: null,
    };
    const emit = <E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]) => {
      void page
        .evaluate(
          ([e, p]) =>
            (window as unknown as { __tvaultEmit(e: string, p: unknown): void }).__tvaultEmit(e, p),
          [event, payload] as const,
        )
        .catch(() => undefined);
    };
    session.onLock((reason) => {
      uploads.cancelAll();
      emit('vault.locked', { reason });
    });
    const handlers = createHandlers({
      session,
      settings,
      uploads,
      emit,
      info: { version: 'e2e', mediaOrigin: MEDIA_ORIGIN, panicShortcut: PANIC_SHORTCUT },
      dialogs: {
        saveFile: async (name) => {
          mkdirSync(join(dir, 'extracted'), { recursive: true });
          return join(dir, 'extracted', name);
        },
        openBundle: async () => dialogs.nextBundle,
        openVocabulary: async () => dialogs.nextVocabulary,
        chooseFolder: async () => dialogs.nextFolder,
        openFile: async () => dialogs.nextFile,
      },
      clipboard: { writeText: (text) => (dialogs.clipboard = text) },
    });
    const idle = { seconds: 0 };
    const autoLock = new AutoLock({
      idleSeconds: () => idle.seconds,
      minutes: () => settings.get().autoLockMinutes,
      isUnlocked: () => session.current() !== null,
      lock: (reason) => session.lock(reason),
      intervalMs: 200,
    });
    autoLock.start();

    const blocked: string[] = [];
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });

    const csp = contentSecurityPolicy({ media: MEDIA_ORIGIN });
    await page.route('**/*', async (route) => {
      const request = route.request();
      const origin = new URL(request.url()).origin;
      if (origin === APP_ORIGIN) {
        return fulfil(route, await serveAppFile(toFetchRequest(request), { root: RENDERER, csp }));
      }
      if (origin === MEDIA_ORIGIN) {
        const response = await handleMediaRequest(toFetchRequest(request), {
          source: () => mediaSourceOf(session.current()),
          allowOrigin: APP_ORIGIN,
        });
        return fulfil(route, response);
      }
      blocked.push(request.url());
      return route.abort('blockedbyclient');
    });

    // The same sender check as register.ts: only the app's own top-level frame may call.
    await page.exposeBinding(
      '__tvaultInvoke',
      async (source, channel: unknown, request: unknown) => {
        if (
          source.frame !== source.page.mainFrame() ||
          new URL(source.frame.url()).origin !== APP_ORIGIN
        ) {
          return forbidden();
        }
        return dispatch(handlers, channel, request, (error) =>
          pageErrors.push(`internal: ${String(error)}`),
        );
      },
    );
    // What src/preload/index.ts does with contextBridge, from the same channel list.
    await page.addInitScript(
      ({ channels, events }) => {
        const w = window as unknown as {
          __tvaultInvoke(channel: string, request: unknown): Promise<unknown>;
        };
        const listeners = new Map<string, Set<(payload: unknown) => void>>();
        const api: Record<string, unknown> = {};
        for (const channel of channels)
          api[channel] = (request: unknown) => w.__tvaultInvoke(channel, request);
        api.on = (event: string, listener: (payload: unknown) => void) => {
          if (!events.includes(event)) return () => undefined;
          const set = listeners.get(event) ?? new Set();
          set.add(listener);
          listeners.set(event, set);
          return () => set.delete(listener);
        };
        Object.defineProperty(window, 'vault', { value: Object.freeze(api) });
        Object.defineProperty(window, '__tvaultEmit', {
          value: (event: string, payload: unknown) =>
            listeners.get(event)?.forEach((l) => l(payload)),
        });
      },
      { channels: [...CHANNELS] as string[], events: [...EVENTS] as string[] },
    );

    const harness: Harness = {
      page,
      handlers,
      session,
      settings,
      dir,
      vaultDir,
      idle,
      dialogs,
      blocked,
      pageErrors,
      invoke: (channel, request = {}) =>
        page.evaluate(
          ([c, r]) =>
            (window.vault as unknown as Record<string, (r: unknown) => Promise<Envelope<unknown>>>)[
              c
            ]!(r),
          [channel, request] as const,
        ),
      open: async () => {
        await page.goto(`${APP_ORIGIN}/index.html`);
      },
      screenshot: async (shot) => {
        mkdirSync('artifacts/screenshots', { recursive: true });
        const file = join('artifacts/screenshots', `${prefix}${shot}.png`);
        await page.screenshot({ path: file });
        await testInfo.attach(shot, { path: file, contentType: 'image/png' });
      },
      vaultBytes: () => Buffer.concat(readAll(vaultDir)),
    };

    try {
      await use(harness);
    } finally {
      autoLock.stop();
      session.lock('quit');
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

export const test = base.extend<{ app: Harness; partner: Harness }>({
  app: async ({ page }, use, testInfo) => runApp(page, testInfo, '', use),
  /** A second app with its own vault, in its own browser context: a partner organisation. */
  partner: async ({ browser }, use, testInfo) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    try {
      await runApp(await context.newPage(), testInfo, 'partner-', use);
    } finally {
      await context.close();
    }
  },
});

export { expect } from '@playwright/test';
