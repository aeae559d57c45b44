import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, openSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { VaultCorruptError, VaultInUseError } from '../../shared/errors';
import { FileIoError, causeOf, errorCodeOf } from '../fs/errors';
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
  /**
   * Leave the schema as it is (no migration): Vault.open migrates only after the vault header
   * and the database's vault id were checked, so that a failing open never writes.
   */
  skipMigrations?: boolean;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Bytes 18 and 19 of the header: file format write and read versions, 2 = WAL. */
// File format version bytes 18/19: 1 = rollback journal, 2 = WAL. A vault runs in WAL, but a
// copy made by SQLite's online backup API (tvault backup) carries 1 until it is opened, so both
// are a vault database's; anything else is not SQLite's.
const FILE_FORMATS: readonly number[] = [1, 2];

/**
 * Checks an existing vault.db's first bytes without SQLite (which would happily turn an empty
 * or foreign file into a fresh database and write it): the SQLite magic string and the WAL
 * format every vault database has. Reads only.
 */
export function checkDatabaseFile(path: string): void {
  const header = Buffer.alloc(100);
  let read = 0;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new FileIoError('Cannot open the vault database', path, error);
  }
  try {
    read = readSync(fd, header, 0, header.length, 0);
  } catch (error) {
    throw new FileIoError('Cannot read the vault database', path, error);
  } finally {
    closeSync(fd);
  }
  if (read === 0) throw new VaultCorruptError('vault.db is empty', { file: 'vault.db' });
  if (
    read < header.length ||
    !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC) ||
    !FILE_FORMATS.includes(header[18]!) ||
    !FILE_FORMATS.includes(header[19]!)
  ) {
    throw new VaultCorruptError('vault.db is not a vault database', { file: 'vault.db' });
  }
}

/**
 * SQLite's file-system failures as FILE.IO naming the file. SQLite falls back to a read-only
 * descriptor when it cannot write and then fails later with a vaguer code (SQLITE_IOERR_LOCK),
 * so the file and its folder are asked directly whether they can be written.
 */
function asFileError(error: unknown, path: string): FileIoError | null {
  const code = errorCodeOf(error);
  if (!code?.startsWith('SQLITE_') || !causeOf(code)) return null;
  for (const target of [path, dirname(path)]) {
    try {
      accessSync(target, constants.W_OK);
    } catch (denied) {
      return new FileIoError('The vault is not writable', target, denied);
    }
  }
  return new FileIoError('Cannot open the vault database', path, code);
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
    throw (
      asFileError(error, path) ??
      new VaultCorruptError('the database could not be opened', { file: 'vault.db' })
    );
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
    if (!options.skipMigrations) migrate(db);
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
    throw asFileError(error, path) ?? error;
  }
}

/**
 * Moves everything in the WAL into the main file and truncates the WAL to zero bytes: after a
 * deletion, the old pages must not survive in the WAL.
 */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
