import Database from 'better-sqlite3';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  FileExistsError,
  IntegrityError,
  InvalidInputError,
  VaultError,
  VaultInUseError,
} from '../../shared/errors';
import { loadSodium } from '../crypto/sodium';
import { fsyncDir } from '../fs/atomic';
import { newId } from '../ids';
import { verifyVault, type VerifyReport } from '../verify/verify-vault';
import { type Credentials, Vault, type VaultOptions } from '../vault/vault';
import { VAULT_FILES } from '../vault/paths';
import { attachmentIdsOf, checkBackupStructure, readMarker } from './backup-folder';

export interface RestoreReport {
  vault: string;
  madeAt: string;
  verify: VerifyReport;
}

/** Refuses a target that another program has open (its database is held exclusively). */
function assertNotInUse(target: string): void {
  const dbPath = join(target, VAULT_FILES.database);
  if (!existsSync(dbPath)) return;
  let db: Database.Database | null = null;
  try {
    db = new Database(dbPath, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw new VaultInUseError(target);
    // A damaged vault being replaced is no reason to refuse.
  } finally {
    db?.close();
  }
}

/**
 * Restores a backup into `targetDir` (docs/custody.md, "Backup and restore"). The copy is made
 * in a sibling folder, opened with `credentials` (those the vault had when the backup was made)
 * and verified in full; only a copy that verifies takes the target's place, and an existing
 * vault there is replaced only with `force`. Any failure leaves the target as it was.
 */
export async function restoreVault(
  backupDir: string,
  targetDir: string,
  credentials: Credentials,
  options: VaultOptions & { force?: boolean } = {},
): Promise<RestoreReport> {
  // The staging folder's name is drawn from libsodium before any vault is opened.
  await loadSodium();
  const backup = resolve(backupDir);
  const target = resolve(targetDir);
  const marker = readMarker(backup);
  const problems = checkBackupStructure(backup, marker.vaultId);
  if (problems.length) throw new IntegrityError(`the backup in ${backup}`, { problems });
  const occupied =
    existsSync(target) && (!statSync(target).isDirectory() || readdirSync(target).length > 0);
  if (occupied && !options.force) throw new FileExistsError(target);
  if (occupied && !statSync(target).isDirectory())
    throw new InvalidInputError(`${target} is a file, not a folder.`);
  if (occupied) assertNotInUse(target);

  mkdirSync(dirname(target), { recursive: true });
  const staging = `${target}.restoring-${newId()}`;
  try {
    mkdirSync(join(staging, VAULT_FILES.blobs), { recursive: true, mode: 0o700 });
    copyFileSync(join(backup, VAULT_FILES.header), join(staging, VAULT_FILES.header));
    copyFileSync(join(backup, VAULT_FILES.database), join(staging, VAULT_FILES.database));
    for (const id of attachmentIdsOf(join(staging, VAULT_FILES.database)))
      cpSync(join(backup, VAULT_FILES.blobs, id), join(staging, VAULT_FILES.blobs, id));
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    const code = (error as { code?: string }).code;
    throw new VaultError(
      'FILE.IO',
      `The backup could not be copied to ${staging}${code === 'ENOSPC' ? ': the disk is full' : ''}. Nothing was changed.`,
      code ? { reason: code } : {},
    );
  }

  let verify: VerifyReport;
  try {
    const vault = await Vault.open(staging, credentials, options);
    try {
      verify = await verifyVault(vault);
      if (verify.ok)
        vault.noteCustody({
          action: 'backup.restored',
          detail: { madeAt: marker.madeAt, logSeq: marker.logHead?.seq ?? 0 },
        });
    } finally {
      vault.close();
    }
    if (!verify.ok)
      throw new IntegrityError('the restored copy', {
        problems: verify.problems.slice(0, 20).map((p) => `${p.kind} ${p.id}`),
      });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }

  // The verified copy takes the target's place; an old vault there goes only after that.
  const replaced = occupied ? `${target}.replaced-${newId()}` : null;
  if (replaced) renameSync(target, replaced);
  else if (existsSync(target)) rmSync(target, { recursive: true, force: true });
  renameSync(staging, target);
  fsyncDir(dirname(target));
  if (replaced) rmSync(replaced, { recursive: true, force: true });
  return { vault: target, madeAt: marker.madeAt, verify };
}
