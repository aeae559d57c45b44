import { UNTRUSTED_PDF_OPTIONS } from '../pdfjs-options';

/**
 * What the PDF page worker runs (pdf-page-worker.ts starts it, once per page). Plain CommonJS run
 * with `eval`, like the PDF text worker; pdf.js is imported by the absolute URL the parent
 * resolved, and draws on a canvas of @napi-rs/canvas (Skia, prebuilt: no system libraries).
 *
 * For page `pageNumber` of the PDF in shared memory it answers one of:
 *
 * - `{ ok: true, pages, text }`: the page has a text layer (at least `minTextChars` characters
 *   other than white space); that text is kept and the page is not rendered;
 * - `{ ok: true, pages, image, width, height }`: the page rendered at `dpi` on white, as an 8-bit
 *   greyscale PGM (binary "P5"), which the OCR engine (Leptonica) reads as it is. Greyscale is a
 *   quarter of RGBA and needs no encoder: an A4 page at 300 dpi is 8.7 MB;
 * - `{ ok: false, reason: 'too-large', pages, width, height }`: more than `maxPages` pages, or the
 *   page at `dpi` would exceed `maxPixels` or `maxSide` (checked before any pixel is drawn);
 * - `{ ok: false }`: pdf.js cannot read the file or the page (damaged, encrypted);
 * - `{ ok: false, loadError }`: pdf.js or the canvas could not be loaded (a broken installation).
 *
 * The PDF is copied out of shared memory (pdf.js takes ownership of what it is given); the
 * parent zeroes the shared copy once the whole file is done.
 */
export const PDF_PAGE_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pdfjsUrl, canvasPath, wasmDir, shared, pageNumber, dpi, maxPages, maxPixels, maxSide, minTextChars } = workerData;
(async () => {
  let pdfjs, canvasModule;
  try {
    canvasModule = require(canvasPath);
    pdfjs = await import(pdfjsUrl);
  } catch (error) {
    parentPort.postMessage({ ok: false, loadError: String((error && error.code) || 'load failed') });
    return;
  }
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(new Uint8Array(shared)),
    ...${JSON.stringify(UNTRUSTED_PDF_OPTIONS)},
    wasmUrl: wasmDir,
  }).promise;
  const pages = doc.numPages;
  if (pages > maxPages) {
    parentPort.postMessage({ ok: false, reason: 'too-large', pages, width: 0, height: 0 });
    return;
  }
  const page = await doc.getPage(pageNumber);
  const content = await page.getTextContent();
  let chars = 0;
  for (const item of content.items) chars += String(item.str || '').replace(/\\s+/g, '').length;
  if (chars >= minTextChars) {
    const text = content.items.map((item) => (item.str || '') + (item.hasEOL ? '\\n' : '')).join('');
    parentPort.postMessage({ ok: true, pages, text });
    return;
  }
  const viewport = page.getViewport({ scale: dpi / 72 });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  if (width > maxSide || height > maxSide || width * height > maxPixels || width < 1 || height < 1) {
    parentPort.postMessage({ ok: false, reason: 'too-large', pages, width, height });
    return;
  }
  const canvas = canvasModule.createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  await page.render({ canvasContext: context, canvas, viewport }).promise;
  const rgba = context.getImageData(0, 0, width, height).data;
  const header = Buffer.from('P5\\n' + width + ' ' + height + '\\n255\\n', 'latin1');
  const image = new Uint8Array(header.length + width * height);
  image.set(header);
  // ITU-R BT.601 luma in integers: the weights sum to 256.
  for (let i = 0, j = header.length; i < rgba.length; i += 4, j++)
    image[j] = (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29) >> 8;
  rgba.fill(0);
  page.cleanup();
  parentPort.postMessage({ ok: true, pages, image, width, height }, [image.buffer]);
})().catch(() => parentPort.postMessage({ ok: false }));
`;
