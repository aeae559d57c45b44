/**
 * The text of a PDF, through Mozilla's pdf.js (pdfjs-dist), legacy build: it runs in plain Node
 * without a worker thread (pdf.js falls back to a "fake worker" in the same thread) and without
 * canvas, since only text content is asked for. Fonts are not loaded, scripts are not evaluated.
 * Any failure (encrypted PDF, malformed file) yields null: the attachment is still stored, only
 * without searchable text.
 */
export const MAX_PDF_PAGES = 2000;

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

export async function pdfToText(data: Uint8Array, maxChars: number): Promise<string | null> {
  try {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
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
