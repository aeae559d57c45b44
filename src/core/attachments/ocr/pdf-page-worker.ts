import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { CancelledError } from '../../../shared/errors';
import { runLimitedWorker } from '../../workers/limited-worker';
import { outsideAsar, resolvePdfjs } from '../text/pdf-worker';
import { PDF_PAGE_WORKER_SOURCE } from './pdf-page-worker-source';

/**
 * One page of a PDF, on a worker thread with limits (workers/limited-worker.ts): its text layer
 * when it has one, otherwise the page rendered for OCR. A page is hostile input like any image:
 * one content stream can inflate to gigabytes, one image can declare 50,000 pixels a side. Each
 * page is a new worker, so memory is one page's whatever the length of the document, and every
 * page gets its own time limit.
 */
export interface PdfPageLimits {
  /** Wall time to parse the document and render one page. */
  timeMs: number;
  /** Resident-size growth allowed on top of the worker's own copy of the PDF. */
  memoryBytes: number;
  dpi: number;
  maxPages: number;
  maxPixels: number;
  maxSide: number;
  /** Fewer non-blank characters than this, and the page counts as a scan (a stamp, a number). */
  minTextChars: number;
  /**
   * A page that only draws one upright image near `dpi` gives that image's pixels as they are,
   * without drawing the page on a canvas (pdf-page-worker-source.ts); false draws every page.
   */
  directImage: boolean;
}

export const PDF_PAGE_LIMITS: PdfPageLimits = {
  timeMs: 30_000,
  memoryBytes: 320 * 1024 * 1024,
  dpi: 300,
  maxPages: 500,
  maxPixels: 40_000_000,
  maxSide: 20_000,
  minTextChars: 16,
  directImage: true,
};

/** V8 heap of the worker (MiB), as for PDF text: pdf.js's objects for one page fit easily. */
const HEAP_MB = 192;

export type PdfPageResult =
  | { pages: number; text: string }
  | {
      pages: number;
      image: Uint8Array;
      width: number;
      height: number;
      /** `image`: the page's one image, taken as it is; `render`: the page drawn on a canvas. */
      via: 'image' | 'render';
    }
  | { failed: 'too-large'; pages: number; width: number; height: number }
  | { failed: 'unreadable' | 'time-limit' | 'memory-limit' };

interface WorkerMessage {
  ok: boolean;
  pages?: number;
  text?: string;
  image?: Uint8Array;
  width?: number;
  height?: number;
  via?: 'image' | 'render';
  reason?: string;
  loadError?: string;
}

interface RenderPaths {
  pdfjsUrl: string;
  canvasPath: string;
  wasmDir: string;
}

let paths: RenderPaths | null = null;

/**
 * pdf.js, @napi-rs/canvas and pdf.js's WebAssembly decoders (JPEG 2000, JBIG2: common in scans),
 * resolved in node_modules; outside app.asar in the packaged app (electron-builder.config.cjs
 * unpacks them, tests/main/packaged-modules.test.ts checks it).
 */
function resolvePaths(): RenderPaths {
  paths ??= {
    pdfjsUrl: resolvePdfjs(),
    // createRequire(...).resolve spelled out each time: scripts/packaged-modules.mjs reads these
    // calls in the bundle (a module-level `require` would be renamed there, and hide another's).
    canvasPath: outsideAsar(createRequire(import.meta.url).resolve('@napi-rs/canvas')),
    // A JavaScript file of that folder, so that the same script can follow it.
    wasmDir: `${dirname(
      outsideAsar(
        createRequire(import.meta.url).resolve('pdfjs-dist/wasm/openjpeg_nowasm_fallback.js'),
      ),
    )}/`,
  };
  return paths;
}

/**
 * Reads page `pageNumber` (1-based) of the PDF in `shared`. A damaged page gives `unreadable`;
 * pdf.js or the canvas missing rejects with a plain Error (a broken installation, not a bad
 * file); cancelling rejects with CancelledError.
 */
export async function readPdfPage(
  shared: SharedArrayBuffer,
  pageNumber: number,
  opts: { limits?: PdfPageLimits; signal?: AbortSignal } = {},
): Promise<PdfPageResult> {
  const limits = opts.limits ?? PDF_PAGE_LIMITS;
  const outcome = await runLimitedWorker<WorkerMessage>({
    source: PDF_PAGE_WORKER_SOURCE,
    workerData: { ...resolvePaths(), shared, pageNumber, ...limits },
    limits: {
      timeMs: limits.timeMs,
      // The worker's own copy of the document comes on top of the page.
      memoryBytes: limits.memoryBytes + shared.byteLength,
      heapMb: HEAP_MB,
    },
    isAnswer: () => true,
    ...(opts.signal ? { signal: opts.signal } : {}),
    cancelled: () => new CancelledError('The text recognition'),
  });
  if ('failed' in outcome)
    return { failed: outcome.failed === 'crashed' ? 'unreadable' : outcome.failed };
  const message = outcome.answer;
  if (message.loadError)
    throw new Error(`pdf.js or its canvas could not be loaded (${message.loadError})`);
  const pages = message.pages ?? 0;
  if (!message.ok)
    return message.reason === 'too-large'
      ? { failed: 'too-large', pages, width: message.width ?? 0, height: message.height ?? 0 }
      : { failed: 'unreadable' };
  if (typeof message.text === 'string') return { pages, text: message.text };
  if (message.image instanceof Uint8Array)
    return {
      pages,
      image: message.image,
      width: message.width ?? 0,
      height: message.height ?? 0,
      via: message.via === 'image' ? 'image' : 'render',
    };
  return { failed: 'unreadable' };
}
