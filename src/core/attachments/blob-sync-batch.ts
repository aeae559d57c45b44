import { open } from 'node:fs/promises';
import { FileIoError } from '../fs/errors';

/**
 * Durability for many small blobs at once (docs/attachments.md, "Many small files"). Each blob
 * on its own is written, fsynced, renamed and its folder fsynced: for a tiny file that is two
 * device round trips (plus direct I/O's own), about 55 ms, so a partner's bundle of 10,000 tiny
 * files took nine minutes. A receive instead writes small blobs through the page cache without
 * syncing, adds them here, and before its transaction commits (and every BATCH_FILES files)
 * fsyncs them all at once, then the folder once: the device sees one flush for the batch.
 *
 * Safe because nothing refers to a blob before the transaction commits: a crash before then
 * leaves blob files without rows, removed at the next unlock (blob-files.ts), never a row whose
 * blob is not on disk.
 */
export const BATCH_FILES = 256;

/** Blobs up to this size join a batch; larger ones are synced on their own as before. */
export const BATCHED_BLOB_BYTES = 1024 * 1024;

export class BlobSyncBatch {
  readonly #paths: string[] = [];

  constructor(private readonly blobsDir: string) {}

  /** Blobs written but not yet synced. */
  get pending(): number {
    return this.#paths.length;
  }

  add(path: string): void {
    this.#paths.push(path);
  }

  /** True when a blob of `size` bytes should be written without its own sync. */
  accepts(size: number | undefined): boolean {
    return size !== undefined && size <= BATCHED_BLOB_BYTES;
  }

  /** Syncs every blob added since the last flush (all in flight together), then the folder. */
  async flush(): Promise<void> {
    const paths = this.#paths.splice(0);
    if (paths.length === 0) return;
    await Promise.all(paths.map((path) => syncFile(path)));
    // The folder too, off the main thread (fsyncDir would hold it for a device round trip);
    // Windows has no folder sync (nor needs one: fs/atomic.ts).
    if (process.platform !== 'win32') await syncFile(this.blobsDir);
  }
}

async function syncFile(path: string): Promise<void> {
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new FileIoError('Cannot write the attachment into the vault', path, error);
  }
}
