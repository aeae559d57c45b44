/**
 * Issue 4's figures: the search engine (src/shared/search) against MiniSearch on the same
 * seeded multilingual corpus (bench/corpus.ts), each engine in its own child process so that
 * its memory figures are its own: `node --expose-gc --import tsx bench/search-main.ts --child`.
 *
 * Per engine: build time (bulk indexing in chunks of 1,000 documents, as a reindex would feed
 * it), stored index size, load time and "unlock to first result" (load of the persisted index +
 * the first query), query latency p50/p95 for one- and two-word queries (the last word as a
 * prefix, as the search box sends it while typing), time for a new testimony to become
 * searchable (upsert + a query that finds it), peak heap and peak RSS. Raw figures drift on a
 * shared machine, so each one is also reported as a ratio to MiniSearch measured in the same run
 * (ratio < 1: ours is smaller/faster).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import MiniSearch, { type Options } from 'minisearch';
import { SearchEngine, type SearchDoc } from '../src/shared/search';
import { createCorpus } from './corpus';

export interface SearchBenchOptions {
  docs: number;
  /** Queries of each kind (one-word, two-word); default 200. */
  queries?: number;
  seed?: number;
  engines?: EngineName[];
  /**
   * Run both engines at once, one per core. Default: from 50,000 documents on (a sequential
   * 100,000-document run takes about 10 minutes here, in parallel about 5), or as env
   * BENCH_SEARCH_PARALLEL=1/0 says. The two children then compete for memory bandwidth: compare
   * the CPU-time figures and ratios rather than wall times.
   */
  parallel?: boolean;
}

export type EngineName = 'tvault' | 'minisearch';
type Figures = Record<string, number | string>;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = fileURLToPath(new URL('./search-main.ts', import.meta.url));
const CHUNK = 1000;
const MB = 1024 * 1024;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (v: number, digits = 1): number => Number(v.toFixed(digits));

class MemoryProbe {
  peakHeap = 0;
  sample(): void {
    const m = process.memoryUsage();
    this.peakHeap = Math.max(this.peakHeap, m.heapUsed + m.external);
  }
  peakRss(): number {
    return process.resourceUsage().maxRSS * 1024;
  }
}

interface Adapter {
  addChunk(docs: SearchDoc[]): void;
  finishBuild(): void;
  /** Serialises, drops the live index, returns the stored size. */
  persist(): number;
  load(): void;
  search(q: string): number;
  /** Adds a document and returns the ids found for `marker`. */
  addAndFind(doc: SearchDoc, marker: string): string[];
}

function tvaultAdapter(): Adapter {
  let engine: SearchEngine | null = SearchEngine.create();
  let blobs: Uint8Array[] = [];
  return {
    addChunk: (docs) => engine!.upsertMany(docs),
    finishBuild: () => engine!.compact(),
    persist() {
      blobs = engine!.dirtySegments().map((s) => s.bytes.slice());
      engine = null;
      return blobs.reduce((n, b) => n + b.length, 0);
    },
    load() {
      engine = SearchEngine.load(blobs);
    },
    search: (q) => engine!.search(q, { limit: 20 }).total,
    addAndFind(doc, marker) {
      engine!.upsert(doc);
      return engine!.search(marker).hits.map((h) => h.id);
    },
  };
}

function miniSearchAdapter(): Adapter {
  const options: Options<SearchDoc> = {
    fields: ['title', 'body', 'narrator', 'place', 'tags', 'notes', 'attachmentText'],
    storeFields: [],
    extractField: (doc, field) =>
      field === 'tags' ? doc.tags.join(' ') : String(doc[field as keyof SearchDoc] ?? ''),
    searchOptions: {
      boost: { title: 3, tags: 2.5, narrator: 1.5, place: 1.5, attachmentText: 0.8 },
      prefix: (_term, i, terms) => i === terms.length - 1,
      combineWith: 'AND',
    },
  };
  let index: MiniSearch<SearchDoc> | null = new MiniSearch(options);
  let json = '';
  return {
    addChunk: (docs) => index!.addAll(docs),
    finishBuild: () => undefined,
    persist() {
      json = JSON.stringify(index);
      index = null;
      return Buffer.byteLength(json);
    },
    load() {
      index = MiniSearch.loadJSON(json, options);
    },
    search: (q) => index!.search(q).length,
    addAndFind(doc, marker) {
      index!.add(doc);
      return index!.search(marker).map((r) => String(r.id));
    },
  };
}

