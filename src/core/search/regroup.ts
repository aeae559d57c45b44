/**
 * Joins the small segments a bulk build returns into segments of about SEGMENT_TARGET
 * documents, as compaction would, with the merges run on the index workers (a merge of
 * thousands of documents holds a thread for a second or more): what a search reads after a
 * bulk build is a few full segments, and this thread stays free.
 */
import { SEGMENT_TARGET } from '../../shared/search';
import type { BuiltSegments } from './bulk-index';
import type { SegmentWorkers } from './segment-workers';

/** Where a final segment goes (stored, or added to an engine). */
export type KeepSegment = (id: string, bytes: Uint8Array, docCount: number) => void;

export class Regrouper implements BuiltSegments {
  #group: { id: string; bytes: Uint8Array }[] = [];
  #groupDocs = 0;
  readonly #merges: Promise<void>[] = [];
  readonly #target: number;

  constructor(
    private readonly pool: SegmentWorkers,
    private readonly nextId: () => string,
    private readonly keep: KeepSegment,
    target = SEGMENT_TARGET,
  ) {
    this.#target = Math.max(1, target);
  }

  /** A built segment: kept as it is from half a target on, else grouped with others. */
  segment(bytes: Uint8Array, docCount: number, id: string): void | Promise<void> {
    if (docCount >= this.#target / 2) {
      this.keep(id, bytes, docCount);
      return;
    }
    let merging: Promise<void> | undefined;
    if (this.#groupDocs + docCount > this.#target) merging = this.#flush();
    this.#group.push({ id, bytes });
    this.#groupDocs += docCount;
    if (this.#groupDocs >= this.#target / 2) {
      const next = this.#flush();
      return merging ? Promise.all([merging, next]).then(() => undefined) : next;
    }
    return merging;
  }

  /** Nothing to do for a record gone before it was read: it is not in a new segment. */
  gone(): void {}

  /** Merges what is left in the group, and waits for every merge to be kept. */
  async finish(): Promise<void> {
    void this.#flush();
    await Promise.all(this.#merges);
  }

  /** Waits for the merges to settle, failed or not (before the workers are stopped). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.#merges);
  }

  #flush(): Promise<void> {
    const parts = this.#group;
    const docCount = this.#groupDocs;
    this.#group = [];
    this.#groupDocs = 0;
    if (parts.length === 0) return Promise.resolve();
    if (parts.length === 1) {
      const only = parts[0] as { id: string; bytes: Uint8Array };
      this.keep(only.id, only.bytes, docCount);
      return Promise.resolve();
    }
    const id = this.nextId();
    const merged = this.pool
      .merge(
        id,
        parts.map((p) => p.bytes),
      )
      .then((bytes) => this.keep(id, bytes, docCount));
    merged.catch(() => undefined);
    this.#merges.push(merged);
    return merged;
  }
}
