/**
 * Indexing an import as it writes (issue 16): the import already holds each new record in
 * plaintext, so its search document goes to the index workers then, instead of every record
 * being read back (decrypted, its language guessed) after the commit. The workers build and
 * merge segments while the import reads the rest of the file.
 *
 * All or nothing holds for the index too: segments stored while the import's transaction is
 * open commit or roll back with it; segments built after it ended are held until finish(); the
 * caller (SearchService.startFeed) makes them part of the index only in finish(), after the
 * commit. A crash before that leaves the imported records pending, and the next use of the
 * index indexes them (a vault without an index state rebuilds it from the records).
 */
import type { TestimonyRecord } from '../../shared/records/types';
import type { SearchDoc } from '../../shared/search';
import { SegmentBuilder, WORKERS_FROM_DOCS } from './bulk-index';
import { Regrouper } from './regroup';
import { SegmentWorkers } from './segment-workers';

/** Documents per batch a worker builds: both cores get work long before the import ends. */
export const FEED_BATCH = 2048;

export interface FeedTarget {
  /** The record's search document (its language left to the worker when not given). */
  docOf(record: TestimonyRecord): SearchDoc;
  /** Called once, when the first batch goes to the workers (the import's transaction is open). */
  begin(): void;
  /** A name for a new segment. */
  nextId(): string;
  /** A final segment; `inTransaction`: the import's transaction is still open. */
  keep(id: string, bytes: Uint8Array, docCount: number): void;
  /** After the commit: makes the kept segments the index's and clears `indexed` from pending. */
  commit(indexed: string[]): void;
  /** The feed ended (finished or abandoned). */
  ended(): void;
}

export class IndexFeed {
  /** Records fed and not changed since: cleared from pending when the feed commits. */
  readonly #clean = new Set<string>();
  /** Records fed more than once or changed after: left pending for the normal path. */
  readonly #seen = new Set<string>();
  /** Documents held until there are enough to start workers for (WORKERS_FROM_DOCS). */
  #waiting: SearchDoc[] | null = [];
  #pool: SegmentWorkers | null = null;
  #builder: SegmentBuilder | null = null;
  #groups: Regrouper | null = null;
  #over = false;

  constructor(
    private readonly target: FeedTarget,
    private readonly options: { workers?: number; batch?: number; segmentTarget?: number } = {},
  ) {}

  /** A record the import wrote (called inside its transaction). */
  add(record: TestimonyRecord): void {
    if (this.#over) return;
    if (this.#seen.has(record.id)) {
      // A second version in the same import: the normal path indexes the last one.
      this.#clean.delete(record.id);
      return;
    }
    this.#seen.add(record.id);
    this.#clean.add(record.id);
    const doc = this.target.docOf(record);
    if (this.#waiting) {
      this.#waiting.push(doc);
      if (this.#waiting.length < WORKERS_FROM_DOCS) return;
      this.#start();
      return;
    }
    this.#builder?.add(doc);
  }

  /** A change the feed does not carry (evidence, a deletion): the record stays pending. */
  changed(id: string): void {
    this.#clean.delete(id);
    this.#seen.add(id);
  }

  /** Resolves once the workers can take another batch: the import awaits it between rows. */
  async room(): Promise<void> {
    await this.#builder?.room();
  }

  /**
   * After the import committed: waits for the last segments and makes them the index's. False
   * when the import was too small to start workers for (its records stay pending: the next
   * search indexes them, as it would have).
   */
  async finish(): Promise<boolean> {
    try {
      if (this.#waiting || !this.#builder || !this.#groups) return false;
      await this.#builder.finish();
      await this.#groups.finish();
      this.#over = true;
      this.target.commit([...this.#clean]);
      return true;
    } finally {
      await this.#stop();
    }
  }

  /** The import failed or was cancelled: nothing built becomes part of the index. */
  async abandon(): Promise<void> {
    await this.#stop();
  }

  #start(): void {
    const docs = this.#waiting ?? [];
    this.#waiting = null;
    this.target.begin();
    const pool = SegmentWorkers.start(this.options.workers);
    this.#pool = pool;
    this.#groups = new Regrouper(
      pool,
      () => this.target.nextId(),
      (id, bytes, docCount) => {
        if (!this.#over) this.target.keep(id, bytes, docCount);
      },
      this.options.segmentTarget,
    );
    this.#builder = new SegmentBuilder(pool, () => this.target.nextId(), this.#groups, {
      batch: this.options.batch ?? FEED_BATCH,
    });
    for (const doc of docs) this.#builder.add(doc);
  }

  async #stop(): Promise<void> {
    this.#over = true;
    this.#waiting = null;
    try {
      await this.#builder?.settle();
      await this.#groups?.settle();
      await this.#pool?.close();
    } finally {
      this.#pool = null;
      this.target.ended();
    }
  }
}
