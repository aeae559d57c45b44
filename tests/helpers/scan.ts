import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Reads every file under a vault folder (vault.db, its WAL and journal, header, temporary files,
 * blobs, anything else) and searches it for byte strings. Text needles are searched in UTF-8 and
 * in UTF-16LE (SQLite can store text as UTF-16; Windows tools write it), byte needles as given.
 *
 * Works while a vault is open: SQLite's locks are advisory, so the files can still be read, and
 * reading them then is the point (the WAL holds the latest writes until a checkpoint).
 */
export interface Hit {
  /** Path relative to the scanned folder. */
  file: string;
  encoding: 'utf8' | 'utf16le' | 'bytes';
  offset: number;
}

/** Every regular file under `dir`, recursively (hidden files included), as relative path -> bytes. */
export function readFolder(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) files.set(relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

function needlesOf(needle: string | Uint8Array): { encoding: Hit['encoding']; bytes: Buffer }[] {
  if (typeof needle !== 'string') return [{ encoding: 'bytes', bytes: Buffer.from(needle) }];
  return [
    { encoding: 'utf8', bytes: Buffer.from(needle, 'utf8') },
    { encoding: 'utf16le', bytes: Buffer.from(needle, 'utf16le') },
  ];
}

/** Every place where `needle` occurs in a file under `dir`. Empty needles are refused. */
export function findInFolder(dir: string, needle: string | Uint8Array): Hit[] {
  if (needle.length === 0) throw new Error('findInFolder: an empty needle matches everything');
  const hits: Hit[] = [];
  const files = readFolder(dir);
  for (const { encoding, bytes } of needlesOf(needle)) {
    for (const [file, content] of files) {
      let offset = content.indexOf(bytes);
      while (offset >= 0) {
        hits.push({ file, encoding, offset });
        offset = content.indexOf(bytes, offset + 1);
      }
    }
  }
  return hits;
}

/**
 * Slices of `bytes` of `size` bytes, every `size` bytes (the last one aligned to the end): to
 * look for any remnant of a ciphertext, not just the whole of it.
 */
export function windowsOf(bytes: Uint8Array, size = 32): Uint8Array[] {
  if (bytes.length <= size) return [bytes];
  const out: Uint8Array[] = [];
  for (let start = 0; start + size <= bytes.length; start += size)
    out.push(bytes.subarray(start, start + size));
  out.push(bytes.subarray(bytes.length - size));
  return out;
}