/** Runs one engine's measurements in this process (the child side). */
export async function runPhase(engine: EngineName, opts: SearchBenchOptions): Promise<Figures> {
  const seed = opts.seed ?? 42;
  const nQueries = opts.queries ?? 200;
  const probe = new MemoryProbe();
  const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
  const genStarted = performance.now();
  const corpus = createCorpus(seed);
  const q1 = corpus.queries(nQueries, 1);
  const q2 = corpus.queries(nQueries, 2);
  let genMs = performance.now() - genStarted;
  gc();
  const base = process.memoryUsage();
  const baseHeap = base.heapUsed + base.external;
  const adapter = engine === 'tvault' ? tvaultAdapter() : miniSearchAdapter();

  const cpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let buildMs = 0;
  let buildCpuMs = 0;
  let corpusBytes = 0;
  for (let start = 0; start < opts.docs; start += CHUNK) {
    const g = performance.now();
    const docs: SearchDoc[] = [];
    for (let i = start; i < Math.min(opts.docs, start + CHUNK); i++) {
      const d = corpus.doc(i);
      corpusBytes += d.body.length + d.title.length + d.notes.length + d.attachmentText.length;
      docs.push(d);
    }
    genMs += performance.now() - g;
    const t = performance.now();
    const c = cpu();
    adapter.addChunk(docs);
    buildMs += performance.now() - t;
    buildCpuMs += cpu() - c;
    probe.sample();
  }
  let t = performance.now();
  let c = cpu();
  adapter.finishBuild();
  buildMs += performance.now() - t;
  buildCpuMs += cpu() - c;
  probe.sample();
  const indexBytes = adapter.persist();
  probe.sample();
  gc();

  t = performance.now();
  c = cpu();
  adapter.load();
  const loadMs = performance.now() - t;
  const loadCpuMs = cpu() - c;
  adapter.search(q1[0] as string);
  const firstResultMs = performance.now() - t;
  const firstResultCpuMs = cpu() - c;
  probe.sample();

  for (const q of [...q1.slice(0, 20), ...q2.slice(0, 20)]) adapter.search(q); // warm up
  const measure = (queries: string[]): { times: number[]; hits: number } => {
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const s = performance.now();
      hits += adapter.search(q);
      times.push(performance.now() - s);
    }
    probe.sample();
    return { times, hits: hits / queries.length };
  };
  const one = measure(q1);
  const two = measure(q2);

  const newDoc: number[] = [];
  const newDocCpu: number[] = [];
  for (let k = 0; k < 20; k++) {
    const marker = `tvnewdoc${k}x`;
    const d = corpus.doc(opts.docs + k);
    const doc = { ...d, body: `${d.body} ${marker}` };
    const s = performance.now();
    const sc = cpu();
    const found = adapter.addAndFind(doc, marker);
    newDoc.push(performance.now() - s);
    newDocCpu.push(cpu() - sc);
    if (found[0] !== doc.id) throw new Error(`${engine}: new document not found`);
  }
  probe.sample();

  return {
    docs: opts.docs,
    corpusMB: round(corpusBytes / MB),
    corpusGenMs: Math.round(genMs),
    buildMs: Math.round(buildMs),
    buildCpuMs: Math.round(buildCpuMs),
    indexMB: round(indexBytes / MB),
    loadMs: Math.round(loadMs),
    loadCpuMs: Math.round(loadCpuMs),
    firstResultMs: Math.round(firstResultMs),
    firstResultCpuMs: Math.round(firstResultCpuMs),
    'q1.p50Ms': round(percentile(one.times, 50), 2),
    'q1.p95Ms': round(percentile(one.times, 95), 2),
    'q1.maxMs': round(percentile(one.times, 100), 2),
    'q1.avgHits': Math.round(one.hits),
    'q2.p50Ms': round(percentile(two.times, 50), 2),
    'q2.p95Ms': round(percentile(two.times, 95), 2),
    'q2.maxMs': round(percentile(two.times, 100), 2),
    'q2.avgHits': Math.round(two.hits),
    'newDoc.p50Ms': round(percentile(newDoc, 50), 2),
    'newDoc.maxMs': round(percentile(newDoc, 100), 2),
    'newDoc.maxCpuMs': round(percentile(newDocCpu, 100), 2),
    peakHeapMB: Math.round((probe.peakHeap - baseHeap) / MB),
    peakRssMB: Math.round(probe.peakRss() / MB),
  };
}

