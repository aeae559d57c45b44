/**
 * Bulk indexing with every core: this thread decrypts records into search documents, batch by
 * batch, while worker threads analyse the previous batches into segments (segment-workers.ts).
 */
import { type SearchDoc, type SearchEngine, SEGMENT_TARGET } from '../../shared/search';
import { SegmentWorkers } from './segment-workers';

/** Below this many documents, starting workers costs more than it saves. */
export const WORKERS_FROM_DOCS = 1000;

/**
 * Characters of text per batch a worker analyses at once. A worker's heap grows with its batch
 * (the analysed documents are kept until the segment is encoded: about 300 MB of resident
 * memory per worker for 5,000 testimonies, 12.5 million characters); batches of full segments
 * of long testimonies put the import of 150 MB of JSONL at 1.6 GB. This bounds it to about
 * 100 MB per worker, whatever the size of the import; short items still fill whole segments.
 */
export const BATCH_TEXT_CHARS = 4_000_000;

export interface BulkIndexOptions {
  /** Workers to start (default: one per core, at most 4; 0 builds on this thread). */
  workers?: number;
  /** Documents per segment (default the engine's SEGMENT_TARGET). */
  batch?: number;
  /** Characters of text per batch (default BATCH_TEXT_CHARS). */
  batchChars?: number;
}

/** What a bulk build hands on: each built segment, and the ids whose record is gone. */
export interface BuiltSegments {
  /** The segment `id`, of `docCount` documents. */
  segment(bytes: Uint8Array, docCount: number, id: string): void;
  gone(id: string): void;
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
  await buildInWorkers(
    ids,
    docOf,
    () => engine.newSegmentId(),
    { segment: (bytes) => engine.addSegment(bytes), gone: (id) => engine.remove(id) },
    options,
  );
}

/**
 * Analyses the documents of `ids` into segments on worker threads, named by `nextId`, and hands
 * each one to `out` as it is done (in the order they finish). Memory holds the batch being read
 * and one batch per worker, never the whole index.
 */
export async function buildInWorkers(
  ids: readonly string[],
  docOf: (id: string) => SearchDoc | null,
  nextId: () => string,
  out: BuiltSegments,
  options: BulkIndexOptions = {},
): Promise<void> {
  const pool = SegmentWorkers.start(options.workers);
  // Full segments, but at least one batch per worker: 5,000 documents go to both cores.
  const perWorker = Math.ceil(ids.length / Math.max(1, pool.workerCount));
  const batchSize = Math.max(1, Math.min(options.batch ?? SEGMENT_TARGET, perWorker));
  const batchChars = Math.max(1, options.batchChars ?? BATCH_TEXT_CHARS);
  const builds: Promise<void>[] = [];
  let waited = 0;
  try {
    let batch: SearchDoc[] = [];
    let chars = 0;
    const submit = (): void => {
      const docs = batch;
      batch = [];
      chars = 0;
      const id = nextId();
      const built = pool.build(id, docs).then((bytes) => out.segment(bytes, docs.length, id));
      // Handled where it is awaited; this only keeps an early failure from counting as unhandled.
      built.catch(() => undefined);
      builds.push(built);
    };
    for (const id of ids) {
      const doc = docOf(id);
      if (doc === null) {
        out.gone(id);
        continue;
      }
      batch.push(doc);
      chars += textLength(doc);
      if (batch.length < batchSize && chars < batchChars) continue;
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

/** The characters a worker analyses for a document (what its memory grows with). */
function textLength(doc: SearchDoc): number {
  let n = 0;
  for (const text of [doc.title, doc.body, doc.narrator, doc.place, doc.notes, doc.attachmentText])
    n += typeof text === 'string' ? text.length : 0;
  for (const tag of doc.tags ?? []) n += typeof tag === 'string' ? tag.length : 0;
  return n;
}
