import Database from 'better-sqlite3';
import { chmodSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BackupInvalidError } from '../../shared/errors';
import { VAULT_FILES } from '../vault/paths';
import { attachmentIds } from '../storage/tables/attachments';
import { storedVaultId } from '../storage/tables/meta';

/**
 * A backup folder is a vault folder (vault.json, vault.db, blobs/) plus backup.json, which says
 * what it is and of which vault. Everything in it is the vault's own ciphertext: a backup never
 * holds plaintext, and it opens with the passphrase (or recovery key) the vault had when the
 * backup was made.
 */
export const BACKUP_MARKER = 'backup.json';
export const BACKUP_FORMAT = 'testimony-vault-backup';
export const BACKUP_VERSION = 1;
/**
 * Written first into a new or empty backup folder and removed once backup.json is in place:
 * it says the folder is this vault's backup in the making, which the next run may complete.
 */
export const UNFINISHED_MARKER = '.tvault-backup-unfinished';
export const UNFINISHED_FORMAT = 'testimony-vault-backup-unfinished';

export interface BackupMarker {
  format: typeof BACKUP_FORMAT;
  version: number;
  vaultId: string;
  madeAt: string;
  /** The custody log's head in the copy, for matching a backup against a log. */
  logHead: { seq: number; hash: string } | null;
}

export function readMarker(dir: string): BackupMarker {
  const path = join(dir, BACKUP_MARKER);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new BackupInvalidError(dir, 'no such folder');
  if (!existsSync(path) && existsSync(join(dir, UNFINISHED_MARKER)))
    throw new BackupInvalidError(
      dir,
      'it is unfinished (run the same backup again to complete it)',
    );
  if (!existsSync(path)) throw new BackupInvalidError(dir, `it has no ${BACKUP_MARKER}`);
  let marker: Partial<BackupMarker>;
  try {
    marker = JSON.parse(readFileSync(path, 'utf8')) as Partial<BackupMarker>;
  } catch {
    throw new BackupInvalidError(dir, `${BACKUP_MARKER} is not valid JSON`);
  }
  if (marker?.format !== BACKUP_FORMAT || typeof marker.vaultId !== 'string')
    throw new BackupInvalidError(dir, `${BACKUP_MARKER} is not a Testimony Vault backup marker`);
  if (typeof marker.version !== 'number' || marker.version > BACKUP_VERSION)
    throw new BackupInvalidError(dir, 'it was made by a newer version');
  for (const file of [VAULT_FILES.header, VAULT_FILES.database])
    if (!existsSync(join(dir, file))) throw new BackupInvalidError(dir, `${file} is missing`);
  return marker as BackupMarker;
}

/**
 * Turns a fresh copy made by the online backup API into a self-contained file: rollback journal
 * instead of WAL (so that reading it, even read-only, leaves no -wal or -shm files beside it),
 * owner-only like the vault's own database.
 */
export function settleDatabaseCopy(dbPath: string): void {
  const db = new Database(dbPath, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  chmodSync(dbPath, 0o600);
}

/** Blob ids a database copy refers to (attachment rows), read without any key. */
export function attachmentIdsOf(dbPath: string): Set<string> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return new Set(attachmentIds(db));
  } finally {
    db.close();
  }
}

/** A database copy passes SQLite's integrity check and names this vault; else the problems. */
export function checkDatabaseCopy(dbPath: string, vaultId: string): string[] {
  let db: Database.Database;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
  } catch {
    return ['vault.db cannot be opened'];
  }
  try {
    const problems: string[] = [];
    if (db.pragma('integrity_check', { simple: true }) !== 'ok')
      problems.push('vault.db fails its integrity check');
    if (storedVaultId(db) !== vaultId) problems.push('vault.db belongs to another vault');
    return problems;
  } catch {
    return ['vault.db is not a vault database'];
  } finally {
    db.close();
  }
}

/** Attachments the database refers to whose blob is not in `blobsDir`. */
export function missingBlobs(dbPath: string, blobsDir: string): string[] {
  const blobs = new Set(existsSync(blobsDir) ? readdirSync(blobsDir) : []);
  return [...attachmentIdsOf(dbPath)]
    .filter((id) => !blobs.has(id))
    .map((id) => `the blob of attachment ${id} is missing`);
}

/**
 * Checks a backup folder's structure without keys (the database, its vault id, every blob it
 * refers to). The full cryptographic check is `tvault verify` on the restored vault.
 */
export function checkBackupStructure(dir: string, vaultId: string): string[] {
  const dbPath = join(dir, VAULT_FILES.database);
  const problems = checkDatabaseCopy(dbPath, vaultId);
  return problems.length ? problems : missingBlobs(dbPath, join(dir, VAULT_FILES.blobs));
}
