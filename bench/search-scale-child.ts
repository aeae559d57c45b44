/**
 * One measured task of bench/search-scale.ts, alone in this process so that its time and peak
 * memory are its own: `node --expose-gc --import tsx bench/search-scale-child.ts TASK ARGS...`.
 * Prints one JSON line of figures.
 *
 *   tvault-import VAULT JSONL QUERY   import into a new vault (which indexes), then reopen and
 *                                     answer QUERY, in this process: for profiling the import
 *                                     (`node --cpu-prof`); the benchmark itself runs `tvault`
 *   tvault-queries VAULT QUERIES      reopen, first query, then every query: latencies
 *   fts5-import DB JSONL QUERY        SQLite FTS5 (porter unicode61 remove_diacritics 2) on the
 *                                     same text, then the same first query
 *   long-tvault TEXT QUERY            one record of that text: index + search + snippet
 *   long-minisearch TEXT QUERY        the same in MiniSearch
 *   minisearch-import JSONL QUERY     MiniSearch indexing the same JSONL in memory, then QUERY
 *   minisearch-cold JSON QUERY        load a stored MiniSearch index and answer QUERY
 */
import Database from 'better-sqlite3';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import MiniSearch from 'minisearch';
import { MINISEARCH_OPTIONS } from './minisearch-options';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { Vault } from '../src/core/vault/vault';
import { SearchEngine, type SearchDoc, makeSnippet } from '../src/shared/search';
import { detectLanguage } from '../src/shared/text/language';

const PASS = 'bench passphrase';
const [task, ...args] = process.argv.slice(2);

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function peakRssMB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * The transcript as the vault indexes it: no language given, so it is detected from the start
 * of the text (SearchService does the same), and snippets use that language.
 */
function longDoc(text: string): SearchDoc {
  const lang = detectLanguage(text.slice(0, 4000));
  return {
    id: 'long',
    title: 'Hearing transcript',
    body: text,
    lang,
    narrator: '',
    place: '',
    tags: [],
    notes: '',
    attachmentText: '',
    consentStatus: 'unknown',
    consentScope: 'archive-only',
    date: null,
    hasAttachments: false,
  };
}

