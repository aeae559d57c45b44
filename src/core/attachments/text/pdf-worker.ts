import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PDF_WORKER_SOURCE } from './pdf-worker-source';

/**
 * The text of a PDF, extracted on a worker thread with limits (docs/security.md, "Hostile
 * files"): a PDF is a container of compressed streams, and one page of a 1 MB file can inflate
 * to gigabytes of drawing operators. In the main process that stalled every IPC call, the panic
 * lock and the auto-lock for half a minute and could exhaust memory. Here the main thread only
 * waits on a message, and the worker is terminated at the first limit crossed:
 *
 * - time: `timeMs` of wall time from start;
 * - memory: V8 heap capped by `resourceLimits` (the worker dies with ERR_WORKER_OUT_OF_MEMORY),
 *   and inflated buffers, which live outside the heap, by watching the process's resident size
 *   grow past `memoryBytes`;
 * - output: `maxChars` characters and `maxPages` pages, after which the worker stops reading
 *   (the text so far is kept).
 *
 * One extraction runs at a time, so a bundle full of PDFs costs one worker's memory, not many.
 */
export interface PdfLimits {
  timeMs: number;
  memoryBytes: number;
  maxChars: number;
  maxPages: number;
}

export const PDF_LIMITS: PdfLimits = {
  timeMs: 10_000,
  memoryBytes: 256 * 1024 * 1024,
  maxChars: 2_000_000,
  maxPages: 2000,
};

/** V8 heap of the worker (MiB): pdf.js's objects for a large but honest document fit easily. */
const HEAP_MB = 192;
const MEMORY_POLL_MS = 25;

export type PdfTextResult =
  { text: string; truncated: boolean } | { skipped: 'time-limit' | 'memory-limit' | 'unreadable' };

interface WorkerMessage {
  ok: boolean;
  text?: string;
  truncated?: boolean;
  loadError?: string;
}

/**
 * A file inside the packaged app's app.asar, as the copy electron-builder unpacks beside it
 * (app.asar.unpacked, `asarUnpack` in electron-builder.config.cjs). The worker imports pdf.js
 * (and pdf.js its own pdf.worker.mjs) by path with Node's ES module loader, which reads real
 * files only; inside the archive it would fail and every PDF would be stored without text.
 * tests/main/packaged-modules.test.ts checks that those files are unpacked.
 */
export function outsideAsar(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

let resolvedPdfjs: string | null = null;
function resolvePdfjs(): string {
  resolvedPdfjs ??= pathToFileURL(
    outsideAsar(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')),
  ).href;
  return resolvedPdfjs;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * A PDF pdf.js cannot read gives `unreadable`. pdf.js itself missing is not a bad file but a
 * broken installation (a packaged app once left pdfjs-dist out): that rejects, so the attachment
 * is not stored as "a PDF without text". `pdfjs` (a module URL) is for tests.
 */
export function pdfToText(
  data: Uint8Array,
  limits: PdfLimits = PDF_LIMITS,
  pdfjs?: string,
): Promise<PdfTextResult> {
  const run = queue.then(() => runWorker(data, limits, pdfjs ?? resolvePdfjs()));
  queue = run.catch(() => undefined);
  return run;
}

function runWorker(data: Uint8Array, limits: PdfLimits, pdfjsUrl: string): Promise<PdfTextResult> {
  // Shared memory, so this side can zero the plaintext once the worker is gone, even if killed.
  const shared = new SharedArrayBuffer(data.byteLength);
  const view = new Uint8Array(shared);
  view.set(data);
  const startRss = process.memoryUsage.rss();
  const worker = new Worker(PDF_WORKER_SOURCE, {
    eval: true,
    workerData: {
      pdfjsUrl,
      shared,
      maxChars: limits.maxChars,
      maxPages: limits.maxPages,
    },
    resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 32 },
    stdout: true,
    stderr: true,
  });
  return new Promise<PdfTextResult>((resolve, reject) => {
    let settled = false;
    const finish = (result: PdfTextResult | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      // Terminating also covers a worker that answered: pdf.js may keep timers alive. The next
      // extraction starts only once this worker is gone, so two never hold memory at once.
      void worker
        .terminate()
        .catch(() => undefined)
        .then(() => {
          view.fill(0);
          if (result instanceof Error) reject(result);
          else resolve(result);
        });
    };
    const timer = setTimeout(() => finish({ skipped: 'time-limit' }), limits.timeMs);
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - startRss > limits.memoryBytes)
        finish({ skipped: 'memory-limit' });
    }, MEMORY_POLL_MS);
    worker.on('message', (message: WorkerMessage) => {
      if (message.loadError)
        finish(
          new Error(`pdf.js could not be loaded (${message.loadError}): pdfjs-dist is missing`),
        );
      else if (message.ok && typeof message.text === 'string') {
        const truncated = message.truncated === true || message.text.length > limits.maxChars;
        finish({ text: message.text.slice(0, limits.maxChars), truncated });
      } else finish({ skipped: 'unreadable' });
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish({
        skipped: error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory-limit' : 'unreadable',
      }),
    );
    worker.on('exit', () => finish({ skipped: 'unreadable' }));
  });
}
