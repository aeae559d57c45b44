import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { recognizePdf } from '../src/core/attachments/ocr/recognize-pdf';

/**
 * Issue 14's memory bound, in a process doing nothing else: OCR of a PAGES-page scan at 300 dpi
 * (the pages of tests/fixtures/ocr/scan-spa.pdf repeated), peak resident size sampled every
 * 20 ms (worker threads included: they share the process). Prints one JSON line.
 *
 *   node --import tsx bench/ocr-child.ts PAGES
 */
const pages = Number(process.argv[2] ?? 50);
const source = await PDFDocument.load(
  readFileSync(new URL('../tests/fixtures/ocr/scan-spa.pdf', import.meta.url)),
);
const doc = await PDFDocument.create();
const indices = Array.from({ length: pages }, (_, i) => i % source.getPageCount());
for (const page of await doc.copyPages(source, indices)) doc.addPage(page);
const bytes = await doc.save();
const shared = new SharedArrayBuffer(bytes.length);
new Uint8Array(shared).set(bytes);
global.gc?.();
const baseline = process.memoryUsage.rss();
let peak = baseline;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage.rss());
}, 20);
const started = performance.now();
const result = await recognizePdf(shared, { languages: ['spa'] });
const ms = performance.now() - started;
clearInterval(sampler);
console.log(
  JSON.stringify({
    pages,
    pdfBytes: bytes.length,
    recognised: 'failed' in result ? `FAILED ${result.failed}` : result.recognised,
    baselineRss: baseline,
    peakRss: peak,
    msPerPage: ms / pages,
  }),
);
