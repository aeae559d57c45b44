import { imageSize } from 'image-size';
import {
  type OcrLanguage,
  type OcrProgress,
  type OcrRecord,
  canOcr,
} from '../../../shared/attachments/ocr';
import { CancelledError, OcrFailedError } from '../../../shared/errors';
import { tidy } from '../text/html';
import { MAX_EXTRACTED_CHARS } from '../text/extract';
import type { AttachmentMeta } from '../meta';
import type { AttachmentRows } from '../rows';
import {
  type OcrEngine,
  type OcrLimits,
  ocrEngineVersion,
  ocrQueue,
  runOcrWorker,
} from './ocr-worker';
import type { PdfPageLimits } from './pdf-page-worker';
import { recognizePdf } from './recognize-pdf';

/**
 * Bounds checked before the engine sees an image (docs/security.md, "Hostile files"): a 40 KB
 * PNG can declare 50,000 x 50,000 pixels and make any decoder allocate gigabytes. The header's
 * dimensions are read with `image-size` and checked first. 40 megapixels is an A3 page at
 * 600 dpi; 64 MiB of file is far beyond any honest scan of one page.
 */
export const MAX_OCR_BYTES = 64 * 1024 * 1024;
export const MAX_OCR_PIXELS = 40_000_000;
export const MAX_OCR_SIDE = 20_000;
/**
 * A PDF is read into memory whole, once (pdf.js needs random access), and each page's worker
 * copies it: 128 MiB covers a long colour scan (a 300 dpi page is 0.3-2 MB as JPEG).
 */
export const MAX_OCR_PDF_BYTES = 128 * 1024 * 1024;

export interface RecognizeOptions {
  languages: OcrLanguage[];
  signal?: AbortSignal;
  onProgress?: (progress: OcrProgress) => void;
  limits?: OcrLimits;
  pageLimits?: PdfPageLimits;
  /** Kept loaded across the files of one run (OcrEngine); else one per file. */
  engine?: OcrEngine;
}

export interface RecognizeSource {
  rows: AttachmentRows;
  /** The attachment's plaintext, decrypted in memory. */
  read: (id: string) => AsyncIterable<Uint8Array>;
}

/**
 * Runs text recognition on one image or PDF attachment and stores the text sealed under the
 * file's key (like a PDF's text), with the engine, version and languages in its sealed metadata.
 * A file the engine cannot read ends in OcrFailedError *and* the failure is recorded in its
 * metadata (so `--pending` moves on); the file itself is never touched. Cancelling changes
 * nothing. The whole file holds one place in the OCR queue.
 */
export function recognizeAttachment(
  source: RecognizeSource,
  id: string,
  opts: RecognizeOptions,
): Promise<OcrRecord> {
  return ocrQueue(() => recognizeNow(source, id, opts));
}

