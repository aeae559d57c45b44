import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OcrLanguage } from '../src/shared/attachments/ocr';
import { OcrEngine, recognizeImage } from '../src/core/attachments/ocr/ocr-worker';
import { fixtureBytes, ocrCorpus, wordRecall } from '../tests/attachments/ocr-helpers';

/**
 * Issue 14's OCR figures (docs/attachments.md, "Text from images"):
 *
 * - word recall and time per page image, per language, on the project's corpus
 *   (tests/fixtures/ocr), for our engine (tesseract.js in its limited worker, language data
 *   loaded for the image, as for the first file of a run) beside Debian's `tesseract` command
 *   on the same files in the same run (skipped, with a note, when the command or its language
 *   data is missing: `apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-fra
 *   tesseract-ocr-spa`);
 * - the gain of keeping the engine loaded (OcrEngine): REUSE_IMAGES images read with a fresh
 *   engine each (as every page was before) against one engine kept across them;
 * - the peak resident size of OCR of a `scanPages`-page scan at 300 dpi, in a child process
 *   (bench/ocr-child.ts): the goal is under 500 MB for 50 pages.
 */
const REUSE_IMAGES = 4;

export async function benchOcr(opts: {
  scanPages: number;
}): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {
    loadAvg: loadavg()
      .map((n) => n.toFixed(2))
      .join(' '),
  };
  const system = tesseractVersion();
  out.systemTesseract = system ?? 'missing: column skipped (apt-get install tesseract-ocr ...)';
  const systemLangs = system ? tesseractLanguages() : [];
  const work = mkdtempSync(join(tmpdir(), 'tv-bench-ocr-'));
  try {
    for (const entry of ocrCorpus()) {
      const lang = entry.lang as OcrLanguage;
      const image = fixtureBytes(entry.file);
      const started = performance.now();
      const result = await recognizeImage(image, { languages: [lang] });
      out[`${lang}.ms`] = Math.round(performance.now() - started);
      out[`${lang}.recall`] =
        'text' in result ? Number(wordRecall(entry.text, result.text).toFixed(3)) : result.failed;
      if (!system) continue;
      if (!systemLangs.includes(lang)) {
        out[`${lang}.tesseract`] = `no language data (apt-get install tesseract-ocr-${lang})`;
        continue;
      }
      const path = join(work, entry.file);
      writeFileSync(path, image);
      const t0 = performance.now();
      const run = spawnSync('tesseract', [path, 'stdout', '-l', lang], { encoding: 'utf8' });
      out[`${lang}.tesseractMs`] = Math.round(performance.now() - t0);
      out[`${lang}.tesseractRecall`] =
        run.status === 0
          ? Number(wordRecall(entry.text, run.stdout).toFixed(3))
          : `failed (${run.stderr.trim().split('\n').pop() ?? run.status})`;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  Object.assign(out, await engineReuse());
  if (opts.scanPages > 0) {
    const child = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        new URL('./ocr-child.ts', import.meta.url).pathname,
        String(opts.scanPages),
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    const line = child.stdout.trim().split('\n').pop() ?? '';
    try {
      const m = JSON.parse(line) as Record<string, number | string>;
      out.scanPages = m.pages!;
      out.scanRecognised = m.recognised!;
      out.scanMsPerPage = Math.round(Number(m.msPerPage));
      out.scanBaselineRssMiB = Math.round(Number(m.baselineRss) / 1048576);
      out.scanPeakRssMiB = Math.round(Number(m.peakRss) / 1048576);
      out.scanPeakUnder500MB = Number(m.peakRss) < 500e6 ? 'yes' : 'NO';
    } catch {
      out.scan = `child failed: ${child.stderr.slice(-300)}`;
    }
  }
  return out;
}

/** ms per image with a fresh engine for each (the old way) and with one engine kept. */
async function engineReuse(): Promise<Record<string, number>> {
  const image = fixtureBytes(ocrCorpus().find((e) => e.lang === 'spa')!.file);
  const options = { languages: ['spa' as OcrLanguage] };
  let t0 = performance.now();
  for (let i = 0; i < REUSE_IMAGES; i++) await recognizeImage(image, options);
  const fresh = (performance.now() - t0) / REUSE_IMAGES;
  const engine = new OcrEngine();
  t0 = performance.now();
  try {
    for (let i = 0; i < REUSE_IMAGES; i++) await engine.recognize(image, options);
  } finally {
    await engine.close();
  }
  const kept = (performance.now() - t0) / REUSE_IMAGES;
  return {
    'reuse.images': REUSE_IMAGES,
    'reuse.msPerImageFreshEngine': Math.round(fresh),
    'reuse.msPerImageKeptEngine': Math.round(kept),
    'reuse.ratioKeptToFresh': Number((kept / fresh).toFixed(2)),
  };
}

function tesseractLanguages(): string[] {
  const run = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' });
  return run.status === 0
    ? run.stdout
        .split('\n')
        .slice(1)
        .map((l) => l.trim())
    : [];
}

function tesseractVersion(): string | null {
  const run = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (run.error || run.status !== 0) return null;
  return (run.stdout || run.stderr).split('\n')[0]!.trim();
}
