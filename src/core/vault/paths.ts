import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER = 'testimony-vault';

/**
 * Where the vault lives when no --vault or TVAULT_DIR is given: the platform's user data folder
 * (the same one Electron's app.getPath('userData') points to, plus /vault).
 */
export function defaultVaultDir(env: Record<string, string | undefined> = process.env): string {
  if (env.TVAULT_DIR) return resolve(env.TVAULT_DIR);
  const home = homedir();
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER, 'vault');
    case 'darwin':
      return join(home, 'Library', 'Application Support', APP_FOLDER, 'vault');
    default:
      return join(env.XDG_DATA_HOME ?? join(home, '.local', 'share'), APP_FOLDER);
  }
}

export const VAULT_FILES = {
  header: 'vault.json',
  database: 'vault.db',
  blobs: 'blobs',
} as const;
