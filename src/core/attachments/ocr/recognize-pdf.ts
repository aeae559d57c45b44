import type { OcrFailure, OcrLanguage, OcrProgress } from '../../../shared/attachments/ocr';
import { CancelledError } from '../../../shared/errors';
import { OcrEngine, type OcrLimits } from './ocr-worker';
import { type PdfPageLimits, readPdfPage } from './pdf-page-worker';

/**
 * Text of a PDF page by page (docs/attachments.md, "Text from images"): a page with a text layer
 * keeps that text; a page without one (a scan) is rendered at 300 dpi and recognised. One page
 * is in memory at a time: a worker renders it and is gone before the engine, in a worker of its
 * own that stays loaded across the pages (OcrEngine), reads it; then the next page. Each page has
 * the limits of one image, so a long scan takes long, but never more memory.
 */
export interface PdfOcrOptions {
  languages: OcrLanguage[];
  signal?: AbortSignal;
  onProgress?: (progress: OcrProgress) => void;
  limits?: OcrLimits;
  pageLimits?: PdfPageLimits;
  /** The engine kept loaded across files; without one, the PDF's pages share one of their own. */
  engine?: OcrEngine;
}

export type PdfOcrResult =
  | { text: string; confidence: number; recognised: number; pages: number }
  /**
   * `page`: where it stopped; `whole`: the document itself was refused (not opened, too many
   * pages), so no page is at fault; `pages`: 0 when the count is not known.
   */
  | { failed: OcrFailure; page: number; pages: number; whole?: true; message: string };

/**
 * Reads every page of the PDF in `pdf` (shared memory, zeroed by the caller). The caller holds
 * the OCR queue's place (ocrQueue). The first page that fails stops the file: its text would
 * have holes nobody could see, and the reason names that page.
 */
export async function recognizePdf(
  pdf: SharedArrayBuffer,
  opts: PdfOcrOptions,
): Promise<PdfOcrResult> {
  if (opts.engine) return recognizePages(pdf, opts, opts.engine);
  const engine = new OcrEngine();
  try {
    return await recognizePages(pdf, opts, engine);
  } finally {
    await engine.close();
  }
}

async function recognizePages(
  pdf: SharedArrayBuffer,
  opts: PdfOcrOptions,
  engine: OcrEngine,
): Promise<PdfOcrResult> {
  const parts: string[] = [];
  const confidences: number[] = [];
  // Known once the first page's worker has opened the document.
  let pages = 0;
  const report = (page: number, within: number, stage: string) =>
    opts.onProgress?.(
      pages === 0
        ? { fraction: 0, stage, page }
        : { fraction: Math.min(1, (page - 1 + within) / pages), stage, page, pages },
    );
  for (let page = 1; page === 1 || page <= pages; page++) {
    if (opts.signal?.aborted) throw new CancelledError('The text recognition');
    report(page, 0, 'reading page');
    const read = await readPdfPage(pdf, page, {
      ...(opts.pageLimits ? { limits: opts.pageLimits } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if ('failed' in read) {
      const total = 'pages' in read ? read.pages : pages;
      const whole = total === 0 || (read.failed === 'too-large' && read.width === 0);
      return {
        failed: read.failed,
        page,
        pages: total,
        ...(whole ? { whole: true as const } : {}),
        message: pageFailure(read, page, total),
      };
    }
    pages = read.pages;
    if (pages === 0) break;
    if ('text' in read) {
      parts.push(read.text);
      continue;
    }
    try {
      const result = await engine.recognize(read.image, {
        languages: opts.languages,
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.limits ? { limits: opts.limits } : {}),
        // The engine counts each stage from 0 to 1; only recognising moves through the page.
        onProgress: (fraction, stage) =>
          report(page, stage === 'recognizing text' ? fraction : 0, stage),
      });
      if ('failed' in result)
        return {
          failed: result.failed,
          page,
          pages,
          message: `page ${page} of ${pages}: ${engineFailure(result.failed)}`,
        };
      parts.push(result.text);
      confidences.push(result.confidence);
    } finally {
      read.image.fill(0);
    }
  }
  const confidence = confidences.length
    ? confidences.reduce((a, b) => a + b, 0) / confidences.length
    : 0;
  return { text: parts.join('\n\n'), confidence, recognised: confidences.length, pages };
}

function pageFailure(
  read: Extract<Awaited<ReturnType<typeof readPdfPage>>, { failed: string }>,
  page: number,
  pages: number,
): string {
  if (read.failed === 'too-large') {
    if (read.width === 0) return `the PDF has ${pages} pages, more than OCR reads.`;
    return `page ${page} of ${pages} would be ${read.width} x ${read.height} pixels at 300 dpi, more than OCR reads.`;
  }
  // Before the page count is known, the document itself could not be opened.
  if (pages === 0)
    return read.failed === 'unreadable'
      ? 'the PDF cannot be read (damaged, encrypted or not a PDF).'
      : `opening the PDF: ${engineFailure(read.failed)}`;
  if (read.failed === 'unreadable')
    return `page ${page} of ${pages} cannot be read (damaged or malformed).`;
  return `page ${page} of ${pages}: ${engineFailure(read.failed)}`;
}

function engineFailure(reason: OcrFailure): string {
  if (reason === 'time-limit') return 'text recognition hit its time limit.';
  if (reason === 'memory-limit') return 'text recognition hit its memory limit.';
  return 'the OCR engine could not read the rendered page.';
}
