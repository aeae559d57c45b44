/**
 * Joins the small segments a bulk build returns into large ones, with the merges run on the
 * index workers (a merge of thousands of documents holds a thread for a second or more): what
 * a search reads after a bulk build is a few large segments, and this thread stays free.
 */
import type { BuiltSegments } from './bulk-index';
import type { SegmentWorkers } from './segment-workers';

/**
 * Documents per segment a bulk build aims at. Each segment has its own dictionary of the terms
 * it holds, and a large vocabulary (many languages, names, misspellings) repeats in each: with
 * segments of 4,096 short items, dictionaries were most of an index of 1,000,000 of them (716 MB,
 * 245 segments), and loading it was most of the first query after unlock. Segments of 32,768
 * short items take 465 bytes a document instead of 630 (the bench corpus). Each document is
 * still merged once, so the merges cost about what they did.
 */
export const BULK_SEGMENT_DOCS = 32_768;

/**
 * Bytes of segments a group may hold before it is merged: long testimonies reach it long before
 * BULK_SEGMENT_DOCS (about 5,000 testimonies of 2.5 KB), which bounds both this thread's memory
 * (the group waits here) and the merge's on the worker.
 */
export const MAX_GROUP_BYTES = 16 << 20;

/** Where a final segment goes (stored, or added to an engine). */
export type KeepSegment = (id: string, bytes: Uint8Array, docCount: number) => void;

export class Regrouper implements BuiltSegments {
  #group: { id: string; bytes: Uint8Array }[] = [];
  #groupDocs = 0;
  #groupBytes = 0;
  readonly #merges: Promise<void>[] = [];
  readonly #target: number;
  readonly #maxBytes: number;

  constructor(
    private readonly pool: SegmentWorkers,
    private readonly nextId: () => string,
    private readonly keep: KeepSegment,
    target = BULK_SEGMENT_DOCS,
    maxBytes = MAX_GROUP_BYTES,
  ) {
    this.#target = Math.max(1, target);
    this.#maxBytes = Math.max(1, maxBytes);
  }

  /**
   * A built segment: kept as it is from half a target on, else grouped with others; a group is
   * merged when it holds `target` documents or `maxBytes` bytes, or would pass either.
   */
  segment(bytes: Uint8Array, docCount: number, id: string): void | Promise<void> {
    if (docCount >= this.#target / 2 || bytes.length >= this.#maxBytes / 2) {
      this.keep(id, bytes, docCount);
      return;
    }
    let merging: Promise<void> | undefined;
    if (
      this.#groupDocs + docCount > this.#target ||
      this.#groupBytes + bytes.length > this.#maxBytes
    ) {
      merging = this.#flush();
    }
    this.#group.push({ id, bytes });
    this.#groupDocs += docCount;
    this.#groupBytes += bytes.length;
    if (this.#groupDocs >= this.#target || this.#groupBytes >= this.#maxBytes) {
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
    this.#groupBytes = 0;
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