function runChild(engine: EngineName, opts: SearchBenchOptions): Promise<Figures> {
  const args = [
    '--expose-gc',
    '--max-old-space-size=8192',
    '--import',
    'tsx',
    MAIN,
    '--child',
    engine,
    String(opts.docs),
    String(opts.seed ?? 42),
    String(opts.queries ?? 200),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', (error) => resolve({ error: error.message }));
    child.on('close', (code, signal) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) resolve({ error: `exit ${code ?? signal}` });
      else resolve(JSON.parse(line) as Figures);
    });
  });
}

const COMPARED = [
  'buildMs',
  'buildCpuMs',
  'indexMB',
  'loadMs',
  'loadCpuMs',
  'firstResultMs',
  'firstResultCpuMs',
  'q1.p50Ms',
  'q1.p95Ms',
  'q2.p50Ms',
  'q2.p95Ms',
  'newDoc.maxMs',
  'newDoc.maxCpuMs',
  'peakHeapMB',
  'peakRssMB',
];

/** Figures of both engines, prefixed `tvault.` / `minisearch.`, and `ratio.` = ours / theirs. */
export async function benchSearch(opts: SearchBenchOptions): Promise<Figures> {
  const engines = opts.engines ?? ['tvault', 'minisearch'];
  const env = process.env.BENCH_SEARCH_PARALLEL;
  const parallel = opts.parallel ?? (env !== undefined ? env === '1' : opts.docs >= 50_000);
  const out: Figures = {
    docs: opts.docs,
    queriesPerKind: opts.queries ?? 200,
    mode: parallel ? 'parallel' : 'sequential',
  };
  const figures: Partial<Record<EngineName, Figures>> = {};
  const results = parallel
    ? await Promise.all(engines.map((engine) => runChild(engine, opts)))
    : await engines.reduce<Promise<Figures[]>>(
        async (done, engine) => [...(await done), await runChild(engine, opts)],
        Promise.resolve([]),
      );
  engines.forEach((engine, i) => {
    const f = results[i] as Figures;
    figures[engine] = f;
    for (const [k, v] of Object.entries(f)) if (k !== 'docs') out[`${engine}.${k}`] = v;
  });
  const ours = figures.tvault;
  const theirs = figures.minisearch;
  if (ours && theirs) {
    for (const k of COMPARED) {
      const a = ours[k];
      const b = theirs[k];
      if (typeof a === 'number' && typeof b === 'number' && b > 0)
        out[`ratio.${k}`] = round(a / b, 3);
    }
  }
  if (ours && typeof ours['q1.p95Ms'] === 'number') {
    const q95 = Math.max(ours['q1.p95Ms'] as number, (ours['q2.p95Ms'] as number) ?? 0);
    out['targets.searchP95Under50ms'] = q95 < 50 ? 'yes' : 'no';
    out['targets.newDocUnder1s'] = (ours['newDoc.maxMs'] as number) < 1000 ? 'yes' : 'no';
    out['targets.firstResultUnder5s'] = (ours.firstResultMs as number) < 5000 ? 'yes' : 'no';
    out['targets.peakRssUnder1.5GB'] = (ours.peakRssMB as number) < 1536 ? 'yes' : 'no';
  }
  return out;
}
