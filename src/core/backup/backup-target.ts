import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { BackupInvalidError, InvalidInputError } from '../../shared/errors';
import { fsyncDir, writeFileAtomic } from '../fs/atomic';
import { FileIoError } from '../fs/errors';
import type { Vault } from '../vault/vault';
import { VAULT_FILES } from '../vault/paths';
import { BACKUP_MARKER, UNFINISHED_FORMAT, UNFINISHED_MARKER, readMarker } from './backup-folder';

/**
 * What the target held before this run: nothing (`new`: this run made it), an empty folder, a
 * backup of this vault a killed run left unfinished (`unfinished`: this run takes it over), or a
 * previous backup. A failed run removes what it added to the first two; an unfinished one stays
 * unfinished (its marker kept) for the next run.
 */
export type TargetKind = 'new' | 'empty' | 'unfinished' | 'previous';

/**
 * Names a killed backup run may leave in the folder, all of them ours: the database copy in
 * progress (with SQLite's journal), writeFileAtomic's temporaries, a blob being copied.
 */
const STALE_IN_FOLDER = [
  /^\.vault\.db\.tmp-[0-9a-f]+(-journal|-wal|-shm)?$/,
  /^(vault\.json|backup\.json|\.tvault-backup-unfinished)\.tmp-\d+$/,
];
const STALE_IN_BLOBS = /^\.tmp-[0-9a-f]+$/;

/**
 * Checks and claims the backup folder. A new or empty folder gets the unfinished marker (naming
 * this vault) before anything else is written in it, so that a run killed half-way leaves a
 * folder the next run recognises as its own and completes, and never takes for one a folder
 * holding the user's files (a vault folder without backup.json looks exactly like a backup the
 * kill stopped before its marker).
 */
export function prepareTarget(vault: Vault, out: string): TargetKind {
  const inside = relative(vault.dir, out);
  if (inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside)))
    throw new InvalidInputError('The backup folder cannot be inside the vault folder.');
  if (!existsSync(out)) {
    try {
      // Not recursive when the parent exists: Node's recursive mkdir reports a read-only disk
      // as ENOENT, which would read "no such folder".
      mkdirSync(out, { recursive: !existsSync(dirname(out)), mode: 0o700 });
    } catch (error) {
      throw new FileIoError('Cannot create the backup folder', out, error);
    }
    try {
      markUnfinished(vault, out);
    } catch (error) {
      rmSync(out, { recursive: true, force: true });
      throw error;
    }
    return 'new';
  }
  if (!statSync(out).isDirectory()) throw new BackupInvalidError(out, 'it is a file');
  const names = readdirSync(out);
  // Empty, or killed between mkdir and the marker: at most the marker's own temporary file.
  if (names.every((name) => name.startsWith(`${UNFINISHED_MARKER}.tmp-`))) {
    for (const name of names) rmSync(join(out, name), { force: true });
    markUnfinished(vault, out);
    return 'empty';
  }
  if (!names.includes(BACKUP_MARKER) && names.includes(UNFINISHED_MARKER)) {
    if (unfinishedVaultId(out) !== vault.vaultId)
      throw new BackupInvalidError(out, 'it is an unfinished backup of another vault');
    sweepStale(out);
    return 'unfinished';
  }
  const marker = readMarker(out);
  if (marker.vaultId !== vault.vaultId)
    throw new BackupInvalidError(out, 'it is the backup of another vault');
  sweepStale(out);
  // Killed between backup.json and the marker's removal: the backup is whole.
  rmSync(join(out, UNFINISHED_MARKER), { force: true });
  return 'previous';
}

/** The backup is whole (backup.json written): the folder is no longer an unfinished one. */
export function markFinished(out: string): void {
  rmSync(join(out, UNFINISHED_MARKER), { force: true });
  fsyncDir(out);
}

function markUnfinished(vault: Vault, out: string): void {
  const marker = { format: UNFINISHED_FORMAT, vaultId: vault.vaultId };
  try {
    writeFileAtomic(join(out, UNFINISHED_MARKER), `${JSON.stringify(marker)}\n`);
  } catch (error) {
    throw new FileIoError('Cannot write the backup', out, error);
  }
}

function unfinishedVaultId(out: string): string | null {
  try {
    const marker = JSON.parse(readFileSync(join(out, UNFINISHED_MARKER), 'utf8')) as {
      format?: unknown;
      vaultId?: unknown;
    };
    return marker.format === UNFINISHED_FORMAT && typeof marker.vaultId === 'string'
      ? marker.vaultId
      : null;
  } catch {
    return null;
  }
}

/** Removes what a killed run left by the names only a backup run uses; nothing else. */
function sweepStale(out: string): void {
  for (const name of readdirSync(out))
    if (STALE_IN_FOLDER.some((pattern) => pattern.test(name)))
      rmSync(join(out, name), { force: true });
  const blobs = join(out, VAULT_FILES.blobs);
  if (!existsSync(blobs)) return;
  for (const name of readdirSync(blobs))
    if (STALE_IN_BLOBS.test(name)) rmSync(join(blobs, name), { force: true });
}
