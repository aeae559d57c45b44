import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OcrLanguage } from '../../../shared/attachments/ocr';
import { CancelledError } from '../../../shared/errors';
import { outsideAsar } from '../text/pdf-worker';
import { LANG_ROOT, OCR_WORKER_SOURCE } from './ocr-worker-source';
import { LimitedSession } from '../../workers/limited-session';
import { oneAtATime } from '../../workers/limited-worker';

/**
 * Text from one image, recognised by tesseract.js on a worker thread with limits (the same
 * shape as the PDF text worker, text/pdf-worker.ts): an image is hostile input, and a
 * recognition can take seconds of CPU and hundreds of megabytes. The main thread only waits on
 * messages; the worker (workers/limited-worker.ts) is terminated at the first limit crossed or
 * when the caller cancels:
 *
 * - time: `timeMs` of wall time from start;
 * - memory: the worker's V8 heap is capped by `resourceLimits`; the engine's WebAssembly memory
 *   lives outside that heap, so the process's resident size is watched too (`memoryBytes`).
 *
 * One recognition runs at a time (`ocrQueue`), so a batch of scans costs one engine's memory;
 * the engine stays loaded across the images of one PDF or run (OcrEngine below).
 */
export interface OcrLimits {
  timeMs: number;
  memoryBytes: number;
}

export const OCR_LIMITS: OcrLimits = { timeMs: 120_000, memoryBytes: 450 * 1024 * 1024 };

const HEAP_MB = 128;

/**
 * Images one engine worker reads before it is ended and the next image starts a fresh one: a
 * guard against slow growth of the engine's WebAssembly heap (it never shrinks) over a long run.
 * Not a memory saver for one scan: on 50 pages (bench/ocr-child.ts) restarting every 5, 10 or
 * 25 images peaked at 491, 459 and 445 MiB against 430 MiB without a restart, and cost CPU, since
 * the heap levels off after a few pages and every start loads the engine again.
 */
export const OCR_RECYCLE_IMAGES = 100;

export type OcrRunResult =
  { text: string; confidence: number } | { failed: 'unreadable' | 'time-limit' | 'memory-limit' };

export interface OcrRunOptions {
  languages: OcrLanguage[];
  limits?: OcrLimits;
  signal?: AbortSignal;
  /** 0..1 with the engine's stage ("loading language traineddata", "recognizing text"). */
  onProgress?: (fraction: number, stage: string) => void;
  /** An engine kept loaded across images; without one, the image gets an engine of its own. */
  engine?: OcrEngine;
}

interface EnginePaths {
  scriptPath: string;
  corePath: string;
  version: string;
}

const require = createRequire(import.meta.url);
let enginePaths: EnginePaths | null = null;

/** tesseract.js's worker script and core loader, resolved in node_modules (never fetched). */
function resolveEngine(): EnginePaths {
  if (enginePaths) return enginePaths;
  // In the packaged app these files are unpacked beside app.asar (electron-builder.config.cjs).
  const pkgPath = outsideAsar(require.resolve('tesseract.js/package.json'));
  const root = dirname(pkgPath);
  enginePaths = {
    scriptPath: join(root, 'src', 'worker-script', 'index.js'),
    corePath: join(root, 'src', 'worker-script', 'node', 'getCore.js'),
    version: (JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string }).version,
  };
  return enginePaths;
}

/** The engine's version, recorded with every OCR text. */
export function ocrEngineVersion(): string {
  return resolveEngine().version;
}

/**
 * The gzipped LSTM model of each language, from `@tesseract.js-data/<lang>` (`4.0.0_best_int`:
 * the integer "best" models tesseract.js itself uses for its LSTM engine). Spelled out one by
 * one so that scripts/packaged-modules.mjs sees each package as a run-time dependency.
 */
const LANGUAGE_PACKAGES: Record<OcrLanguage, () => string> = {
  ara: () => require.resolve('@tesseract.js-data/ara/package.json'),
  eng: () => require.resolve('@tesseract.js-data/eng/package.json'),
  fra: () => require.resolve('@tesseract.js-data/fra/package.json'),
  spa: () => require.resolve('@tesseract.js-data/spa/package.json'),
  hin: () => require.resolve('@tesseract.js-data/hin/package.json'),
  por: () => require.resolve('@tesseract.js-data/por/package.json'),
};

function languageFiles(languages: OcrLanguage[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const lang of languages) {
    const pkg = dirname(outsideAsar(LANGUAGE_PACKAGES[lang]()));
    files[lang] = join(pkg, '4.0.0_best_int', `${lang}.traineddata.gz`);
  }
  return files;
}

/**
 * The OCR queue: one file at a time, so a batch of scans costs one engine's memory. A PDF holds
 * its place for all its pages (recognize-attachment.ts), so two PDFs never interleave.
 */
