/**
 * The text of a PDF, through Mozilla's pdf.js (pdfjs-dist), legacy build: it runs in plain Node
 * without a worker thread (pdf.js falls back to a "fake worker" in the same thread) and without
 * canvas, since only text content is asked for. Fonts are not loaded, scripts are not evaluated.
 * A PDF pdf.js cannot read (encrypted, malformed) yields null: the attachment is still stored,
 * only without searchable text. pdf.js itself failing to load is another matter, a broken
 * installation (a packaged app once left pdfjs-dist out): that error propagates, the attachment
 * is not stored, and the caller sees an internal error instead of a PDF silently unsearchable.
 */
export const MAX_PDF_PAGES = 2000;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** The legacy build runs in plain Node (and in Electron's main process) without a DOM. */
const loadPdfJs = (): Promise<PdfJs> => import('pdfjs-dist/legacy/build/pdf.mjs');

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

export async function pdfToText(
  data: Uint8Array,
  maxChars: number,
  load: () => Promise<PdfJs> = loadPdfJs,
): Promise<string | null> {
  const pdfjs = await load();
  try {
    const task = pdfjs.getDocument({
      // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
      data: new Uint8Array(data),
      useWorkerFetch: false,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
    });
    const doc = await task.promise;
    try {
      const parts: string[] = [];
      let length = 0;
      const pages = Math.min(doc.numPages, MAX_PDF_PAGES);
      for (let n = 1; n <= pages && length < maxChars; n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const text = (content.items as TextItemLike[])
          .map((item) => `${item.str ?? ''}${item.hasEOL ? '\n' : ''}`)
          .join('');
        parts.push(text);
        length += text.length;
        page.cleanup();
      }
      return parts.join('\n\n');
    } finally {
      await doc.destroy();
    }
  } catch {
    return null;
  }
}
