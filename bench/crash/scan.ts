import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every regular file under `dir` (none if it does not exist), as absolute paths. */
export function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...filesUnder(path));
    else files.push(path);
  }
  return files;
}

/**
 * The files under `dirs` that hold `marker` in either case (the write-ahead log and any temporary
 * file included), minus `allowed` (the complete output of extract, plaintext on purpose).
 */
export function plaintextFiles(dirs: string[], marker: string, allowed: string[] = []): string[] {
  const needles = [Buffer.from(marker), Buffer.from(marker.toLowerCase())];
  const found: string[] = [];
  for (const dir of dirs) {
    for (const file of filesUnder(dir)) {
      if (allowed.includes(file)) continue;
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      if (needles.some((needle) => bytes.includes(needle))) found.push(file);
    }
  }
  return found;
}

/** Names a write in progress uses: staged outputs, blob ingests, SQLite's rollback journal. */
const TEMPORARY = [/\.partial$/, /\.tmp$/, /^\.tvault-/, /-journal$/, /~$/];

/** Files under `dir` whose name marks a temporary or partial file, relative to `dir`. */
export function temporaryFiles(dir: string): string[] {
  return filesUnder(dir)
    .filter((file) => TEMPORARY.some((pattern) => pattern.test(file.split('/').pop()!)))
    .map((file) => relative(dir, file));
}

/** Encrypted files in the vault's blobs folder. */
export function blobCount(vault: string): number {
  return filesUnder(join(vault, 'blobs')).filter((file) => statSync(file).isFile()).length;
}
