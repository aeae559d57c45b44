import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * Finds an attachment an export names inside the --files folder. Names come from the export,
 * which may be hostile: absolute paths, drive letters, ".." segments, NUL and names that lead
 * out of the folder through a symbolic link are refused, never opened. Reasons never quote the
 * name.
 */
export type FoundFile = { path: string } | { problem: 'refused' | 'missing' };

export function findAttachment(filesDir: string, name: string): FoundFile {
  if (
    name === '' ||
    name.includes('\0') ||
    isAbsolute(name) ||
    /^[a-zA-Z]:/.test(name) ||
    name.startsWith('\\') ||
    name.split(/[\\/]/).some((part) => part === '..')
  ) {
    return { problem: 'refused' };
  }
  let root: string;
  try {
    root = realpathSync(filesDir);
  } catch {
    return { problem: 'missing' };
  }
  const candidate = resolve(root, name.replace(/\\/g, '/'));
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return { problem: 'missing' };
  }
  const inside = relative(root, real);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    return { problem: 'refused' };
  }
  try {
    if (!statSync(real).isFile()) return { problem: 'missing' };
  } catch {
    return { problem: 'missing' };
  }
  return { path: real };
}
