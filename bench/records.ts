import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { Vault } from '../src/core/vault/vault';

/** A seeded generator, so every run imports the same records. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'testimony harassment court protest women rights threat online abuse police family village city night witness lawyer journalist shelter violence march campaign law'.split(
    ' ',
  );

function makeLines(count: number, bytesEach: number, seed = 1): string[] {
  const random = mulberry32(seed);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    let body = '';
    while (body.length < bytesEach) body += `${WORDS[Math.floor(random() * WORDS.length)]} `;
    lines.push(
      JSON.stringify({
        title: `Testimony ${i}`,
        body: body.slice(0, bytesEach),
        lang: 'en',
        tags: ['bench'],
        consent: { status: 'given', scope: 'share-with-partners', date: null, note: '' },
      }),
    );
  }
  return lines;
}

/**
 * Bulk import of `count` records of ~2 KB: the encrypted import (validation, per-record keys,
 * two seals per record, batched transactions) against a baseline measured in the same run:
 * inserting the same JSON lines as plaintext rows into SQLite with the same pragmas.
 */
export async function benchRecords(opts: {
  count: number;
}): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'tvault-bench-records-'));
  try {
    const lines = makeLines(opts.count, 2048);
    const file = join(dir, 'records.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const baselineDb = new Database(join(dir, 'baseline.db'));
    baselineDb.pragma('journal_mode = WAL');
    baselineDb.pragma('synchronous = FULL');
    baselineDb.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, doc TEXT NOT NULL)');
    const insert = baselineDb.prepare('INSERT INTO t (doc) VALUES (?)');
    let started = performance.now();
    for (let i = 0; i < lines.length; i += 1000) {
      baselineDb.transaction(() => {
        for (const line of lines.slice(i, i + 1000)) insert.run(JSON.stringify(JSON.parse(line)));
      })();
    }
    const baselineSeconds = (performance.now() - started) / 1000;
    baselineDb.close();

    const { vault } = await Vault.create(join(dir, 'vault'), 'bench passphrase', { kdf: TEST_KDF });
    started = performance.now();
    const report = await vault.importFile(file);
    const importSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const listed = vault.records.list().length;
    const listSeconds = (performance.now() - started) / 1000;
    vault.close();
    if (report.imported !== opts.count || listed !== opts.count) {
      throw new Error(
        `import bench: imported ${report.imported}, listed ${listed}, expected ${opts.count}`,
      );
    }
    return {
      records: opts.count,
      'import seconds': round(importSeconds),
      'baseline plaintext insert seconds': round(baselineSeconds),
      'import / baseline (x)': round(importSeconds / baselineSeconds),
      'records per second': Math.round(opts.count / importSeconds),
      'list all summaries seconds': round(listSeconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
