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
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  BackupInvalidError,
  IntegrityError,
  InvalidInputError,
  VaultError,
} from '../../shared/errors';
import { fsyncDir, writeFileAtomic } from '../fs/atomic';
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
  readMarker,
  settleDatabaseCopy,
} from './backup-folder';

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

function ioError(what: string, error: unknown): VaultError {
  const code = (error as { code?: string } | null)?.code;
  const reason = code === 'ENOSPC' ? 'the disk is full' : (code ?? 'write failed');
  return new VaultError(
    'FILE.IO',
    `${what}: ${reason}. The previous backup (if any) is unchanged.`,
    {
      ...(code ? { reason: code } : {}),
    },
  );
}

/** The target must be empty, missing, or a backup of this same vault; never inside the vault. */
function prepareTarget(vault: Vault, out: string): void {
  const inside = relative(vault.dir, out);
  if (inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)))
    throw new InvalidInputError('The backup folder cannot be inside the vault folder.');
  if (!existsSync(out)) {
    mkdirSync(out, { recursive: true, mode: 0o700 });
    return;
  }
  if (!statSync(out).isDirectory()) throw new BackupInvalidError(out, 'it is a file');
  if (readdirSync(out).length === 0) return;
  const marker = readMarker(out);
  if (marker.vaultId !== vault.vaultId)
    throw new BackupInvalidError(out, 'it is the backup of another vault');
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
  prepareTarget(vault, out);
  const blobsOut = join(out, VAULT_FILES.blobs);
  mkdirSync(blobsOut, { recursive: true, mode: 0o700 });
  const tempDb = join(out, `.vault.db.tmp-${newId()}`);
  const copied: string[] = [];
  const progress = options.onProgress ?? (() => undefined);
  try {
    try {
      await vault.db.backup(tempDb, {
        progress: ({ totalPages, remainingPages }) => {
          progress('database', totalPages - remainingPages, totalPages);
          return 256;
        },
      });
      settleDatabaseCopy(tempDb);
    } catch (error) {
      throw ioError('The database could not be copied', error);
    }
    const wanted = attachmentIdsOf(tempDb);
    const present = new Set(readdirSync(blobsOut));
    let done = 0;
    for (const id of wanted) {
      done += 1;
      if (present.has(id)) continue;
      const source = join(vault.blobsDir, id);
      if (!existsSync(source))
        throw new IntegrityError(`attachment ${id}`, { reason: 'blob missing in the vault' });
      const temp = join(blobsOut, `.tmp-${id}`);
      try {
        copyFileSync(source, temp);
        if (statSync(temp).size !== statSync(source).size) throw new Error('short copy');
        renameSync(temp, join(blobsOut, id));
      } catch (error) {
        rmSync(temp, { force: true });
        throw ioError(`The blob of attachment ${id} could not be copied`, error);
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
      throw ioError('The backup could not be completed', error);
    }
    const marker: BackupMarker = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      vaultId: vault.vaultId,
      madeAt: new Date().toISOString(),
      logHead: vault.custody.head(),
    };
    writeFileAtomic(join(out, BACKUP_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
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
    throw error;
  }
}
