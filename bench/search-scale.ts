/**
 * Search at scale (issue 11 point 10, issue 16 "speed and scale"), each figure beside a baseline
 * measured in the same run on the same input, each task in its own process
 * (bench/search-scale-child.ts):
 *
 * - long record: one transcript of LONG_MB MB indexed, searched and cut into a snippet, against
 *   MiniSearch indexing and searching the same text;
 * - cold CLI search: `tvault search` on a vault of COLD_DOCS imported testimonies (a new
 *   process: start-up, unlock with the test KDF, load of the index, query, snippets), against
 *   a new process loading a MiniSearch index of the same testimonies and answering the query;
 * - import scale: DOCS testimonies of about 2.5 KB (16 languages) imported from JSONL by
 *   `tvault import` into a new vault (encrypted records, index built on worker threads), then
 *   the first `tvault search`, each a new process as a user runs them (bench/exit-figures.mjs
 *   measures them), against SQLite FTS5 (`porter unicode61 remove_diacritics 2`) indexing the
 *   same text and answering the same query; then
 *   query latencies and the first query after unlock; the same for SHORT short items
 *   (about 50 words).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { type SearchDoc } from '../src/shared/search';
import { createCorpus } from './corpus';
import { MINISEARCH_OPTIONS } from './minisearch-options';

type Figures = Record<string, number | string>;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHILD = fileURLToPath(new URL('./search-scale-child.ts', import.meta.url));
const CLI = fileURLToPath(new URL('../out/cli/tvault.mjs', import.meta.url));
const PASS = 'bench passphrase';

export interface SearchScaleOptions {
  longMB?: number;
  coldDocs?: number;
  docs?: number;
  shortItems?: number;
  queries?: number;
  /** Size of the JSONL file of the big import (issue 11), in MB; 0 skips it. */
  importMB?: number;
}

function child(task: string, args: string[]): Promise<Figures> {
  return new Promise((resolve) => {
    const proc = spawn(
      process.execPath,
      ['--max-old-space-size=8192', '--import', 'tsx', CHILD, task, ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => (out += chunk));
    proc.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      resolve(
        code === 0 && line.startsWith('{') ? (JSON.parse(line) as Figures) : { error: code ?? -1 },
      );
    });
  });
}

const ratio = (a: unknown, b: unknown): number | string =>
  typeof a === 'number' && typeof b === 'number' && b > 0 ? Number((a / b).toFixed(3)) : 'n/a';

function prefixed(prefix: string, figures: Figures): Figures {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [`${prefix}.${k}`, v]));
}

function record(d: SearchDoc, short: boolean): Record<string, unknown> {
  if (short) {
    const words = d.body.split(/\s+/).slice(0, 45).join(' ');
    return {
      title: d.title.split(/\s+/).slice(0, 5).join(' '),
      body: words,
      lang: d.lang,
      tags: d.tags,
    };
  }
  return {
    title: d.title,
    body: d.body,
    lang: d.lang,
    narrator: d.narrator,
    place: d.place,
    tags: d.tags,
    notes: d.notes,
  };
}

/** Writes `count` records (or, with `maxBytes`, as many as fit), 10,000 lines at a time. */
export function writeJsonl(
  path: string,
  count: number,
  short: boolean,
  maxBytes = Infinity,
): number {
  const corpus = createCorpus(42);
  const lines: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count && bytes < maxBytes; i++) {
    const line = JSON.stringify(record(corpus.doc(i), short));
    bytes += Buffer.byteLength(line);
    lines.push(line);
    if (lines.length === 10_000) {
      writeFileSync(path, `${lines.join('\n')}\n`, { flag: 'a' });
      lines.length = 0;
    }
  }
  if (lines.length > 0) writeFileSync(path, `${lines.join('\n')}\n`, { flag: 'a' });
  return bytes;
}

