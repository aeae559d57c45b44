import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir } from '../fs/atomic';
import { PARTIAL_SUFFIX, isBlobName } from './blob-format';
import { isNodeError } from './errors';

/** Removes blobs/<id> for good and flushes the folder entry. */
export function removeBlob(blobsDir: string, id: string): void {
  try {
    unlinkSync(join(blobsDir, id));
    fsyncDir(blobsDir);
  } catch (error) {
    // Already gone is fine; anything else leaves an orphan that the next open removes.
    if (isNodeError(error, 'ENOENT')) return;
  }
}

/**
 * After a crash: `<id>.partial` files are ingests that never finished, and a blob without a row
 * is one whose row never committed (or whose detach was cut short). Neither can ever be read
 * (the key lived only in memory, or in the deleted row), so both are removed. Files with other
 * names are not ours and are left alone.
 */
export function removeLeftovers(blobsDir: string, hasRow: (id: string) => boolean): void {
  let names: string[];
  try {
    names = readdirSync(blobsDir);
  } catch {
    return;
  }
  let removed = false;
  for (const name of names) {
    const partial =
      name.endsWith(PARTIAL_SUFFIX) && isBlobName(name.slice(0, -PARTIAL_SUFFIX.length));
    const orphan = isBlobName(name) && !hasRow(name);
    if (!partial && !orphan) continue;
    try {
      unlinkSync(join(blobsDir, name));
      removed = true;
    } catch {
      // Retried at the next open.
    }
  }
  if (removed) fsyncDir(blobsDir);
}
