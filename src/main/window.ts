import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './protocols/schemes';
import { preventNavigation, windowOpenHandler } from './security/guards';
import { windowOptions } from './security/web-preferences';

/** Opens the app's one window with the hardened options of security/web-preferences.ts. */
export function createMainWindow(input: {
  preloadPath: string;
  isPackaged: boolean;
  title: string;
  /** The electron-vite dev server's page (`npm run dev` only). */
  devUrl?: string | null;
}): BrowserWindow {
  // The options (contextIsolation, sandbox, nodeIntegration off, Auxclick off…) are built by
  // windowOptions() and asserted in tests/main/hardening.test.ts; the scanner cannot follow the
  // call, hence: eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  const window = new BrowserWindow(windowOptions(input)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  const contents = window.webContents;
  contents.on('will-navigate', preventNavigation);
  contents.on('will-redirect', preventNavigation);
  contents.on('will-frame-navigate', preventNavigation);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(windowOpenHandler);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(input.devUrl ?? APP_ENTRY_URL);
  return window;
}
