import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE_FILES } from './hostile-files';

/**
 * Issue 18's figures (docs/security.md, "Hostile inputs"): what a hostile file or bundle costs
 * the receiving process, each in a child process of its own, beside a baseline measured in the
 * same run:
 *
 * - pdf-bomb: a PDF of about 1 MB whose page inflates to `bombMiB` MiB, attached; goal under
 *   15 s, 600 MB and no main-thread block over 100 ms. Baseline: attaching a plain file of the
 *   same size (no text extraction).
 * - deep-json: a 16 MiB manifest of nested arrays: its sender read (first 16 KiB only, before
 *   the signature), then parseManifest (after it): refused by the depth scan on the JSON worker.
 *   Then two whole receives from a partner whose signature holds: a record entry of nested
 *   arrays just under the 18 MiB entry limit (`deepJsonRecord*`), and a 16 MiB manifest padded
 *   with one flat array of numbers (`deepJsonWideManifest*`), both refused on the worker.
 *   Baseline: JSON.parse of a flat text of the same size on the main thread (what a large
 *   manifest cost it before the worker). Before the scan, the nested one held the main thread
 *   5.7 s; a 60 MB record 25 s.
 * - small-files: `smallFiles` tiny attachments received in one bundle (synced in batches).
 *   Baseline: the same files attached one by one in the same run (each synced on its own, as
 *   every received file was before). 10,000 took nine minutes to receive before.
 * - body-16mib: opening a record with a 16 MiB body in Chromium (Playwright, the e2e harness:
 *   the built renderer with the real IPC handler object), from tests/e2e/hostile.spec.ts's
 *   annotations: click to first paint, of which the harness's transport (Playwright's binding,
 *   seconds for 16 MiB) and the renderer's own part; the handler and a V8 structured clone of
 *   its answer (what Electron's IPC does) measured beside it, whose sum with the renderer's part
 *   estimates the app's first paint (goal: under 1 s); the page's longest task. Before: 18 s.
 * - import-loop (part `loop`): a plain import of `importRecords` honest records (10,000), as
 *   the app's main process runs it: the longest event-loop block, beside the idle probe over
 *   the same time. Goal: no block over about 100 ms (IPC, progress and Cancel wait that long).
 * - idle: the probe alone for a few seconds: on a shared machine the scheduler alone can hold
 *   the main thread back for tens of milliseconds, which every longest-block figure includes.
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./hostile-child.ts', import.meta.url));

type Figures = Record<string, unknown>;

function child(scenario: string, size: number): Figures {
  const work = mkdtempSync(join(tmpdir(), 'tvault-bench-hostile-'));
  try {
    const result = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', CHILD, scenario, work, String(size)],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    if (result.status !== 0) throw new Error(`${scenario}: ${result.stderr.slice(-2000)}`);
    return JSON.parse(result.stdout.trim().split('\n').pop()!) as Figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Runs the 16 MiB-body e2e test (building the renderer first) and reads its annotations. */
function bodyOpen(): Figures {
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`electron-vite build: ${build.stderr.slice(-2000)}`);
  const run = spawnSync(
    'npx',
    [
      'playwright',
      'test',
      'tests/e2e/hostile.spec.ts',
      '-g',
      '16 MiB testimony',
      '--reporter=json',
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const report = JSON.parse(run.stdout) as {
    suites: {
      specs: { tests: { results: { status: string }[]; annotations: Annotation[] }[] }[];
    }[];
  };
  const test = report.suites.flatMap((suite) => suite.specs).flatMap((spec) => spec.tests)[0];
  if (!test || test.results[0]?.status !== 'passed')
    throw new Error(`the 16 MiB body test did not pass: ${run.stderr.slice(-2000)}`);
  return Object.fromEntries(test.annotations.map((a) => [a.type, Number(a.description)]));
}

interface Annotation {
  type: string;
  description: string;
}

function prefixed(prefix: string, figures: Figures): Record<string, number | string> {
  return Object.fromEntries(
    Object.entries(figures).map(([key, value]) => [
      `${prefix}${key[0]!.toUpperCase()}${key.slice(1)}`,
      typeof value === 'number' ? value : String(value),
    ]),
  );
}

const camel = (name: string) =>
  name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase());

