import { VaultError } from '../../shared/errors';

/**
 * File-system failures as typed errors: one line naming the file and the cause, never the
 * foreign message (which may quote data). Paths come from the user or the vault layout, but a
 * hostile file name can hold control or bidi characters: they are escaped before printing.
 */

// Matching control characters is the point (no-control-regex is off for this file: eslint.config.js).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A path or name made safe to print on one line (control and bidi characters escaped). */
export function printable(text: string, max = 300): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

/** Why the file system refused, in words, by errno or SQLite result code. */
const CAUSES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is too large for this file system',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'it already exists',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EBUSY: 'the file is busy',
  EXDEV: 'it is on another file system',
  ETXTBSY: 'the file is busy',
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'read-only: the file or its folder is not writable',
  SQLITE_CANTOPEN: 'cannot be opened: the file or its folder is not accessible',
  SQLITE_PERM: 'permission denied',
  SQLITE_IOERR: 'input/output error',
};

/** The errno or SQLite code of a foreign error, or null. */
export function errorCodeOf(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

export function isNodeError(error: unknown, ...codes: string[]): boolean {
  const code = errorCodeOf(error);
  return code !== null && codes.includes(code);
}

/** The words for a code; SQLite's extended codes (SQLITE_IOERR_WRITE…) by their family. */
export function causeOf(code: string): string | null {
  if (CAUSES[code]) return CAUSES[code]!;
  const family = /^(SQLITE_[A-Z]+?)(_[A-Z_]+)?$/.exec(code);
  if (family && CAUSES[family[1]!]) return CAUSES[family[1]!]!;
  // SQLITE_READONLY_DBMOVED and friends start with a family that has an underscore-free name.
  for (const known of Object.keys(CAUSES)) {
    if (known.startsWith('SQLITE_') && code.startsWith(`${known}_`)) return CAUSES[known]!;
  }
  return null;
}

/**
 * A file outside or inside the vault could not be read or written (missing, not a file, disk
 * full, read-only…). `details.reason` holds the errno or SQLite code (the CLI's exit code is 4
 * for ENOENT, 7 for the others).
 */
export class FileIoError extends VaultError {
  constructor(what: string, path: string, cause?: unknown) {
    const code = typeof cause === 'string' ? cause : errorCodeOf(cause);
    const words = code ? (causeOf(code) ?? code) : null;
    super('FILE.IO', `${what}: ${printable(path)}${words ? ` (${words})` : ''}.`, {
      path,
      ...(code ? { reason: code } : {}),
    });
  }
}

/**
 * Turns a foreign file-system error into a FileIoError, or returns null when it is not one.
 * Node's errors carry the path they failed on; SQLite's do not, so `databasePath` names the
 * database for those.
 */
export function fileSystemError(error: unknown, databasePath?: string): FileIoError | null {
  if (error instanceof VaultError) return null;
  const code = errorCodeOf(error);
  if (!code) return null;
  if (code.startsWith('SQLITE_')) {
    if (!databasePath || !causeOf(code)) return null;
    return new FileIoError('The vault database cannot be written', databasePath, code);
  }
  if (!/^E[A-Z]+$/.test(code) || !causeOf(code)) return null;
  const { path, syscall } = error as { path?: unknown; syscall?: unknown };
  if (typeof path !== 'string') return null;
  const action = typeof syscall === 'string' ? ACTIONS[syscall] : undefined;
  return new FileIoError(action ?? 'File-system failure', path, code);
}

const ACTIONS: Record<string, string> = {
  open: 'Cannot open',
  read: 'Cannot read',
  write: 'Cannot write',
  mkdir: 'Cannot create the folder',
  rename: 'Cannot rename',
  unlink: 'Cannot remove',
  link: 'Cannot create',
  stat: 'Cannot read',
  lstat: 'Cannot read',
  scandir: 'Cannot list the folder',
  fsync: 'Cannot write',
  ftruncate: 'Cannot write',
  copyfile: 'Cannot copy',
  chmod: 'Cannot change the permissions of',
};
