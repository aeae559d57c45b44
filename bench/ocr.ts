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
 * - the peak resident size, wall and CPU time per page of OCR of a `scanPages`-page scan at
 *   300 dpi, each in a child process of its own (bench/ocr-child.ts), the goal being under
 *   500 MB for 50 pages: `scan.before` as the code was before issue 14's memory work (every
 *   page drawn on a canvas, one engine worker for the whole file), `scan.after` as it is now,
 *   and `scan.k<K>` with the engine worker restarted every K images, for each K in
 *   BENCH_OCR_RECYCLE (e.g. `5,25`; none by default), to choose OCR_RECYCLE_IMAGES.
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
  if (opts.scanPages > 0) Object.assign(out, scanMemory(opts.scanPages));
  return out;
}

const MiB = 1048576;

/** The scan in child processes: before, after, and each engine restart interval asked for. */
function scanMemory(pages: number): Record<string, number | string> {
  const runs: [string, string[]][] = [
    ['before', ['0', 'render']],
    ['after', []],
    ...(process.env.BENCH_OCR_RECYCLE ?? '')
      .split(',')
      .filter((k) => /^\d+$/.test(k.trim()))
      .map((k): [string, string[]] => [`k${k.trim()}`, [k.trim()]]),
  ];
  const out: Record<string, number | string> = {};
  for (const [name, args] of runs) {
    const child = spawnSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        new URL('./ocr-child.ts', import.meta.url).pathname,
        String(pages),
        ...args,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    const line = child.stdout.trim().split('\n').pop() ?? '';
    let m: Record<string, number | string>;
    try {
      m = JSON.parse(line) as Record<string, number | string>;
    } catch {
      out[`scan.${name}`] = `child failed: ${child.stderr.slice(-300)}`;
      continue;
    }
    const key = `scan.${name}`;
    out[`${key}.pages`] = m.pages!;
    out[`${key}.recognised`] = m.recognised!;
    out[`${key}.textChars`] = m.textChars!;
    out[`${key}.engineWorkers`] = m.workers!;
    out[`${key}.msPerPage`] = Math.round(Number(m.msPerPage));
    out[`${key}.cpuMsPerPage`] = Math.round(Number(m.cpuMsPerPage));
    out[`${key}.baselineRssMiB`] = Math.round(Number(m.baselineRss) / MiB);
    out[`${key}.peakRssMiB`] = Math.round(Number(m.peakRss) / MiB);
    out[`${key}.peakUnder500MB`] = Number(m.peakRss) < 500e6 ? 'yes' : 'NO';
    out[`${key}.load`] = `${Number(m.loadStart).toFixed(1)} to ${Number(m.loadEnd).toFixed(1)}`;
  }
  for (const name of runs.slice(1).map(([n]) => n)) {
    const ratio = (field: string) =>
      Number(
        (Number(out[`scan.${name}.${field}`]) / Number(out[`scan.before.${field}`])).toFixed(2),
      );
    out[`scan.${name}.peakRssToBefore`] = ratio('peakRssMiB');
    out[`scan.${name}.msPerPageToBefore`] = ratio('msPerPage');
    out[`scan.${name}.cpuPerPageToBefore`] = ratio('cpuMsPerPage');
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