async function longRecord(dir: string, mb: number): Promise<Figures> {
  const corpus = createCorpus(7);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * 1e6; i++) {
    const d = corpus.doc(i);
    if (d.lang !== 'es') continue;
    parts.push(d.body);
    size += d.body.length + 1;
  }
  const file = join(dir, 'long.txt');
  writeFileSync(file, parts.join('\n'));
  const query = 'derechos humanos';
  const ours = await child('long-tvault', [file, query]);
  const theirs = await child('long-minisearch', [file, query]);
  return {
    'long.MB': mb,
    ...prefixed('long.tvault', ours),
    ...prefixed('long.minisearch', theirs),
    'long.ratio.totalMs': ratio(ours.totalMs, theirs.totalMs),
    'long.ratio.peakRssMB': ratio(ours.peakRssMB, theirs.peakRssMB),
    // CPU time: on a quiet machine the single-threaded build's wall time is its CPU time.
    'long.targets.indexUnder5s (CPU)': Number(ours.indexCpuMs) < 5000 ? 'yes' : 'no',
    'long.targets.under300MB': Number(ours.peakRssMB) < 300 ? 'yes' : 'no',
  };
}

function timedCli(args: string[]): number {
  const env = { ...process.env, TVAULT_TEST_KDF: '1', TVAULT_PASSPHRASE: PASS };
  const started = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`tvault ${args[2] ?? ''} failed: ${r.stderr.toString()}`);
  return ms;
}

const EXIT_FIGURES = fileURLToPath(new URL('./exit-figures.mjs', import.meta.url));

/**
 * Runs `tvault ARGS` in a new process, as a user does, and measures it: wall time from spawn to
 * exit, CPU time of every thread, peak resident size (bench/exit-figures.mjs), and its output.
 */
interface Measured {
  wallMs: number;
  cpuMs: number;
  peakRssMB: number;
  stdout: string;
}

function measuredCli(args: string[], dir: string): Measured {
  const figures = join(dir, 'exit-figures.json');
  rmSync(figures, { force: true });
  const env = {
    ...process.env,
    TVAULT_TEST_KDF: '1',
    TVAULT_PASSPHRASE: PASS,
    BENCH_FIGURES: figures,
  };
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', EXIT_FIGURES, CLI, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`tvault ${args[2] ?? ''} failed: ${r.stderr.toString()}`);
  const own = JSON.parse(readFileSync(figures, 'utf8')) as { cpuMs: number; peakRssMB: number };
  return {
    wallMs: Math.round(wallMs),
    cpuMs: own.cpuMs,
    peakRssMB: own.peakRssMB,
    stdout: r.stdout.toString(),
  };
}

/**
 * Issue 16's measure: `tvault import FILE` into a new vault, then the first `tvault search`,
 * each a new process as a user runs them. The vault is created first (not timed: FTS5's own
 * database is created inside its time, in microseconds).
 */
