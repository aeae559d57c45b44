import { Worker } from 'node:worker_threads';
import type { WorkerOutcome } from './limited-worker';

/**
 * A worker thread kept for several jobs on hostile input, one at a time, with the limits of
 * workers/limited-worker.ts applied to each job: OCR keeps its engine and language data loaded
 * across the pages of a PDF and the files of one run (ocr/ocr-engine.ts) instead of paying
 * seconds of loading for every page.
 *
 * - time: each job has `timeMs` of wall time from the moment it is sent;
 * - memory: the V8 heap is capped by `resourceLimits` for the worker's whole life, and the
 *   process's resident size is watched while a job runs: growth past `memoryBytes` since the
 *   session started (so what the worker kept from earlier jobs counts too) ends the job.
 *
 * The first limit crossed, a crash or a cancel terminates the worker: the session is then closed
 * and the job resolves (or rejects, when cancelled) only once the worker is gone, so the caller
 * can zero what it shared. Nothing of a failed job survives into the next one.
 */
export interface SessionLimits {
  heapMb: number;
  /** Growth of the process's resident size, in bytes; no watch when absent. */
  memoryBytes?: number;
}

export interface SessionJob<M> {
  message: unknown;
  timeMs: number;
  /** True for the message that answers this job; any other message goes to `onMessage`. */
  isAnswer: (message: M) => boolean;
  onMessage?: (message: M) => void;
  signal?: AbortSignal;
}

const MEMORY_POLL_MS = 25;
const YOUNG_GENERATION_MB = 32;

interface Running<M> {
  job: SessionJob<M>;
  finish: (outcome: WorkerOutcome<M> | Error) => void;
}

export class LimitedSession<M> {
  readonly #worker: Worker;
  readonly #startRss = process.memoryUsage.rss();
  readonly #memoryBytes: number | undefined;
  readonly #cancelled: () => Error;
  #running: Running<M> | null = null;
  #closed = false;
  #gone: Promise<void>;

  constructor(opts: {
    source: string;
    workerData: unknown;
    limits: SessionLimits;
    /** The error a cancelled job rejects with. */
    cancelled: () => Error;
  }) {
    this.#memoryBytes = opts.limits.memoryBytes;
    this.#cancelled = opts.cancelled;
    this.#worker = new Worker(opts.source, {
      eval: true,
      workerData: opts.workerData,
      resourceLimits: {
        maxOldGenerationSizeMb: opts.limits.heapMb,
        maxYoungGenerationSizeMb: Math.min(YOUNG_GENERATION_MB, opts.limits.heapMb),
      },
      stdout: true,
      stderr: true,
    });
    this.#gone = new Promise((resolve) => this.#worker.once('exit', () => resolve()));
    this.#worker.on('message', (message: M) => {
      const running = this.#running;
      if (!running) return;
      if (running.job.isAnswer(message)) running.finish({ answer: message });
      else running.job.onMessage?.(message);
    });
    this.#worker.on('error', (error: Error & { code?: string }) =>
      this.#fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory-limit' : 'crashed'),
    );
    this.#worker.on('exit', () => this.#fail('crashed'));
  }

  /** False once a job failed, was cancelled, or close() was called: start a new session. */
  get open(): boolean {
    return !this.#closed;
  }

  /** Sends one job and waits for its answer or the limit it crossed. One job at a time. */
  run(job: SessionJob<M>): Promise<WorkerOutcome<M>> {
    if (this.#running) return Promise.reject(new Error('A session runs one job at a time'));
    if (job.signal?.aborted) return this.#terminate().then(() => Promise.reject(this.#cancelled()));
    if (this.#closed) return Promise.resolve({ failed: 'crashed' });
    return new Promise<WorkerOutcome<M>>((resolve, reject) => {
      const finish = (outcome: WorkerOutcome<M> | Error) => {
        if (this.#running !== running) return;
        this.#running = null;
        clearTimeout(timer);
        clearInterval(watch);
        job.signal?.removeEventListener('abort', onAbort);
        const settle = () => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
        // Any outcome but an answer ends the worker; the caller hears of it once it is gone.
        if (outcome instanceof Error || 'failed' in outcome) void this.#terminate().then(settle);
        else settle();
      };
      const running: Running<M> = { job, finish };
      this.#running = running;
      const onAbort = () => finish(this.#cancelled());
      job.signal?.addEventListener('abort', onAbort, { once: true });
      const timer = setTimeout(() => finish({ failed: 'time-limit' }), job.timeMs);
      const limit = this.#memoryBytes;
      const watch =
        limit === undefined
          ? undefined
          : setInterval(() => {
              if (process.memoryUsage.rss() - this.#startRss > limit)
                finish({ failed: 'memory-limit' });
            }, MEMORY_POLL_MS);
      this.#worker.postMessage(job.message);
    });
  }

  /** Ends the worker (and whatever it kept); resolves once it is gone. */
  close(): Promise<void> {
    return this.#terminate();
  }

  #fail(reason: 'memory-limit' | 'crashed'): void {
    this.#closed = true;
    this.#running?.finish({ failed: reason });
  }

  #terminate(): Promise<void> {
    this.#closed = true;
    return this.#worker
      .terminate()
      .catch(() => undefined)
      .then(() => this.#gone);
  }
}
