import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FileIoError } from '../fs/errors';
import { CHUNK_NAME } from './attachment-chunks';
import { CHANGESET_NAME, MAX_CHANGESET_BYTES } from './changeset-format';

export interface FolderScan {
  /** Complete change sets: the name is the SHA-256 of the bytes. */
  files: { name: string; bytes: Uint8Array }[];
  /** Named like a change set but not (yet) matching its name: half-synced, being written. */
  incomplete: number;
  /** Anything else: the engine's temporary files, renamed copies, foreign files. */
  other: number;
}

/**
 * Reads the team folder (docs/team.md, "The team folder"): only `<hex>.tvcs` files whose bytes
 * hash to their name count; `wanted` says which names are still of interest (not seen yet, or
 * waiting). Nothing in the folder is changed.
 */
export async function scanFolder(
  folder: string,
  wanted: (name: string) => boolean,
): Promise<FolderScan> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new FileIoError('Cannot read the team folder', folder, error);
  }
  const scan: FolderScan = { files: [], incomplete: 0, other: 0 };
  for (const name of names.sort()) {
    const match = CHANGESET_NAME.exec(name);
    if (!match) {
      // Attachment chunks are read when a change set names them (attachment-chunks.ts).
      if (!CHUNK_NAME.test(name)) scan.other += 1;
      continue;
    }
    if (!wanted(name)) continue;
    const path = join(folder, name);
    let bytes: Uint8Array;
    try {
      const info = await stat(path);
      if (!info.isFile() || info.size > MAX_CHANGESET_BYTES) {
        scan.other += 1;
        continue;
      }
      bytes = await readFile(path);
    } catch {
      // Renamed or removed by the engine between the listing and the read: next sync.
      scan.incomplete += 1;
      continue;
    }
    if (createHash('sha256').update(bytes).digest('hex') !== match[1]) {
      scan.incomplete += 1;
      continue;
    }
    scan.files.push({ name, bytes });
  }
  return scan;
}
