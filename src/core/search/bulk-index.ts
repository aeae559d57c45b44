/**
 * Bulk indexing with every core: this thread turns records into search documents, batch by
 * batch, while worker threads analyse the previous batches into segments (segment-workers.ts)
 * and merge the small ones. This thread's own share is cut into slices of about SLICE_MS, with
 * a turn of the event loop between them: the app's main process indexes after an import, and
 * while it holds the loop the window, IPC, progress and Cancel wait (issue 11).
 */
import { type SearchDoc, type SearchEngine, SEGMENT_TARGET } from '../../shared/search';
import { LanguageLanes } from './language-lanes';
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

/**
 * Characters per batch when no worker runs and this thread analyses each batch itself: about
 * 30 ms of analysis on an idle core (1.4 MB/s), so the event loop turns between batches.
 */
export const ON_THREAD_BATCH_CHARS = 40_000;

/** Longest run of this thread's indexing work between two turns of the event loop, in ms. */
export const SLICE_MS = 30;

export interface BulkIndexOptions {
  /** Workers to start (default: one per core, at most 4; 0 builds on this thread). */
  workers?: number;
  /** Workers already started (the caller closes them); `workers` is then ignored. */
  pool?: SegmentWorkers;
  /** Documents per segment (default the engine's SEGMENT_TARGET). */
  batch?: number;
  /** Characters of text per batch (default BATCH_TEXT_CHARS). */
  batchChars?: number;
}

/** What a bulk build hands on: each built segment, and the ids whose record is gone. */
export interface BuiltSegments {
  /** The segment `id`, of `docCount` documents (a promise: the build waits for it). */
  segment(bytes: Uint8Array, docCount: number, id: string): void | Promise<void>;
  gone(id: string): void;
}

/** One turn of the event loop (timers, I/O and IPC run). */
export const turn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));

/** A function to await often: it lets the event loop turn once `ms` of work have passed. */
export function slicer(ms = SLICE_MS): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (performance.now() - start < ms) return;
    await turn();
    start = performance.now();
  };
}

/**
 * Documents pushed one at a time become segments built on the workers. Each worker has a lane:
 * a document joins the batch of its language's lane (language-lanes.ts), and a batch is handed
 * to its lane's worker when it holds `batchSize` documents or `batchChars` characters. The
 * pusher awaits room() after a batch went, so memory holds one batch per worker in flight and
 * the ones being filled (two in flight per worker measured 1.17 GB at 20,000 testimonies).
 */
export class SegmentBuilder {
  readonly #builds: Promise<void>[] = [];
  #waited = 0;
  readonly #lanes: LanguageLanes;
  readonly #batches: SearchDoc[][];
  readonly #chars: number[];
  /** Each lane's builds not yet waited for by room(), oldest first. */
  readonly #laneBuilds: Promise<void>[][];
  #lastLane = 0;
  readonly #batchSize: number;
  readonly #batchChars: number;

  constructor(
    private readonly pool: SegmentWorkers,
    private readonly nextId: () => string,
    private readonly out: BuiltSegments,
    sizes: { batch: number; batchChars?: number },
  ) {
    this.#batchSize = Math.max(1, sizes.batch);
    const chars = pool.workerCount === 0 ? ON_THREAD_BATCH_CHARS : BATCH_TEXT_CHARS;
    this.#batchChars = Math.max(1, sizes.batchChars ?? chars);
    this.#lanes = new LanguageLanes(Math.max(1, pool.workerCount));
    this.#batches = Array.from({ length: this.#lanes.count }, () => []);
    this.#chars = Array.from({ length: this.#lanes.count }, () => 0);
    this.#laneBuilds = Array.from({ length: this.#lanes.count }, () => []);
  }

  /** Adds a document; true when it completed a batch, which went to a worker. */
  add(doc: SearchDoc): boolean {
    const chars = textLength(doc);
    const lane = this.#lanes.take(doc.lang, chars);
    const batch = this.#batches[lane] as SearchDoc[];
    batch.push(doc);
    this.#chars[lane] = (this.#chars[lane] as number) + chars;
    if (batch.length < this.#batchSize && (this.#chars[lane] as number) < this.#batchChars) {
      return false;
    }
    this.#submit(lane);
    return true;
  }

  /**
   * Resolves once at most one batch per worker is in flight. With lanes, only the lane that
   * just handed a batch on waits for its worker: the other lanes go on filling for theirs.
   */
  async room(): Promise<void> {
    if (this.#lanes.count > 1) {
      const own = this.#laneBuilds[this.#lastLane] as Promise<void>[];
      while (this.pool.pendingOn(this.#lastLane) > 1 && own.length > 1) await own.shift();
      return;
    }
    while (
      this.pool.pending >= Math.max(1, this.pool.workerCount) &&
      this.#waited < this.#builds.length
    )
      await this.#builds[this.#waited++];
  }

  /** Builds the last batch and waits for every segment to be handed on. */
  async finish(): Promise<void> {
    for (let lane = 0; lane < this.#batches.length; lane++) {
      if ((this.#batches[lane] as SearchDoc[]).length > 0) this.#submit(lane);
    }
    await Promise.all(this.#builds);
  }

  /** Waits for every build to settle, failed or not (before the workers are stopped). */
  async settle(): Promise<void> {
    await Promise.allSettled(this.#builds);
  }

  #submit(lane: number): void {
    const docs = this.#batches[lane] as SearchDoc[];
    this.#batches[lane] = [];
    this.#chars[lane] = 0;
    const id = this.nextId();
    const built = this.pool
      .build(id, docs, this.pool.workerCount > 1 ? lane : undefined)
      .then((bytes) => this.out.segment(bytes, docs.length, id));
    // Handled where it is awaited; this only keeps an early failure from counting as unhandled.
    built.catch(() => undefined);
    this.#builds.push(built);
    (this.#laneBuilds[lane] as Promise<void>[]).push(built);
    this.#lastLane = lane;
  }
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
 * and one batch per worker, never the whole index. This thread reads in slices (SLICE_MS).
 */
export async function buildInWorkers(
  ids: readonly string[],
  docOf: (id: string) => SearchDoc | null,
  nextId: () => string,
  out: BuiltSegments,
  options: BulkIndexOptions = {},
): Promise<void> {
  const pool = options.pool ?? SegmentWorkers.start(options.workers);
  // Full segments, but at least one batch per worker: 5,000 documents go to both cores.
  const perWorker = Math.ceil(ids.length / Math.max(1, pool.workerCount));
  const batch = Math.max(1, Math.min(options.batch ?? SEGMENT_TARGET, perWorker));
  const builder = new SegmentBuilder(pool, nextId, out, {
    batch,
    ...(options.batchChars !== undefined ? { batchChars: options.batchChars } : {}),
  });
  const yieldIfDue = slicer();
  try {
    for (const id of ids) {
      const doc = docOf(id);
      if (doc === null) out.gone(id);
      else if (builder.add(doc)) await builder.room();
      await yieldIfDue();
    }
    await builder.finish();
  } finally {
    // Every build settles before the workers go (a rejected one must not leave others running).
    await builder.settle();
    if (!options.pool) await pool.close();
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
