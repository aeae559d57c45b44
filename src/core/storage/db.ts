import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync } from 'node:fs';
import { VaultCorruptError, VaultInUseError } from '../../shared/errors';
import { migrate } from './migrations';

export type Db = Database.Database;

export interface OpenDbOptions {
  /**
   * Path of a better-sqlite3 native addon built for the running runtime. The Electron app
   * passes the copy rebuilt for Electron's ABI (scripts/electron-native.mjs); Node (CLI, tests)
   * uses the package's own build.
   */
  nativeBinding?: string;
  /** How long to wait for another process to let go of the vault before VAULT.IN_USE. */
  busyTimeoutMs?: number;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code ?? '';
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_BUSY');
}

/**
 * Opens vault.db as the only writer: WAL for crash safety, EXCLUSIVE locking so that a second
 * process (the app and the CLI at once) is refused with VAULT.IN_USE instead of interleaving
 * writes, secure_delete so freed pages are zeroed (deleted records leave no ciphertext behind),
 * foreign keys on. The lock is an OS file lock: it goes away when the process dies.
 */
export function openDatabase(path: string, options: OpenDbOptions = {}): Db {
  let db: Db;
  try {
    // Create the file owner-only before SQLite does (its WAL inherits the mode).
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    db = new Database(path, {
      fileMustExist: false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    if (isBusy(error)) throw new VaultInUseError(path);
    throw new VaultCorruptError('the database could not be opened', { file: 'vault.db' });
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 2000}`);
    // Must precede the first access in WAL mode so that no shared-memory file is used and the
    // exclusive lock is held for the connection's lifetime.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('temp_store = MEMORY');
    // Take the exclusive lock now, so that "in use" is reported at open, not at the first write.
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok')
      throw new VaultCorruptError('the database failed its integrity check', { file: 'vault.db' });
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new VaultInUseError(path);
    if (
      error instanceof VaultCorruptError ||
      (error as { code?: string }).code?.startsWith('VAULT.')
    )
      throw error;
    const code = (error as { code?: string } | null)?.code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new VaultCorruptError('vault.db is not a valid database', { file: 'vault.db' });
    }
    throw error;
  }
}

/**
 * Moves everything in the WAL into the main file and truncates the WAL to zero bytes: after a
 * deletion, the old pages must not survive in the WAL.
 */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