/**
 * The inputs of bench/hostile-files.ts, each hostile and benign in a process of its own: their
 * figures side by side, with the ratios of time and peak memory to the benign twin.
 */
function hostileFiles(importMiB: number): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const name of HOSTILE_FILES) {
    const bad = child(`file:${name}:hostile`, importMiB);
    const good = child(`file:${name}:benign`, importMiB);
    Object.assign(out, prefixed(`${camel(name)}Hostile`, bad));
    Object.assign(out, prefixed(`${camel(name)}Benign`, good));
    out[`${camel(name)}SecondsRatioToBenign`] = Number(bad.seconds) / Number(good.seconds);
    out[`${camel(name)}PeakRssRatioToBenign`] = Number(bad.peakRssMiB) / Number(good.peakRssMiB);
  }
  return out;
}

/** Parts of the section (BENCH_HOSTILE_PARTS, all by default). */
const PARTS = ['files', 'loop', 'bomb', 'deep', 'small', 'body'] as const;

/**
 * The main thread during a plain import of `records` records: its longest block beside the
 * idle probe's over the same time (the machine's own noise), in processes of their own.
 */
function importLoop(records: number): Record<string, number | string> {
  const run = child('import-loop', records);
  const idle = child('idle', Math.round(Number(run.seconds) * 1000));
  return {
    ...prefixed('importLoop', run),
    ...prefixed('importLoopIdle', idle),
    importLoopLongestBlockRatioToIdle: Number(run.longestBlockMs) / Number(idle.longestBlockMs),
    importLoopLongestBlockRatioToGoal100ms: Number(run.longestBlockMs) / 100,
  };
}

export async function benchHostile(opts: {
  bombMiB: number;
  smallFiles?: number;
  importMiB?: number;
  /** Records of the plain import whose event-loop blocks the `loop` part measures. */
  importRecords?: number;
  parts?: string[];
}): Promise<Record<string, number | string>> {
  const parts = new Set(opts.parts ?? PARTS);
  const files = parts.has('files') ? hostileFiles(opts.importMiB ?? 32) : {};
  const loop = parts.has('loop') ? importLoop(opts.importRecords ?? 10_000) : {};
  if (![...PARTS].slice(2).some((part) => parts.has(part))) return { ...files, ...loop };
  const bomb = child('pdf-bomb', opts.bombMiB);
  const plain = child('plain-file', Number(bomb.fileBytes));
  const idle = child('idle', 5000);
  const deep = child('deep-json', 0);
  const small = child('small-files', opts.smallFiles ?? 1000);
  const body = bodyOpen();
  return {
    ...files,
    ...loop,
    ...prefixed('idle', idle),
    ...prefixed('deepJson', deep),
    deepJsonSecondsRatioToFlatParse: Number(deep.seconds) / Number(deep.flatParseSeconds),
    deepJsonLongestBlockRatioToFlatParse:
      Number(deep.longestBlockMs) / Number(deep.flatParseLongestBlockMs),
    deepJsonRecordLongestBlockRatioToFlatParse:
      Number(deep.recordLongestBlockMs) / Number(deep.flatParseLongestBlockMs),
    deepJsonWideManifestLongestBlockRatioToFlatParse:
      Number(deep.wideManifestLongestBlockMs) / Number(deep.flatParseLongestBlockMs),
    ...prefixed('smallFiles', small),
    smallFilesMsRatioToOneByOne: Number(small.msPerFile) / Number(small.oneByOneMsPerFile),
    ...prefixed('body16MiB', body),
    body16MiBAppEstimateRatioToGoal1s: Number(body.appEstimateMs) / 1000,
    body16MiBRendererRatioToTransport: Number(body.rendererMs) / Number(body.transportMs),
    ...prefixed('pdfBomb', bomb),
    ...prefixed('plainFile', plain),
    pdfBombSecondsRatioToGoal15s: Number(bomb.seconds) / 15,
    pdfBombRssRatioToGoal600MB: (Number(bomb.peakRssMiB) * 1024 * 1024) / 600e6,
    pdfBombBlockRatioToGoal100ms: Number(bomb.longestBlockMs) / 100,
    pdfBombSecondsRatioToPlainFile: Number(bomb.seconds) / Number(plain.seconds),
  };
}
