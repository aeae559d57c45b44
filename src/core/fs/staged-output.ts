import { randomBytes } from 'node:crypto';
import { copyFile, type FileHandle, link, lstat, open, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FileExistsError } from '../../shared/errors';
import { fsyncDir } from './atomic';
import { isNodeError } from './errors';
import { UnnamedFile } from './unnamed-file';

/**
 * A file the user asked for (an extracted attachment, a bundle), written where it will live but
 * invisible until it is complete (docs/security.md, "Files written outside the vault"):
 *
 * - on Linux, an unnamed O_TMPFILE file in the destination folder, linked to its name at the
 *   end: a process killed before that leaves nothing at all;
 * - elsewhere (or on file systems without O_TMPFILE: FAT, NFS), a hidden `.tvault-<hex>.partial`
 *   beside the destination, renamed at the end and removed on any failure the process lives
 *   through. Only a kill or a power cut can leave one behind.
 */
export class StagedOutput {
  private constructor(
    readonly out: string,
    readonly handle: FileHandle,
    /** A path that opens the same file (for a second, direct descriptor). */
    readonly directPath: string,
    readonly unnamed: UnnamedFile | null,
    /** The hidden name of a named stage; null for an unnamed one. */
    readonly temp: string | null,
  ) {}

  static async create(out: string): Promise<StagedOutput> {
    const folder = dirname(out);
    const unnamed = await UnnamedFile.create(folder);
    if (unnamed) return new StagedOutput(out, unnamed.handle, unnamed.procPath, unnamed, null);
    const temp = join(folder, hiddenName());
    const handle = await open(temp, 'wx', 0o600);
    return new StagedOutput(out, handle, temp, null, temp);
  }

  /**
   * Gives the complete file its name (the caller has synced it). Without `force`, an existing
   * file is never replaced, even one that appeared meanwhile (FILE.EXISTS).
   */
  async commit(force: boolean): Promise<void> {
    try {
      if (this.unnamed) {
        if (!(await this.unnamed.link(this.out, { replace: force }))) {
          // No `ln -L` on this system: copy the unnamed file to a hidden name, then place it.
          const temp = join(dirname(this.out), hiddenName());
          try {
            await copyFile(this.unnamed.procPath, temp);
            await place(temp, this.out, force);
          } finally {
            await unlink(temp).catch(() => undefined);
          }
        }
      } else {
        await place(this.temp!, this.out, force);
      }
    } finally {
      await this.handle.close().catch(() => undefined);
    }
    fsyncDir(dirname(this.out));
  }

  /** After a failure: closes and removes what was written. Never throws. */
  async discard(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    if (this.temp) await unlink(this.temp).catch(() => undefined);
  }
}

function hiddenName(): string {
  return `.tvault-${randomBytes(8).toString('hex')}.partial`;
}

/** Moves a complete named file into place: a hard link when the name must not be replaced. */
async function place(temp: string, out: string, force: boolean): Promise<void> {
  if (force) {
    await rename(temp, out);
    return;
  }
  try {
    await link(temp, out);
    await unlink(temp);
  } catch (error) {
    if (isNodeError(error, 'EEXIST')) throw new FileExistsError(out);
    // File systems without hard links (FAT, exFAT on USB sticks): check, then rename.
    if (!isNodeError(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK')) throw error;
    if (await lstat(out).catch(() => null)) throw new FileExistsError(out);
    await rename(temp, out);
  }
}