async function run(): Promise<Record<string, number | string>> {
  switch (task) {
    case 'tvault-import': {
      const [dir, jsonl, query] = args as [string, string, string];
      const started = performance.now();
      const c = cpuMs();
      const { vault } = await Vault.create(dir, PASS, { kdf: TEST_KDF });
      const report = await vault.importFile(jsonl);
      vault.close();
      const importMs = performance.now() - started;
      const reopened = await Vault.open(dir, { passphrase: PASS }, { kdf: TEST_KDF });
      const unlocked = performance.now();
      const first = reopened.search.search(query, { limit: 20 });
      const firstQueryMs = performance.now() - unlocked;
      reopened.close();
      return {
        imported: report.imported,
        importMs: Math.round(importMs),
        firstQueryMs: Math.round(firstQueryMs),
        totalMs: Math.round(performance.now() - started),
        cpuMs: Math.round(cpuMs() - c),
        hits: first.total,
        peakRssMB: peakRssMB(),
      };
    }
    case 'tvault-queries': {
      const [dir, queriesFile] = args as [string, string];
      const queries = JSON.parse(readFileSync(queriesFile, 'utf8')) as string[];
      const vault = await Vault.open(dir, { passphrase: PASS }, { kdf: TEST_KDF });
      const unlocked = performance.now();
      vault.search.search(queries[0] as string, { limit: 20 });
      const firstQueryMs = performance.now() - unlocked;
      const times: number[] = [];
      for (const q of queries) {
        const s = performance.now();
        vault.search.search(q, { limit: 20 });
        times.push(performance.now() - s);
      }
      vault.close();
      return {
        firstQueryMs: Math.round(firstQueryMs),
        p50Ms: Number(percentile(times, 50).toFixed(2)),
        p95Ms: Number(percentile(times, 95).toFixed(2)),
        peakRssMB: peakRssMB(),
      };
    }
    case 'fts5-import': {
      const [path, jsonl, query] = args as [string, string, string];
      const started = performance.now();
      const c = cpuMs();
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, narrator, place, tags, notes, tokenize='porter unicode61 remove_diacritics 2')",
      );
      const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?)');
      const flush = db.transaction((rows: Record<string, unknown>[]) => {
        for (const r of rows) {
          insert.run(
            String(r.title ?? ''),
            String(r.body ?? ''),
            String(r.narrator ?? ''),
            String(r.place ?? ''),
            ((r.tags as string[]) ?? []).join(' '),
            String(r.notes ?? ''),
          );
        }
      });
      let rows: Record<string, unknown>[] = [];
      let count = 0;
      for await (const line of createInterface({ input: createReadStream(jsonl) })) {
        if (!line.trim()) continue;
        rows.push(JSON.parse(line) as Record<string, unknown>);
        count++;
        if (rows.length === 1000) {
          flush(rows);
          rows = [];
        }
      }
      flush(rows);
      const importMs = performance.now() - started;
      const s = performance.now();
      const words = query.split(/\s+/).filter(Boolean);
      const match = words.map((w) => `"${w.replace(/"/g, '')}"`).join(' AND ');
      const hits = db
        .prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY rank LIMIT 20')
        .all(match).length;
      const firstQueryMs = performance.now() - s;
      db.close();
      return {
        imported: count,
        importMs: Math.round(importMs),
        firstQueryMs: Math.round(firstQueryMs),
        totalMs: Math.round(performance.now() - started),
        cpuMs: Math.round(cpuMs() - c),
        hits,
        peakRssMB: peakRssMB(),
      };
    }
    case 'long-tvault': {
      const [file, query] = args as [string, string];
      const text = readFileSync(file, 'utf8');
      const started = performance.now();
      const c = cpuMs();
      const engine = SearchEngine.create();
      const doc = longDoc(text);
      engine.upsertMany([doc]);
      engine.compact();
      const indexMs = performance.now() - started;
      const indexCpuMs = cpuMs() - c;
      const result = engine.search(query, { limit: 20, prefix: false });
      const snippet = makeSnippet(text, result.query, doc.lang ? { lang: doc.lang } : {});
      return {
        indexMs: Math.round(indexMs),
        indexCpuMs: Math.round(indexCpuMs),
        searchAndSnippetMs: Math.round(performance.now() - started - indexMs),
        totalMs: Math.round(performance.now() - started),
        hits: result.total,
        highlights: snippet.highlights.length,
        peakRssMB: peakRssMB(),
      };
    }
    case 'long-minisearch': {
      const [file, query] = args as [string, string];
      const text = readFileSync(file, 'utf8');
      const started = performance.now();
      const c = cpuMs();
      const index = new MiniSearch(MINISEARCH_OPTIONS);
      index.add(longDoc(text));
      const indexMs = performance.now() - started;
      const indexCpuMs = cpuMs() - c;
      const hits = index.search(query, { prefix: false }).length;
      return {
        indexMs: Math.round(indexMs),
        indexCpuMs: Math.round(indexCpuMs),
        searchAndSnippetMs: Math.round(performance.now() - started - indexMs),
        totalMs: Math.round(performance.now() - started),
        hits,
        peakRssMB: peakRssMB(),
      };
    }
    case 'minisearch-import': {
      // MiniSearch beside FTS5 on the same JSONL (issue 16, "where it copes"): an index in
      // memory only (nothing stored, nothing encrypted), with the engine's fields and boosts.
      const [jsonl, query] = args as [string, string];
      const started = performance.now();
      const c = cpuMs();
      const index = new MiniSearch(MINISEARCH_OPTIONS);
      let batch: SearchDoc[] = [];
      let count = 0;
      for await (const line of createInterface({ input: createReadStream(jsonl) })) {
        if (!line.trim()) continue;
        batch.push({ ...(JSON.parse(line) as SearchDoc), id: String(count++) });
        if (batch.length === 1000) {
          index.addAll(batch);
          batch = [];
        }
      }
      index.addAll(batch);
      const importMs = performance.now() - started;
      const s = performance.now();
      const hits = index.search(query).length;
      return {
        imported: count,
        importMs: Math.round(importMs),
        firstQueryMs: Math.round(performance.now() - s),
        totalMs: Math.round(performance.now() - started),
        cpuMs: Math.round(cpuMs() - c),
        hits,
        peakRssMB: peakRssMB(),
      };
    }
    case 'minisearch-cold': {
      const [file, query] = args as [string, string];
      const started = performance.now();
      const index = MiniSearch.loadJSON(readFileSync(file, 'utf8'), MINISEARCH_OPTIONS);
      const hits = index.search(query).length;
      return { coldMs: Math.round(performance.now() - started), hits, peakRssMB: peakRssMB() };
    }
    default:
      throw new Error(`unknown task ${task}`);
  }
}

process.stdout.write(`${JSON.stringify(await run())}\n`);
