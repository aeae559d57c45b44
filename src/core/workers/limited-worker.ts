import { Worker } from 'node:worker_threads';

/**
 * One worker thread for one job on hostile input, with limits (docs/security.md, "Hostile
 * files"): PDF text (attachments/text/pdf-worker.ts), OCR (attachments/ocr/ocr-worker.ts) and the
 * large JSON of a bundle (bundles/json-worker.ts). The main thread only waits on messages; the
 * worker is terminated at the first limit crossed, when the caller cancels, or once it answered:
 *
 * - time: `timeMs` of wall time from start;
 * - memory: V8 heap capped by `resourceLimits` (the worker dies with ERR_WORKER_OUT_OF_MEMORY),
 *   and memory outside that heap (inflated buffers, WebAssembly) by watching the process's
 *   resident size grow past `memoryBytes`.
 *
 * The source is plain CommonJS run with `eval`, so that no separate file has to be found beside
 * a bundled app or CLI. Whatever plaintext the caller shares with the worker, it can zero once
 * this resolves: the worker is gone by then, even when it was killed.
 */
export interface WorkerLimits {
  timeMs: number;
  /** Growth of the process's resident size, in bytes; no watch when absent. */
  memoryBytes?: number;
  heapMb: number;
}

export type WorkerFailure = 'time-limit' | 'memory-limit' | 'crashed';

export type WorkerOutcome<M> = { answer: M } | { failed: WorkerFailure };

export interface LimitedWorkerJob<M> {
  source: string;
  workerData: unknown;
  /** Buffers in `workerData` moved to the worker rather than copied. */
  transferList?: ArrayBuffer[];
  limits: WorkerLimits;
  /** True for the message that answers; any other message goes to `onMessage`. */
  isAnswer: (message: M) => boolean;
  onMessage?: (message: M) => void;
  signal?: AbortSignal;
  /** The error a cancelled job rejects with. */
  cancelled?: () => Error;
}

const MEMORY_POLL_MS = 25;
const YOUNG_GENERATION_MB = 32;

/** Runs one job; resolves with its answer or the limit it crossed, after the worker is gone. */
export function runLimitedWorker<M>(job: LimitedWorkerJob<M>): Promise<WorkerOutcome<M>> {
  const { limits, signal } = job;
  const cancelled = job.cancelled ?? (() => new Error('cancelled'));
  if (signal?.aborted) return Promise.reject(cancelled());
  const startRss = process.memoryUsage.rss();
  const worker = new Worker(job.source, {
    eval: true,
    workerData: job.workerData,
    transferList: job.transferList ?? [],
    resourceLimits: {
      maxOldGenerationSizeMb: limits.heapMb,
      maxYoungGenerationSizeMb: Math.min(YOUNG_GENERATION_MB, limits.heapMb),
    },
    stdout: true,
    stderr: true,
  });
  return new Promise<WorkerOutcome<M>>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: WorkerOutcome<M> | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      signal?.removeEventListener('abort', onAbort);
      // Terminating also covers a worker that answered (pdf.js may keep timers alive), so that
      // the next job starts only once this one's memory is released.
      void worker
        .terminate()
        .catch(() => undefined)
        .then(() => (outcome instanceof Error ? reject(outcome) : resolve(outcome)));
    };
    const onAbort = () => finish(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => finish({ failed: 'time-limit' }), limits.timeMs);
    const watch =
      limits.memoryBytes === undefined
        ? undefined
        : setInterval(() => {
            if (process.memoryUsage.rss() - startRss > limits.memoryBytes!)
              finish({ failed: 'memory-limit' });
          }, MEMORY_POLL_MS);
    worker.on('message', (message: M) => {
      if (job.isAnswer(message)) finish({ answer: message });
      else job.onMessage?.(message);
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish({ failed: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory-limit' : 'crashed' }),
    );
    worker.on('exit', () => finish({ failed: 'crashed' }));
  });
}

/**
 * Runs jobs one after another: a batch of hostile files costs one worker's memory, not many.
 * Each kind of job has its own queue, so a short JSON parse does not wait behind a PDF.
 */
export function oneAtATime(): <T>(run: () => Promise<T>) => Promise<T> {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>) => {
    const next = queue.then(run);
    queue = next.catch(() => undefined);
    return next;
  };
}
