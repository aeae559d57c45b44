import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { IntegrityError, VaultError } from '../../shared/errors';
import { fsyncDir, writeFileAtomic } from '../fs/atomic';
import { FileIoError } from '../fs/errors';
import { newId } from '../ids';
import type { Vault } from '../vault/vault';
import { VAULT_FILES } from '../vault/paths';
import {
  BACKUP_FORMAT,
  BACKUP_MARKER,
  BACKUP_VERSION,
  type BackupMarker,
  attachmentIdsOf,
  checkDatabaseCopy,
  missingBlobs,
  settleDatabaseCopy,
} from './backup-folder';
import { markFinished, prepareTarget } from './backup-target';

export interface BackupReport {
  path: string;
  blobsCopied: number;
  blobsKept: number;
  blobsRemoved: number;
  databaseBytes: number;
}

export interface BackupOptions {
  onProgress?: (phase: 'database' | 'blobs', done: number, total: number) => void;
}

/**
 * A write into the backup folder failed (a full disk, a read-only disk): FILE.IO naming the
 * folder and the cause, exit 7. The previous backup there, if any, is left as it was.
 */
function ioError(out: string, error: unknown): VaultError {
  if (error instanceof VaultError) return error;
  return new FileIoError(
    'Cannot write the backup (a previous backup there is unchanged)',
    out,
    error,
  );
}

/**
 * Copies the open vault into `outDir` (docs/custody.md, "Backup and restore"): the database
 * through SQLite's online backup API (a consistent snapshot even while the vault is written
 * to by this process), then every blob the snapshot refers to that the folder lacks (blobs never
 * change once written, so an existing one is kept), then the header and the marker. The new
 * database replaces the old copy only once complete and checked; blobs no longer referred to
 * are removed last. A failure (a full disk) leaves the previous backup as it was.
 */
export function backupVault(
  vault: Vault,
  outDir: string,
  options: BackupOptions = {},
): Promise<BackupReport> {
  // Never during an import: its open transaction cannot be copied (Vault.oneAtATime).
  return vault.oneAtATime(() => backupNow(vault, outDir, options));
}

async function backupNow(
  vault: Vault,
  outDir: string,
  options: BackupOptions,
): Promise<BackupReport> {
  const out = resolve(outDir);
  const before = prepareTarget(vault, out);
  const blobsOut = join(out, VAULT_FILES.blobs);
  const tempDb = join(out, `.vault.db.tmp-${newId()}`);
  const copied: string[] = [];
  const progress = options.onProgress ?? (() => undefined);
  try {
    try {
      mkdirSync(blobsOut, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw ioError(out, error);
    }
    try {
      await vault.db.backup(tempDb, {
        progress: ({ totalPages, remainingPages }) => {
          progress('database', totalPages - remainingPages, totalPages);
          return 256;
        },
      });
      settleDatabaseCopy(tempDb);
    } catch (error) {
      throw ioError(out, error);
    }
    const wanted = attachmentIdsOf(tempDb);
    const present = new Set(readdirSync(blobsOut));
    let done = 0;
    for (const id of wanted) {
      done += 1;
      const source = join(vault.blobsDir, id);
      if (!existsSync(source))
        throw new IntegrityError(`attachment ${id}`, { reason: 'blob missing in the vault' });
      // Blobs never change: one already there of the right size is a whole copy (a copy is
      // renamed in only once complete; the size catches one a power cut left short).
      if (present.has(id) && statSync(join(blobsOut, id)).size === statSync(source).size) continue;
      const temp = join(blobsOut, `.tmp-${id}`);
      try {
        copyFileSync(source, temp);
        if (statSync(temp).size !== statSync(source).size) throw new Error('short copy');
        renameSync(temp, join(blobsOut, id));
      } catch (error) {
        rmSync(temp, { force: true });
        throw ioError(out, error);
      }
      copied.push(id);
      progress('blobs', done, wanted.size);
    }
    fsyncDir(blobsOut);
    // Checked before it replaces anything: a sound database of this vault, every blob present.
    const problems = checkDatabaseCopy(tempDb, vault.vaultId);
    if (problems.length === 0) problems.push(...missingBlobs(tempDb, blobsOut));
    if (problems.length) throw new IntegrityError('the new backup', { problems });
    // From here the new copy is complete: swap it in, then drop what it no longer needs.
    const databaseBytes = statSync(tempDb).size;
    try {
      writeFileAtomic(
        join(out, VAULT_FILES.header),
        readFileSync(join(vault.dir, VAULT_FILES.header)),
      );
      renameSync(tempDb, join(out, VAULT_FILES.database));
      fsyncDir(out);
    } catch (error) {
      throw ioError(out, error);
    }
    const marker: BackupMarker = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      vaultId: vault.vaultId,
      madeAt: new Date().toISOString(),
      logHead: vault.custody.headIfSound(),
    };
    try {
      writeFileAtomic(join(out, BACKUP_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
      markFinished(out);
    } catch (error) {
      throw ioError(out, error);
    }
    let removed = 0;
    for (const name of readdirSync(blobsOut)) {
      if (wanted.has(name)) continue;
      rmSync(join(blobsOut, name), { force: true });
      removed += 1;
    }
    const report = {
      path: out,
      blobsCopied: copied.length,
      blobsKept: wanted.size - copied.length,
      blobsRemoved: removed,
      databaseBytes,
    };
    vault.noteCustody({
      action: 'backup.made',
      detail: {
        blobsCopied: report.blobsCopied,
        blobsKept: report.blobsKept,
        blobsRemoved: removed,
        logSeq: marker.logHead?.seq ?? 0,
      },
    });
    return report;
  } catch (error) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(tempDb + suffix, { force: true });
    // New blobs of a failed run are not referred to by the previous copy: remove them.
    for (const id of copied) rmSync(join(blobsOut, id), { force: true });
    // What this run made holds nothing of value: leave no half backup behind.
    if (before === 'new') rmSync(out, { recursive: true, force: true });
    if (before === 'empty') {
      const names = existsSync(out) ? readdirSync(out) : [];
      for (const name of names) rmSync(join(out, name), { recursive: true, force: true });
    }
    throw error;
  }
}