function cliImportAndSearch(vault: string, jsonl: string, query: string, dir: string): Figures {
  timedCli(['--vault', vault, 'init']);
  const imported = measuredCli(['--vault', vault, 'import', jsonl], dir);
  const searched = measuredCli(['--vault', vault, 'search', query, '--json'], dir);
  const hits = (JSON.parse(searched.stdout) as { total?: number }).total ?? 'n/a';
  return {
    importMs: imported.wallMs,
    firstSearchProcessMs: searched.wallMs,
    totalMs: imported.wallMs + searched.wallMs,
    cpuMs: imported.cpuMs + searched.cpuMs,
    hits,
    peakRssMB: Math.max(imported.peakRssMB, searched.peakRssMB),
  };
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

async function coldCliSearch(dir: string, docs: number): Promise<Figures> {
  const jsonl = join(dir, 'cold.jsonl');
  writeJsonl(jsonl, docs, false);
  const vault = join(dir, 'cold-vault');
  timedCli(['--vault', vault, 'init']);
  const importMs = timedCli(['--vault', vault, 'import', jsonl]);
  const query = 'derechos';
  const search = median([0, 1, 2].map(() => timedCli(['--vault', vault, 'search', query])));
  const help = median([0, 1, 2].map(() => timedCli(['--vault', vault, '--help'])));
  // MiniSearch: the same testimonies, its index stored as JSON, loaded by a new process.
  const index = new MiniSearch(MINISEARCH_OPTIONS);
  const corpus = createCorpus(42);
  for (let i = 0; i < docs; i++) index.add(corpus.doc(i));
  const json = join(dir, 'cold-minisearch.json');
  writeFileSync(json, JSON.stringify(index));
  const mini: number[] = [];
  let miniFigures: Figures = {};
  for (let k = 0; k < 3; k++) {
    const started = performance.now();
    miniFigures = await child('minisearch-cold', [json, query]);
    mini.push(performance.now() - started);
  }
  return {
    'cold.docs': docs,
    'cold.tvault.importMs (indexes too)': Math.round(importMs),
    'cold.tvault.searchProcessMs': Math.round(search),
    'cold.tvault.startupOnlyMs (--help)': Math.round(help),
    'cold.minisearch.processMs (tsx start-up included)': Math.round(median(mini)),
    'cold.minisearch.loadAndQueryMs': miniFigures.coldMs ?? 'n/a',
    'cold.tvault.searchMinusStartupMs': Math.round(search - help),
    'cold.ratio.searchProcess': ratio(search, median(mini)),
    'cold.targets.under1s': search < 1000 ? 'yes' : 'no',
  };
}

async function importScale(
  dir: string,
  name: string,
  count: number,
  short: boolean,
  queries: number,
): Promise<Figures> {
  const jsonl = join(dir, `${name}.jsonl`);
  const bytes = writeJsonl(jsonl, count, short);
  const query = 'derechos';
  // The machine is shared: the load average beside the figures says how far wall times mean.
  const loadBefore = loadavg()[0] ?? 0;
  const ours = cliImportAndSearch(join(dir, `${name}-vault`), jsonl, query, dir);
  const fts5 = await child('fts5-import', [join(dir, `${name}-fts5.db`), jsonl, query]);
  // "and MiniSearch where it copes": a crash (out of memory) is reported as its exit code.
  const mini = await child('minisearch-import', [jsonl, query]);
  const list = [...createCorpus(42).queries(queries, 1), ...createCorpus(42).queries(queries, 2)];
  const queriesFile = join(dir, `${name}-queries.json`);
  writeFileSync(queriesFile, JSON.stringify(list));
  const latency = await child('tvault-queries', [join(dir, `${name}-vault`), queriesFile]);
  rmSync(jsonl, { force: true });
  return {
    [`${name}.loadAverage (1 min, start / end)`]: `${loadBefore.toFixed(1)} / ${(loadavg()[0] ?? 0).toFixed(1)}`,
    [`${name}.items`]: count,
    [`${name}.jsonlMB`]: Math.round(bytes / 1e6),
    ...prefixed(`${name}.tvault`, ours),
    ...prefixed(`${name}.fts5`, fts5),
    ...prefixed(`${name}.minisearch`, mini),
    ...prefixed(`${name}.tvault.reopened`, latency),
    [`${name}.ratio.importAndFirstQuery`]: ratio(ours.totalMs, fts5.totalMs),
    [`${name}.ratio.cpu`]: ratio(ours.cpuMs, fts5.cpuMs),
    [`${name}.ratio.minisearchToFts5 (wall)`]: ratio(mini.totalMs, fts5.totalMs),
    ...targets(name, short, ours, latency, fts5),
  };
}

/** Resident size now and at its peak (VmRSS, VmHWM; Linux), in MB; null elsewhere. */
function residentMB(pid: number): { now: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const now = /VmRSS:\s+(\d+) kB/.exec(status);
    const peak = /VmHWM:\s+(\d+) kB/.exec(status);
    if (!now || !peak) return null;
    return { now: Math.round(Number(now[1]) / 1024), peak: Math.round(Number(peak[1]) / 1024) };
  } catch {
    return null;
  }
}

/** Lines of a file, read in chunks (a 1 GB file is longer than a string may be). */
function countLines(path: string): number {
  const fd = openSync(path, 'r');
  const chunk = Buffer.alloc(1 << 20);
  let lines = 0;
  try {
    for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk))
      for (let at = chunk.indexOf(10); at !== -1 && at < n; at = chunk.indexOf(10, at + 1)) lines++;
  } finally {
    closeSync(fd);
  }
  return lines;
}

/** CPU time (user + system, every thread) a running process has used, in s; null elsewhere. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/**
 * Issue 11: `tvault import` of a JSONL file of `mb` MB (generated, deleted after) in a new
 * process, into a new vault (no index yet), its resident size sampled every second (the
 * kernel's high-water mark gives the peak between samples): memory must stay bounded (streamed
 * reading, batches), whatever the file's size. The curve (RSS at the end of each minute, with
 * the load average) shows whether it still grows.
 */
