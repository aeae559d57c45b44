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
 * - `{ ok: true, pages, image, width, height, via }`: the page as an 8-bit greyscale PGM (binary
 *   "P5"), which the OCR engine (Leptonica) reads as it is. Greyscale is a quarter of RGBA and
 *   needs no encoder: an A4 page at 300 dpi is 8.7 MB. `via: 'image'`: the page only draws one
 *   upright image at 0.75 to 1.5 times `dpi` (a scanner's page), whose decoded pixels are turned
 *   to grey as they are: no canvas, no drawing, no read-back (issue 14's memory goal: drawing
 *   an A4 page held a 35 MB canvas, pdf.js's 35 MB copy of the image and a 35 MB read-back at
 *   once, and took most of a page's time). `via: 'render'`: anything else is drawn at `dpi` on
 *   a white canvas, read back 256 rows at a time;
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
const { pdfjsUrl, canvasPath, wasmDir, shared, pageNumber, dpi, maxPages, maxPixels, maxSide, minTextChars, directImage } = workerData;
const BAND_ROWS = 256;

/** An 8-bit greyscale PGM ("P5") of width x height, and where its pixels start. */
function pgm(width, height) {
  const header = Buffer.from('P5\\n' + width + ' ' + height + '\\n255\\n', 'latin1');
  const image = new Uint8Array(header.length + width * height);
  image.set(header);
  return { image, at: header.length };
}

/**
 * The page as its one image, in grey, when the page draws exactly one image XObject upright
 * (no rotation, no mirror), inside the page, at 0.75 to 1.5 times the resolution asked for,
 * and nothing else: then those pixels are what rendering would draw. Otherwise null, and the
 * page is rendered. An image finer than 1.5 times is rendered too (downscaled by the canvas).
 */
function pageImage(pdfjs, page, ops, viewportTransform, pageWidth, pageHeight) {
  const OPS = pdfjs.OPS;
  const multiply = (m, n) => [
    m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
  ];
  let ctm = viewportTransform;
  const stack = [];
  let found = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() || ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args);
    else if (fn === OPS.dependency) continue;
    // pdf.js clears the soft mask around an image with its own alpha: the default state.
    else if (fn === OPS.setGState && args[0].every((entry) => entry[0] === 'SMask' && entry[1] === false)) continue;
    else if (fn === OPS.paintImageXObject && !found) found = { id: args[0], ctm };
    else return null;
  }
  if (!found) return null;
  const [a, b, c, d, e, f] = found.ctm;
  // Upright: image row 0 (drawn at the unit square's top) lands at the top of its box.
  if (Math.abs(b) > 1e-6 || Math.abs(c) > 1e-6 || !(a > 0) || !(d < 0)) return null;
  const left = e, top = f + d, boxWidth = a, boxHeight = -d;
  if (left < -2 || top < -2 || left + boxWidth > pageWidth + 2 || top + boxHeight > pageHeight + 2) return null;
  let img;
  try {
    img = page.objs.get(found.id);
  } catch {
    return null;
  }
  if (!img || img.bitmap || !img.data) return null;
  const { width, height, kind, data } = img;
  const sx = width / boxWidth, sy = height / boxHeight;
  if (sx < 0.75 || sx > 1.5 || sy < 0.75 || sy > 1.5) return null;
  if (width > maxSide || height > maxSide || width * height > maxPixels) return null;
  const K = pdfjs.ImageKind;
  const { image, at } = pgm(width, height);
  const pixels = width * height;
  if (kind === K.GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    if (data.length < rowBytes * height) return null;
    for (let y = 0, j = at; y < height; y++)
      for (let x = 0, row = y * rowBytes; x < width; x++, j++)
        image[j] = data[row + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
  } else if (kind === K.RGB_24BPP) {
    if (data.length < pixels * 3) return null;
    for (let i = 0, j = at; j < image.length; i += 3, j++)
      image[j] = (data[i] * 77 + data[i + 1] * 150 + data[i + 2] * 29) >> 8;
  } else if (kind === K.RGBA_32BPP) {
    if (data.length < pixels * 4) return null;
    // On white, as the canvas would draw it.
    for (let i = 0, j = at; j < image.length; i += 4, j++) {
      const luma = (data[i] * 77 + data[i + 1] * 150 + data[i + 2] * 29) >> 8;
      const alpha = data[i + 3];
      image[j] = (luma * alpha + 255 * (255 - alpha) + 127) / 255;
    }
  } else return null;
  data.fill(0);
  return { image, width, height };
}

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
  // A scan's page is usually one image and nothing else: its pixels are taken as they are (in
  // grey), without a canvas of the whole page, a copy of it and an RGBA read-back. Annotations
  // are listed as rendering draws them (a filled form field is content too).
  if (directImage) {
    const ops = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.ENABLE });
    const direct = pageImage(pdfjs, page, ops, viewport.transform, width, height);
    page.cleanup();
    if (direct) {
      const { image } = direct;
      parentPort.postMessage({ ok: true, pages, image, width: direct.width, height: direct.height, via: 'image' }, [image.buffer]);
      return;
    }
  }
  const canvas = canvasModule.createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  await page.render({ canvasContext: context, canvas, viewport }).promise;
  page.cleanup();
  const { image, at } = pgm(width, height);
  // Read back in bands: a whole page's RGBA copy would be four times the grey page.
  for (let y = 0, j = at; y < height; y += BAND_ROWS) {
    const rows = Math.min(BAND_ROWS, height - y);
    const rgba = context.getImageData(0, y, width, rows).data;
    for (let i = 0; i < rgba.length; i += 4, j++)
      image[j] = (rgba[i] * 77 + rgba[i + 1] * 150 + rgba[i + 2] * 29) >> 8;
    rgba.fill(0);
  }
  context.fillRect(0, 0, width, height);
  parentPort.postMessage({ ok: true, pages, image, width, height, via: 'render' }, [image.buffer]);
})().catch(() => parentPort.postMessage({ ok: false }));
`;
