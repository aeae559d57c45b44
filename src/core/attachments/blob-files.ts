import { readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir } from '../fs/atomic';
import { PARTIAL_SUFFIX, isBlobName } from './blob-format';
import { FileIoError, isNodeError } from './errors';

/**
 * Removes blobs/<id> for good and flushes the folder entry. Called after the row (the only
 * copy of the file's key) is gone: a failure leaves an unreadable orphan, which the next unlock
 * removes (removeLeftovers), and is reported as FILE.IO, never passed over in silence.
 */
export function removeBlob(blobsDir: string, id: string): void {
  const path = join(blobsDir, id);
  try {
    unlinkSync(path);
  } catch (error) {
    // Already gone is fine.
    if (isNodeError(error, 'ENOENT')) return;
    throw new FileIoError(
      'Deleted, but the encrypted file could not be removed (the next unlock removes it)',
      path,
      error,
    );
  }
  fsyncDir(blobsDir);
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
