import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { oneAtATime, runLimitedWorker } from '../../workers/limited-worker';
import { PDF_WORKER_SOURCE } from './pdf-worker-source';

/**
 * The text of a PDF, extracted on a worker thread with limits (docs/security.md, "Hostile
 * files"): a PDF is a container of compressed streams, and one page of a 1 MB file can inflate
 * to gigabytes of drawing operators. In the main process that stalled every IPC call, the panic
 * lock and the auto-lock for half a minute and could exhaust memory. Here the main thread only
 * waits on a message, and the worker (workers/limited-worker.ts) is terminated at the first
 * limit crossed:
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

/** The information dictionary and XMP properties as pdf.js gives them (from the file: untrusted). */
export interface PdfMetadataRaw {
  info: unknown;
  xmp: unknown;
}

export type PdfTextResult =
  | { text: string; truncated: boolean; metadata: PdfMetadataRaw | null }
  | { skipped: 'time-limit' | 'memory-limit' | 'unreadable' };

interface WorkerMessage {
  ok: boolean;
  text?: string;
  truncated?: boolean;
  loadError?: string;
  metadata?: PdfMetadataRaw | null;
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
/** pdf.js's legacy build, as a module URL outside app.asar (also used by OCR's page worker). */
export function resolvePdfjs(): string {
  resolvedPdfjs ??= pathToFileURL(
    outsideAsar(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')),
  ).href;
  return resolvedPdfjs;
}

const serial = oneAtATime();

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
  return serial(() => runWorker(data, limits, pdfjs ?? resolvePdfjs()));
}

async function runWorker(
  data: Uint8Array,
  limits: PdfLimits,
  pdfjsUrl: string,
): Promise<PdfTextResult> {
  // Shared memory, so this side can zero the plaintext once the worker is gone, even if killed.
  const shared = new SharedArrayBuffer(data.byteLength);
  const view = new Uint8Array(shared);
  view.set(data);
  try {
    const outcome = await runLimitedWorker<WorkerMessage>({
      source: PDF_WORKER_SOURCE,
      workerData: { pdfjsUrl, shared, maxChars: limits.maxChars, maxPages: limits.maxPages },
      limits: { timeMs: limits.timeMs, memoryBytes: limits.memoryBytes, heapMb: HEAP_MB },
      isAnswer: () => true,
    });
    if ('failed' in outcome)
      return { skipped: outcome.failed === 'crashed' ? 'unreadable' : outcome.failed };
    const message = outcome.answer;
    if (message.loadError)
      throw new Error(`pdf.js could not be loaded (${message.loadError}): pdfjs-dist is missing`);
    if (!message.ok || typeof message.text !== 'string') return { skipped: 'unreadable' };
    const truncated = message.truncated === true || message.text.length > limits.maxChars;
    return {
      text: message.text.slice(0, limits.maxChars),
      truncated,
      metadata: message.metadata ?? null,
    };
  } finally {
    view.fill(0);
  }
}