export const ocrQueue = oneAtATime();

/**
 * Recognises `image` (JPEG, PNG, WebP, TIFF or PGM bytes; the caller has checked type and
 * dimensions), after any recognition already queued. A missing engine or language package
 * rejects with a plain Error: that is a broken installation, not a bad image. Cancelling
 * rejects with CancelledError.
 */
export function recognizeImage(image: Uint8Array, opts: OcrRunOptions): Promise<OcrRunResult> {
  return ocrQueue(() => runOcrWorker(image, opts));
}

/** recognizeImage without the queue: for a caller that already holds its place in it. */
export async function runOcrWorker(image: Uint8Array, opts: OcrRunOptions): Promise<OcrRunResult> {
  if (opts.engine) return opts.engine.recognize(image, opts);
  const engine = new OcrEngine();
  try {
    return await engine.recognize(image, opts);
  } finally {
    await engine.close();
  }
}

/**
 * The engine with its language data loaded, kept across the pages of a PDF and the files of one
 * OCR run (`tvault ocr --pending`): loading tesseract.js and a language model costs seconds,
 * recognising a page about as much. It lives in one limited worker (workers/limited-session.ts)
 * with each image's own time limit and the process's memory watched while it works; a limit
 * crossed, a crash or a cancel ends that worker, and the next image starts a fresh one. Another
 * set of languages starts another worker. close() ends it; whoever opens an engine closes it.
 */
export class OcrEngine {
  readonly #recycleAfter: number;
  #session: LimitedSession<WorkerMessage> | null = null;
  #langs = '';
  #images = 0;
  #started = 0;

  constructor(opts: { recycleAfter?: number } = {}) {
    this.#recycleAfter = Math.max(1, opts.recycleAfter ?? OCR_RECYCLE_IMAGES);
  }

  /** Workers started so far (each one loads the engine and its languages): for tests, bench. */
  get workersStarted(): number {
    return this.#started;
  }

  /** True while a worker with the engine loaded is alive (its memory taken). */
  get loaded(): boolean {
    return this.#session?.open === true;
  }

  async recognize(image: Uint8Array, opts: OcrRunOptions): Promise<OcrRunResult> {
    const limits = opts.limits ?? OCR_LIMITS;
    if (opts.signal?.aborted) throw cancelled();
    const session = await this.#sessionFor(opts.languages, limits);
    // Shared memory, so this side can zero the plaintext image once the worker answered.
    const shared = new SharedArrayBuffer(image.byteLength);
    const view = new Uint8Array(shared);
    view.set(image);
    try {
      const outcome = await session.run({
        message: { shared },
        timeMs: limits.timeMs,
        isAnswer: (message) => typeof message.progress !== 'number',
        onMessage: (message) =>
          opts.onProgress?.(Math.min(1, Math.max(0, message.progress!)), String(message.status)),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      if ('failed' in outcome)
        return { failed: outcome.failed === 'crashed' ? 'unreadable' : outcome.failed };
      const message = outcome.answer;
      if (message.loadError) {
        await this.close();
        throw new Error(`The OCR engine could not be loaded (${message.loadError})`);
      }
      if (message.ok && typeof message.text === 'string') {
        // Ended now rather than at the next image: the next page is drawn without it.
        if (++this.#images >= this.#recycleAfter) await this.close();
        return { text: message.text, confidence: message.confidence ?? 0 };
      }
      return { failed: 'unreadable' };
    } finally {
      view.fill(0);
    }
  }

  async close(): Promise<void> {
    const session = this.#session;
    this.#session = null;
    await session?.close();
  }

  async #sessionFor(
    languages: OcrLanguage[],
    limits: OcrLimits,
  ): Promise<LimitedSession<WorkerMessage>> {
    const langs = languages.join('+');
    if (this.#session?.open && this.#langs === langs) return this.#session;
    await this.close();
    const engine = resolveEngine();
    this.#langs = langs;
    this.#images = 0;
    this.#started++;
    this.#session = new LimitedSession<WorkerMessage>({
      source: OCR_WORKER_SOURCE,
      workerData: {
        scriptPath: engine.scriptPath,
        corePath: engine.corePath,
        languageFiles: languageFiles(languages),
        langs,
        langRoot: LANG_ROOT,
      },
      limits: { memoryBytes: limits.memoryBytes, heapMb: HEAP_MB },
      cancelled,
    });
    return this.#session;
  }
}

const cancelled = () => new CancelledError('The text recognition');

interface WorkerMessage {
  ok?: boolean;
  text?: string;
  confidence?: number;
  loadError?: string;
  reason?: string;
  progress?: number;
  status?: string;
}
