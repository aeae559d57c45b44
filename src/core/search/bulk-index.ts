/**
 * Bulk indexing with every core: this thread decrypts records into search documents, batch by
 * batch, while worker threads analyse the previous batches into segments (segment-workers.ts).
 */
import { type SearchDoc, type SearchEngine, SEGMENT_TARGET } from '../../shared/search';
import { SegmentWorkers } from './segment-workers';

/** Below this many documents, starting workers costs more than it saves. */
export const WORKERS_FROM_DOCS = 1000;

export interface BulkIndexOptions {
  /** Workers to start (default: one per core, at most 4; 0 builds on this thread). */
  workers?: number;
  /** Documents per segment (default the engine's SEGMENT_TARGET). */
  batch?: number;
}

/**
 * Indexes the documents of `ids` into `engine`: `docOf` returns a record's search document, or
 * null when the record is gone (its document is then removed). Each batch becomes one segment
 * that replaces earlier versions of its documents. On failure the engine may hold part of the
 * batches: the caller drops it (nothing is persisted here).
 */
export async function indexInWorkers(
  engine: SearchEngine,
  ids: readonly string[],
  docOf: (id: string) => SearchDoc | null,
  options: BulkIndexOptions = {},
): Promise<void> {
  const pool = SegmentWorkers.start(options.workers);
  // Full segments, but at least one batch per worker: 5,000 documents go to both cores.
  const perWorker = Math.ceil(ids.length / Math.max(1, pool.workerCount));
  const batchSize = Math.max(1, Math.min(options.batch ?? SEGMENT_TARGET, perWorker));
  const builds: Promise<void>[] = [];
  let waited = 0;
  try {
    let batch: SearchDoc[] = [];
    const submit = (): void => {
      const docs = batch;
      batch = [];
      const built = pool
        .build(engine.newSegmentId(), docs)
        .then((bytes) => engine.addSegment(bytes));
      // Handled where it is awaited; this only keeps an early failure from counting as unhandled.
      built.catch(() => undefined);
      builds.push(built);
    };
    for (const id of ids) {
      const doc = docOf(id);
      if (doc === null) {
        engine.remove(id);
        continue;
      }
      batch.push(doc);
      if (batch.length < batchSize) continue;
      submit();
      // One batch per worker in flight while this thread decrypts the next one: memory holds
      // a bounded number of batches (two per worker measured 1.17 GB at 20,000 testimonies).
      while (pool.pending >= Math.max(1, pool.workerCount) && waited < builds.length)
        await builds[waited++];
    }
    if (batch.length > 0) submit();
    await Promise.all(builds);
  } finally {
    // Every build settles before the workers go (a rejected one must not leave others running).
    await Promise.allSettled(builds);
    await pool.close();
  }
}