async function recognizeNow(
  source: RecognizeSource,
  id: string,
  opts: RecognizeOptions,
): Promise<OcrRecord> {
  const { rows } = source;
  const meta = rows.meta(rows.row(id));
  if (!canOcr(meta.mime))
    throw new OcrFailedError(
      id,
      'unsupported-type',
      `Attachment ${id} is not a file text can be recognised in (JPEG, PNG, WebP, TIFF or PDF).`,
    );
  const record = (failed?: OcrRecord['failed'], confidence = 0): OcrRecord => ({
    engine: 'tesseract.js',
    version: ocrEngineVersion(),
    languages: opts.languages,
    confidence,
    at: new Date().toISOString(),
    ...(failed ? { failed } : {}),
  });
  const fail = (
    reason: NonNullable<OcrRecord['failed']>,
    message: string,
    at?: { page: number; pages: number; whole?: true },
  ): never => {
    const page = at?.page;
    // The record names the page only when it, not the whole document, is at fault.
    const ocr = {
      ...record(reason),
      ...(at && !at.whole && at.pages > 0 ? { failedPage: at.page, pageCount: at.pages } : {}),
    };
    // A failure replaces nothing: text from an earlier run, if any, stays.
    rows.replaceText(id, (current) => ({ meta: { ...current, ocr }, text: rows.text(id) }));
    throw new OcrFailedError(id, reason, message, page);
  };
  if (meta.mime === 'application/pdf') {
    if (meta.size > MAX_OCR_PDF_BYTES)
      fail(
        'too-large',
        `Attachment ${id} (a PDF) is larger than ${MAX_OCR_PDF_BYTES / 1048576} MiB; no OCR.`,
      );
    // Straight into shared memory: the page workers read it there, and it is zeroed after.
    const shared = new SharedArrayBuffer(meta.size);
    const pdf = new Uint8Array(shared);
    try {
      await readInto(source.read(id), pdf, opts.signal);
      const result = await recognizePdf(shared, {
        languages: opts.languages,
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        ...(opts.limits ? { limits: opts.limits } : {}),
        ...(opts.pageLimits ? { pageLimits: opts.pageLimits } : {}),
        ...(opts.engine ? { engine: opts.engine } : {}),
      });
      if ('failed' in result)
        return fail(result.failed, `Attachment ${id} (a PDF): ${result.message}`, result);
      const text = cleanText(result.text);
      const ocr = { ...record(undefined, Math.round(result.confidence)), pages: result.recognised };
      rows.replaceText(id, (current) => ({ meta: withOcr(current, ocr), text }));
      return ocr;
    } finally {
      pdf.fill(0);
    }
  }
  if (meta.size > MAX_OCR_BYTES)
    fail(
      'too-large',
      `Attachment ${id} (an image) is larger than ${MAX_OCR_BYTES / 1048576} MiB; no OCR.`,
    );
  const image = new Uint8Array(meta.size);
  await readInto(source.read(id), image, opts.signal);
  try {
    const problem = checkDimensions(image);
    if (problem) fail(problem.reason, `Attachment ${id} (an image): ${problem.message}`);
    const onProgress = opts.onProgress;
    const result = await runOcrWorker(image, {
      languages: opts.languages,
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(onProgress ? { onProgress: (fraction, stage) => onProgress({ fraction, stage }) } : {}),
      ...(opts.limits ? { limits: opts.limits } : {}),
      ...(opts.engine ? { engine: opts.engine } : {}),
    });
    if ('failed' in result) return fail(result.failed, failureMessage(id, result.failed));
    const text = cleanText(result.text);
    const ocr = record(undefined, Math.round(result.confidence));
    rows.replaceText(id, (current) => ({ meta: withOcr(current, ocr), text }));
    return ocr;
  } finally {
    image.fill(0);
  }
}

function withOcr(meta: AttachmentMeta, ocr: OcrRecord): AttachmentMeta {
  const { textSkipped: _dropped, ...rest } = meta;
  return { ...rest, ocr };
}

function cleanText(text: string): string | null {
  const clean = tidy(text).slice(0, MAX_EXTRACTED_CHARS);
  return clean.trim() === '' ? null : clean;
}

function checkDimensions(
  image: Uint8Array,
): { reason: 'unreadable' | 'too-large'; message: string } | null {
  let size: { width?: number; height?: number };
  try {
    size = imageSize(image);
  } catch {
    return { reason: 'unreadable', message: 'the image is damaged or not a complete image.' };
  }
  const { width = 0, height = 0 } = size;
  if (width <= 0 || height <= 0)
    return { reason: 'unreadable', message: 'the image declares no dimensions.' };
  if (width > MAX_OCR_SIDE || height > MAX_OCR_SIDE || width * height > MAX_OCR_PIXELS)
    return {
      reason: 'too-large',
      message: `the image declares ${width} x ${height} pixels, more than OCR reads (${MAX_OCR_PIXELS / 1e6} megapixels).`,
    };
  return null;
}

function failureMessage(id: string, reason: 'unreadable' | 'time-limit' | 'memory-limit'): string {
  const file = `Attachment ${id} (an image)`;
  if (reason === 'time-limit') return `${file}: text recognition hit its time limit.`;
  if (reason === 'memory-limit') return `${file}: text recognition hit its memory limit.`;
  return `${file}: the OCR engine could not read this image (damaged or truncated).`;
}

/** Decrypts the attachment into `out` (its exact size); on failure `out` is zeroed. */
async function readInto(
  stream: AsyncIterable<Uint8Array>,
  out: Uint8Array,
  signal?: AbortSignal,
): Promise<void> {
  let at = 0;
  try {
    for await (const bytes of stream) {
      if (signal?.aborted) throw new CancelledError('The text recognition');
      out.set(bytes, at);
      at += bytes.length;
      bytes.fill(0);
    }
  } catch (error) {
    out.fill(0);
    throw error;
  }
}
