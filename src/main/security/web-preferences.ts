/**
 * The window's settings, as plain data so that tests assert them (tests/main/hardening.test.ts).
 * Types are written out here rather than imported from electron so this module loads in Node.
 */

/** No "persist:" prefix: Electron keeps this session in memory only, so decrypted media, the
 * HTTP cache and storage never reach the disk. */
export const SESSION_PARTITION = 'tvault';

export interface WebPreferencesInput {
  preloadPath: string;
  /** app.isPackaged: devtools are off in builds people use. */
  isPackaged: boolean;
}

export function webPreferences(input: WebPreferencesInput) {
  return {
    preload: input.preloadPath,
    partition: SESSION_PARTITION,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    plugins: false,
    // The spellchecker downloads dictionaries and sends typed words through the OS service.
    spellcheck: false,
    devTools: !input.isPackaged,
    navigateOnDragDrop: false,
    // Middle-click would otherwise open links as new windows (denied anyway, see guards.ts).
    disableBlinkFeatures: 'Auxclick',
    safeDialogs: true,
    autoplayPolicy: 'document-user-activation-required' as const,
    // Code cache files on disk would be harmless, but nothing of the session needs to persist.
    v8CacheOptions: 'none' as const,
    disableDialogs: false,
    enableWebSQL: false,
  };
}

export interface WindowOptionsInput extends WebPreferencesInput {
  title: string;
  iconPath?: string;
}

export function windowOptions(input: WindowOptionsInput) {
  return {
    title: input.title,
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    // Shown once the first paint is ready, so no white flash and no half-drawn UI.
    show: false,
    backgroundColor: '#f7f5f2',
    autoHideMenuBar: true,
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: webPreferences(input),
  };
}
