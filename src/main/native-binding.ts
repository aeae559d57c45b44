import { join } from 'node:path';

/**
 * Where the Electron build of better-sqlite3 lives. `npm test` runs the core under Node with the
 * package's own build in node_modules; the app runs under Electron, whose ABI differs, so
 * scripts/electron-native.mjs (run by `npm start` and `npm run dev`) builds a second copy into
 * .electron-native/<electron version>/ without touching the Node one. Packaged apps need
 * nothing: electron-builder rebuilds node_modules for Electron inside the package.
 */
export const NATIVE_DIR = '.electron-native';
export const BETTER_SQLITE3_FILE = 'better_sqlite3.node';

export function electronNativeBinding(input: {
  isPackaged: boolean;
  appPath: string;
  electronVersion: string;
}): string | undefined {
  if (input.isPackaged) return undefined;
  return join(input.appPath, NATIVE_DIR, input.electronVersion, BETTER_SQLITE3_FILE);
}
