/**
 * A whole index built from the records and stored segment by segment, never held in memory
 * together: what an import into a vault without an index (a new vault) and `tvault reindex`
 * run. Memory stays that of the batches in flight and one group of small segments, whatever
 * the number of records (issue 11: an import of 150 MB of JSONL peaked at 1.6 GB when the
 * engine kept every segment until the end).
 */
import { type SearchDoc, SEGMENT_TARGET, SearchEngine } from '../../shared/search';
import { type BulkIndexOptions, buildInWorkers } from './bulk-index';

export interface StoredSegment {
  id: string;
  docCount: number;
}

/**
 * Builds the segments of `ids` on worker threads and hands each to `store` as soon as it is
 * final. The workers' batches are small (bulk-index.ts, BATCH_TEXT_CHARS); those under half a
 * segment are merged here into segments of SEGMENT_TARGET documents at most, as compaction
 * would, so a search reads as few segments as after an in-memory build. Segments are named
 * seg-000001, seg-000002...: the caller stores them where no other segment is.
 */
export async function buildIndexToStore(
  ids: readonly string[],
  docOf: (id: string) => SearchDoc | null,
  store: (id: string, bytes: Uint8Array) => void,
  options: BulkIndexOptions & { segmentTarget?: number } = {},
): Promise<{ segments: StoredSegment[]; documents: number }> {
  const target = Math.max(1, options.segmentTarget ?? SEGMENT_TARGET);
  let seq = 0;
  const nextId = (): string => SearchEngine.segmentIdAt(++seq);
  const segments: StoredSegment[] = [];
  let documents = 0;
  let group: { id: string; bytes: Uint8Array }[] = [];
  let groupDocs = 0;
  const keep = (id: string, bytes: Uint8Array, docCount: number): void => {
    store(id, bytes);
    segments.push({ id, docCount });
    documents += docCount;
  };
  const flush = (): void => {
    if (group.length === 0) return;
    const parts = group;
    group = [];
    const docCount = groupDocs;
    groupDocs = 0;
    if (parts.length === 1) {
      const only = parts[0] as { id: string; bytes: Uint8Array };
      keep(only.id, only.bytes, docCount);
      return;
    }
    const id = nextId();
    keep(
      id,
      SearchEngine.mergeBuilt(
        id,
        parts.map((p) => p.bytes),
      ),
      docCount,
    );
  };
  await buildInWorkers(
    ids,
    docOf,
    nextId,
    {
      segment: (bytes, docCount, id) => {
        if (docCount >= target / 2) {
          keep(id, bytes, docCount);
          return;
        }
        if (groupDocs + docCount > target) flush();
        group.push({ id, bytes });
        groupDocs += docCount;
        if (groupDocs >= target / 2) flush();
      },
      // A record deleted while the build reads: it was never in this new index.
      gone: () => undefined,
    },
    options,
  );
  flush();
  return { segments, documents };
}
