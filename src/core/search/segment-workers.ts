/**
 * Builds index segments on worker threads, so that a bulk index (after an import, a reindex)
 * uses every core while this thread decrypts the next records. Each worker analyses a batch of
 * documents with the shared engine code and returns the sealed segment's bytes; the engine adds
 * them (SearchEngine.addSegment), exactly as if it had built them itself.
 *
 * Where no worker can start (a single core, or a bundle without the worker file) or a worker
 * fails, batches are built on this thread: same bytes, only slower.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InvalidInputError, VaultError } from '../../shared/errors';
import type { SearchDoc } from '../../shared/search';
import { type BuildReply, type BuildRequest, runRequest } from './segment-jobs';

/** At most this many workers (beyond that, memory grows faster than speed). */
const MAX_WORKERS = 4;

/**
 * A worker's old-generation heap, in MB. Left to V8's default (a share of the machine's
 * memory), a worker's heap grew by about 80 MB per batch before a full collection (measured:
 * 400 MB after four batches of 1,600 testimonies, 175 MB of it live, the word caches
 * included); with a limit it collects sooner. 256 MB put the import of 100,000 testimonies at
 * 1.08 to 1.13 GB of peak RSS; 192 MB at 945 MB, for about 7% more CPU (collections), since each
 * worker now keeps only its own languages' words (language-lanes.ts). A batch that needs more
 * (one very long record) ends the worker with ERR_WORKER_OUT_OF_MEMORY, and its batches are
 * built on this thread instead (#fail): slower, never lost.
 */
export const WORKER_HEAP_MB = 192;

/**
 * The worker's module, bundled by scripts/build-cli.mjs beside the bundled CLI
 * (out/cli/index-worker.mjs) and by electron.vite.config.ts beside the app's main process
 * (out/main/index-worker.js), or, when running from sources (tests, bench), the same file
 * under out/cli (the test setup and `npm run bench` build the CLI first; a worker cannot load
 * TypeScript sources itself). Null when there is none: batches are then built on this thread.
 */
function workerModule(): URL | null {
  for (const candidate of [
    './index-worker.mjs',
    './index-worker.js',
    '../../../out/cli/index-worker.mjs',
  ]) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/** How many workers a bulk build should use here (0: build on this thread). */
export function defaultWorkerCount(): number {
  const cores = availableParallelism();
  return cores < 2 ? 0 : Math.min(MAX_WORKERS, cores);
}

interface Job {
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
  request: BuildRequest;
}

class Slot {
  readonly jobs = new Map<number, Job>();
  constructor(readonly worker: Worker) {}
}

export class SegmentWorkers {
  readonly #slots: Slot[] = [];
  #nextJob = 1;
  #broken = false;

  private constructor() {}

  /** Starts `count` workers (none when count is 0 or the worker module is not there). */
  static start(count = defaultWorkerCount()): SegmentWorkers {
    const pool = new SegmentWorkers();
    const module = count > 0 ? workerModule() : null;
    if (!module) return pool;
    for (let i = 0; i < count; i++) {
      try {
        const worker = new Worker(module, {
          resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
        });
        const slot = new Slot(worker);
        worker.on('message', (reply: BuildReply) => pool.#settle(slot, reply));
        worker.on('error', () => pool.#fail(slot));
        worker.on('exit', () => pool.#fail(slot));
        pool.#slots.push(slot);
      } catch {
        break;
      }
    }
    return pool;
  }

  get workerCount(): number {
    return this.#broken ? 0 : this.#slots.length;
  }

  /** Jobs not yet answered, over all workers. */
  get pending(): number {
    return this.#slots.reduce((n, s) => n + s.jobs.size, 0);
  }

  /** Jobs not yet answered by the worker of `lane` (see build). */
  pendingOn(lane: number): number {
    if (this.workerCount === 0) return 0;
    return (this.#slots[lane % this.#slots.length] as Slot).jobs.size;
  }

  /**
   * Analyses and seals `docs` as the segment `segmentId` (the worker guesses the language of
   * documents given LANG_TO_GUESS, doc-language.ts): on worker `lane` when given, so that one
   * worker gets the documents of one language and finds their words in its caches
   * (language-lanes.ts), else on the least busy worker.
   */
  build(segmentId: string, docs: SearchDoc[], lane?: number): Promise<Uint8Array> {
    return this.#run({ job: this.#nextJob++, segmentId, docs }, lane);
  }

  /**
   * Merges segments built by build() into one segment `segmentId` (SearchEngine.mergeBuilt),
   * on a worker: a merge of thousands of documents would hold this thread for a second or more.
   */
  merge(segmentId: string, parts: Uint8Array[]): Promise<Uint8Array> {
    return this.#run({ job: this.#nextJob++, segmentId, merge: parts });
  }

  #run(request: BuildRequest, lane?: number): Promise<Uint8Array> {
    if (this.workerCount === 0) {
      try {
        return Promise.resolve(runRequest(request));
      } catch (error) {
        return Promise.reject(error as Error);
      }
    }
    const slot =
      lane === undefined
        ? this.#slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a))
        : (this.#slots[lane % this.#slots.length] as Slot);
    return new Promise<Uint8Array>((resolve, reject) => {
      slot.jobs.set(request.job, { resolve, reject, request });
      // Copied, not transferred: if the worker dies, this thread runs the job from its request.
      slot.worker.postMessage(request);
    });
  }

  #settle(slot: Slot, reply: BuildReply): void {
    const job = slot.jobs.get(reply.job);
    if (!job) return;
    slot.jobs.delete(reply.job);
    if ('bytes' in reply) job.resolve(reply.bytes);
    else if (reply.error.code === 'INPUT.INVALID')
      job.reject(new InvalidInputError(reply.error.message));
    else job.reject(new VaultError('INTERNAL', 'The index worker failed.'));
  }

  /** A worker died: its jobs (and every later one) are built on this thread instead. */
  #fail(slot: Slot): void {
    this.#broken = true;
    for (const job of slot.jobs.values()) {
      try {
        job.resolve(runRequest(job.request));
      } catch (error) {
        job.reject(error as Error);
      }
    }
    slot.jobs.clear();
  }

  /** Stops the workers (their memory, word caches included, goes with them). */
  async close(): Promise<void> {
    const slots = this.#slots.splice(0);
    for (const slot of slots) slot.worker.removeAllListeners('exit');
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}
