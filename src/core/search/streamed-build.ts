/**
 * A whole index built from the records and stored segment by segment, never held in memory
 * together: what an import into a vault without an index (a new vault) and `tvault reindex`
 * run. Memory stays that of the batches in flight and one group of small segments, whatever
 * the number of records (issue 11: an import of 150 MB of JSONL peaked at 1.6 GB when the
 * engine kept every segment until the end).
 */
import { type SearchDoc, SearchEngine } from '../../shared/search';
import { type BulkIndexOptions, buildInWorkers } from './bulk-index';
import { BULK_SEGMENT_DOCS, Regrouper } from './regroup';
import { SegmentWorkers } from './segment-workers';

export interface StoredSegment {
  id: string;
  docCount: number;
}

/**
 * Builds the segments of `ids` on worker threads and hands each to `store` as soon as it is
 * final. The workers' batches are small (bulk-index.ts, BATCH_TEXT_CHARS); those under half a
 * segment are merged, on the workers, into segments of BULK_SEGMENT_DOCS documents or
 * MAX_GROUP_BYTES at most (regroup.ts), so a search reads few segments. Segments
 * are named seg-000001, seg-000002...: the caller stores them where no other segment is.
 */
export async function buildIndexToStore(
  ids: readonly string[],
  docOf: (id: string) => SearchDoc | null,
  store: (id: string, bytes: Uint8Array) => void,
  options: BulkIndexOptions & { segmentTarget?: number } = {},
): Promise<{ segments: StoredSegment[]; documents: number }> {
  let seq = 0;
  const nextId = (): string => SearchEngine.segmentIdAt(++seq);
  const segments: StoredSegment[] = [];
  let documents = 0;
  const pool = options.pool ?? SegmentWorkers.start(options.workers);
  const groups = new Regrouper(
    pool,
    nextId,
    (id, bytes, docCount) => {
      store(id, bytes);
      segments.push({ id, docCount });
      documents += docCount;
    },
    options.segmentTarget ?? BULK_SEGMENT_DOCS,
  );
  try {
    await buildInWorkers(ids, docOf, nextId, groups, { ...options, pool });
    await groups.finish();
  } finally {
    await groups.settle();
    if (!options.pool) await pool.close();
  }
  return { segments, documents };
}
