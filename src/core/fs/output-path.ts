import { lstatSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { FileExistsError, InvalidInputError } from '../../shared/errors';
import { FileIoError } from './errors';

/** True when `path` is `dir` or lies below it (both already resolved). */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Checks a file the user asked us to write (an extracted file, a bundle) before anything is
 * written: its folder exists (FILE.IO, ENOENT: exit 4), the path is not a folder (INPUT.INVALID),
 * it lies outside the vault folder (plaintext and exports never land inside it), and it exists
 * only if `force`. Returns the resolved path.
 */
export function checkOutputPath(
  outPath: string,
  options: { vaultDir: string; force?: boolean; what: string },
): string {
  if (typeof outPath !== 'string' || outPath === '' || outPath.includes('\0'))
    throw new InvalidInputError('Give a file path to write to.');
  const out = resolve(outPath);
  const parent = dirname(out);
  try {
    if (!statSync(parent).isDirectory()) throw new FileIoError('Not a folder', parent, 'ENOTDIR');
  } catch (error) {
    if (error instanceof FileIoError) throw error;
    throw new FileIoError(`The folder to write ${options.what} into does not exist`, parent, error);
  }
  if (isInside(realpathSync(parent), realpathSync(options.vaultDir)))
    throw new InvalidInputError(`Write ${options.what} to a place outside the vault folder.`);
  let existing: ReturnType<typeof lstatSync> | null = null;
  try {
    existing = lstatSync(out);
  } catch {
    existing = null;
  }
  if (existing?.isDirectory())
    throw new InvalidInputError(`${basename(out)} is a folder; give a file path.`, { path: out });
  if (existing && !options.force) throw new FileExistsError(out);
  return out;
}
