import { join } from 'node:path';

/**
 * Where the Electron build of better-sqlite3 lives. `npm test` runs the core under Node with the
 * package's own build in node_modules; the app runs under Electron, whose ABI differs, so
 * scripts/electron-native.mjs (run by `npm start`, `npm run dev` and `npm run package`) builds a
 * second copy into .electron-native/<electron version>/ without touching the Node one. A packaged
 * app carries that copy in its resources (electron-builder.config.cjs, extraResources), outside
 * app.asar, since a native module cannot be loaded from inside the archive.
 */
export const NATIVE_DIR = '.electron-native';
/** The folder under process.resourcesPath of a packaged app. */
export const PACKAGED_NATIVE_DIR = 'native';
export const BETTER_SQLITE3_FILE = 'better_sqlite3.node';

export function electronNativeBinding(input: {
  isPackaged: boolean;
  appPath: string;
  /** process.resourcesPath: the packaged app's resources folder. */
  resourcesPath: string;
  electronVersion: string;
}): string {
  if (input.isPackaged) return join(input.resourcesPath, PACKAGED_NATIVE_DIR, BETTER_SQLITE3_FILE);
  return join(input.appPath, NATIVE_DIR, input.electronVersion, BETTER_SQLITE3_FILE);
}