async function bigImport(dir: string, mb: number): Promise<Figures> {
  const jsonl = join(dir, 'big.jsonl');
  writeJsonl(jsonl, Number.MAX_SAFE_INTEGER, false, mb * 1e6);
  const bytes = statSync(jsonl).size;
  const lines = countLines(jsonl);
  const vault = join(dir, 'big-vault');
  timedCli(['--vault', vault, 'init']);
  const env = { ...process.env, TVAULT_TEST_KDF: '1', TVAULT_PASSPHRASE: PASS };
  const loadBefore = loadavg()[0] ?? 0;
  const started = performance.now();
  const proc = spawn(process.execPath, [CLI, '--vault', vault, 'import', jsonl], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let peak: number | null = null;
  let cpu: number | null = null;
  const curve: string[] = [];
  const sample = setInterval(() => {
    const now = proc.pid === undefined ? null : residentMB(proc.pid);
    if (now === null) return;
    peak = Math.max(peak ?? 0, now.peak);
    cpu = cpuSeconds(proc.pid ?? 0) ?? cpu;
    const minute = Math.floor((performance.now() - started) / 60_000);
    if (minute > curve.length - 1) {
      const line = `min ${minute}: ${now.now} MB (peak ${now.peak}, cpu ${cpu} s, load ${(loadavg()[0] ?? 0).toFixed(1)})`;
      curve.push(line);
      console.warn(`  bigImport ${line}`);
    }
  }, 1000);
  let stderr = '';
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
  const code = await new Promise<number>((resolve) => proc.on('close', (c) => resolve(c ?? -1)));
  clearInterval(sample);
  const ms = performance.now() - started;
  rmSync(jsonl, { force: true });
  if (code !== 0) return { 'bigImport.error': `exit ${code}: ${stderr.trim().split('\n').pop()}` };
  return {
    'bigImport.loadAverage (1 min, start / end)': `${loadBefore.toFixed(1)} / ${(loadavg()[0] ?? 0).toFixed(1)}`,
    'bigImport.jsonlMB': Math.round(bytes / 1e6),
    'bigImport.records': lines,
    'bigImport.importMs (indexes too)': Math.round(ms),
    'bigImport.cpuS (last sample, every thread)': cpu ?? 'n/a (no /proc)',
    'bigImport.peakRssMB': peak ?? 'n/a (no /proc)',
    'bigImport.rssCurve (each minute)': curve.join('; '),
  };
}

/** Issue 16's goals, met or not, for the figures of one import. */
function targets(
  name: string,
  short: boolean,
  ours: Figures,
  reopened: Figures,
  fts5: Figures,
): Figures {
  const yes = (ok: boolean): string => (ok ? 'yes' : 'no');
  const peak = Math.max(Number(ours.peakRssMB), Number(reopened.peakRssMB));
  if (!short)
    return {
      [`${name}.targets.within3xOfFts5 (wall)`]: yes(
        Number(ours.totalMs) <= 3 * Number(fts5.totalMs),
      ),
      [`${name}.targets.under1GB`]: yes(peak < 1024),
    };
  return {
    [`${name}.targets.p95Under50ms`]: yes(Number(reopened.p95Ms) < 50),
    [`${name}.targets.firstQueryUnder3s`]: yes(Number(reopened.firstQueryMs) < 3000),
    [`${name}.targets.under2GB`]: yes(peak < 2048),
  };
}

export async function benchSearchScale(opts: SearchScaleOptions = {}): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'tvault-bench-scale-'));
  try {
    const out: Figures = {};
    if ((opts.longMB ?? 15) > 0) Object.assign(out, await longRecord(dir, opts.longMB ?? 15));
    if ((opts.coldDocs ?? 5000) > 0)
      Object.assign(out, await coldCliSearch(dir, opts.coldDocs ?? 5000));
    const queries = opts.queries ?? 100;
    if ((opts.docs ?? 100_000) > 0)
      Object.assign(
        out,
        await importScale(dir, 'testimonies', opts.docs ?? 100_000, false, queries),
      );
    if ((opts.shortItems ?? 1_000_000) > 0)
      Object.assign(
        out,
        await importScale(dir, 'short', opts.shortItems ?? 1_000_000, true, queries),
      );
    if ((opts.importMB ?? 1024) > 0)
      Object.assign(out, await bigImport(dir, opts.importMB ?? 1024));
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
