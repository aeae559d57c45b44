import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { PDFDocument } from 'pdf-lib';
import { OcrEngine } from '../src/core/attachments/ocr/ocr-worker';
import { PDF_PAGE_LIMITS } from '../src/core/attachments/ocr/pdf-page-worker';
import { recognizePdf } from '../src/core/attachments/ocr/recognize-pdf';

/**
 * Issue 14's memory bound, in a process doing nothing else: OCR of a PAGES-page scan at 300 dpi
 * (the pages of tests/fixtures/ocr/scan-spa.pdf repeated), peak resident size sampled every
 * 20 ms (worker threads included: they share the process), CPU time of the whole process.
 * Prints one JSON line.
 *
 *   node --import tsx bench/ocr-child.ts PAGES [RECYCLE] [render]
 *
 * RECYCLE: images per engine worker (OcrEngine's recycleAfter; 0 = one worker for the whole
 * file, as before issue 14's memory work); `render`: draw every page on a canvas (as before)
 * instead of taking a scanned page's image as it is.
 */
const pages = Number(process.argv[2] ?? 50);
const recycle = Number(process.argv[3] ?? -1);
const renderAlways = process.argv[4] === 'render';
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
const engine = new OcrEngine(
  recycle < 0 ? {} : { recycleAfter: recycle === 0 ? Number.MAX_SAFE_INTEGER : recycle },
);
const load = loadavg()[0]!;
const cpu = process.cpuUsage();
const started = performance.now();
let result;
try {
  result = await recognizePdf(shared, {
    languages: ['spa'],
    engine,
    pageLimits: { ...PDF_PAGE_LIMITS, directImage: !renderAlways },
  });
} finally {
  await engine.close();
}
const ms = performance.now() - started;
const used = process.cpuUsage(cpu);
clearInterval(sampler);
console.log(
  JSON.stringify({
    pages,
    pdfBytes: bytes.length,
    recognised: 'failed' in result ? `FAILED ${result.failed}` : result.recognised,
    textChars: 'failed' in result ? 0 : result.text.length,
    workers: engine.workersStarted,
    baselineRss: baseline,
    peakRss: peak,
    msPerPage: ms / pages,
    cpuMsPerPage: (used.user + used.system) / 1000 / pages,
    loadStart: load,
    loadEnd: loadavg()[0]!,
  }),
);
