import { UNTRUSTED_PDF_OPTIONS } from '../pdfjs-options';

/**
 * What the PDF text worker runs (pdf-worker.ts starts it). Plain CommonJS run with `eval`, like
 * the hasher's worker, so that no separate file has to be found next to a bundle; pdf.js itself
 * is imported by the absolute URL the parent resolved.
 *
 * Inside, pdf.js's legacy build runs without its own worker (a "fake worker" in this thread),
 * without canvas, fonts or eval. Text is read as a stream of pieces so that the character budget
 * can stop a page part-way; the parent's time and memory limits stop what no budget inside can
 * (one content stream inflating or parsing for seconds in a single synchronous stretch).
 *
 * Messages to the parent: `{ ok: true, text, truncated, metadata }`, `{ ok: false }` (unreadable PDF:
 * encrypted, malformed), or `{ ok: false, loadError }` when pdf.js itself could not be loaded. The bytes arrive in shared memory that the parent zeroes afterwards.
 */
export const PDF_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pdfjsUrl, shared, maxChars, maxPages } = workerData;
(async () => {
  let pdfjs;
  try {
    pdfjs = await import(pdfjsUrl);
  } catch (error) {
    parentPort.postMessage({ ok: false, loadError: String(error && error.code || 'load failed') });
    return;
  }
  const task = pdfjs.getDocument({
    data: new Uint8Array(new Uint8Array(shared)),
    ...${JSON.stringify(UNTRUSTED_PDF_OPTIONS)},
  });
  const doc = await task.promise;
  // The information dictionary and XMP, plain objects of strings (docs/attachments.md,
  // "Metadata"); a document whose metadata pdf.js cannot read still gives its text.
  let metadata = null;
  try {
    const m = await doc.getMetadata();
    metadata = { info: m.info || null, xmp: m.metadata ? Object.fromEntries(m.metadata) : null };
  } catch {}
  const parts = [];
  let length = 0;
  let truncated = doc.numPages > maxPages;
  const pages = Math.min(doc.numPages, maxPages);
  for (let n = 1; n <= pages && !truncated; n++) {
    const page = await doc.getPage(n);
    const reader = page.streamTextContent().getReader();
    const text = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const item of value.items) {
        const piece = (item.str || '') + (item.hasEOL ? '\\n' : '');
        text.push(piece);
        length += piece.length;
      }
      if (length >= maxChars) {
        truncated = true;
        // Cancelling the rest of the page is best effort: the answer is sent either way.
        reader.cancel().catch(() => {});
        break;
      }
    }
    parts.push(text.join(''));
    page.cleanup();
  }
  // Sent before cleaning up: the parent terminates this thread as soon as it has the answer.
  parentPort.postMessage({ ok: true, text: parts.join('\\n\\n'), truncated, metadata });
})().catch(() => parentPort.postMessage({ ok: false }));
`;
