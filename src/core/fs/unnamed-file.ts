import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { type FileHandle, lstat, open, unlink } from 'node:fs/promises';
import { FileExistsError } from '../../shared/errors';
import { isNodeError } from './errors';

/**
 * A new file with no name in the file system until `link` gives it one (docs/security.md,
 * "Files written outside the vault"): Linux's O_TMPFILE. Whatever happens to the process before
 * the link (a crash, kill -9, a power cut), the kernel frees the file: nothing readable is left
 * behind, not even under a hidden name.
 *
 * Node exports no O_TMPFILE constant. Its value is the kernel's __O_TMPFILE bit (0o20000000 on
 * every architecture Node runs on under Linux) with O_DIRECTORY, which Node does export (and
 * which differs between architectures). A kernel or file system without support refuses the
 * open (EISDIR, EOPNOTSUPP, EINVAL): `create` then returns null and the caller uses a named
 * temporary file.
 *
 * Linking needs linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N, which Node does not offer either
 * (fs.link does not follow the /proc link and fails with EXDEV). `ln -L` does exactly that
 * call: it is given the descriptor as its own fd 3 and links /proc/self/fd/3.
 */
const TMPFILE_BIT = 0o20000000;

export class UnnamedFile {
  private constructor(readonly handle: FileHandle) {}

  /** An unnamed file in `dir` (mode 0600), or null where the platform has no O_TMPFILE. */
  static async create(dir: string): Promise<UnnamedFile | null> {
    if (process.platform !== 'linux') return null;
    const flags = TMPFILE_BIT | constants.O_DIRECTORY | constants.O_RDWR;
    try {
      return new UnnamedFile(await open(dir, flags, 0o600));
    } catch (error) {
      if (isNodeError(error, 'EISDIR', 'EOPNOTSUPP', 'ENOTSUP', 'EINVAL')) return null;
      throw error;
    }
  }

  /** The file as /proc shows it: opens it again (another descriptor of the same file). */
  get procPath(): string {
    return `/proc/self/fd/${this.handle.fd}`;
  }

  /**
   * Gives the file its name. Without `replace`, an existing `path` is never touched
   * (FILE.EXISTS); with it, the old file is removed first (a crash in between leaves neither,
   * never a partial file). Returns false where `ln -L` is not available: the caller then copies.
   */
  async link(path: string, options: { replace?: boolean } = {}): Promise<boolean> {
    if (options.replace) await unlink(path).catch(() => undefined);
    const status = await lnLogical(this.handle.fd, path);
    if (status === 0) return true;
    if (await lstat(path).catch(() => null)) throw new FileExistsError(path);
    return false;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Runs `ln -L -- /proc/self/fd/3 path` with `fd` as the child's fd 3; its exit status. */
function lnLogical(fd: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('ln', ['-L', '--', '/proc/self/fd/3', path], {
      stdio: ['ignore', 'ignore', 'ignore', fd],
    });
    child.on('error', () => resolve(-1));
    child.on('close', (code) => resolve(code ?? -1));
  });
}
