import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestVaults } from '../helpers/vault';

/**
 * Issue 11, found by the hostile bench: one 4 MiB JSONL line of nested arrays held the main
 * thread for 319 s (JSON.parse of two million levels, then the values built from it). A line
 * that nests deeper than the import allows, or holds more values than a record can, is refused
 * by a byte scan before JSON.parse, with a reason naming the rule; the other lines import as
 * usual. Each file here would take tens of seconds on this machine without the scan.
 */
const vaults = useTestVaults();
const MiB = 1024 * 1024;
const good = (title: string) => JSON.stringify({ title, body: 'an account' });
/** Two million levels of arrays: 4 MiB, as the bench's line. */
const nested = '['.repeat(2 * MiB) + ']'.repeat(2 * MiB);
const nestedInField = `{"title":"deep","body":${'['.repeat(MiB)}${']'.repeat(MiB)}}`;
/** Half a million keys in one object (a record has about twenty). */
const wide = `{${Array.from({ length: 500_000 }, (_, i) => `"k${i}":${i}`).join(',')}}`;
const wideArray = `{"title":"wide","tags":[${Array.from({ length: 500_000 }, () => '"t"').join(',')}]}`;

function write(name: string, lines: string[]): string {
  const path = join(vaults.temp.make(), name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const DEPTH = /^nests deeper than \d+ levels$/;
const VALUES = /^holds more than [\d,]+ values$/;

describe('hostile JSONL lines are refused fast, by rule, and the rest imports', () => {
  it('the plain import (tvault import FILE)', async () => {
    const { vault } = await vaults.create();
    const path = write('hostile.jsonl', [
      good('first'),
      nested,
      nestedInField,
      wide,
      wideArray,
      good('last'),
    ]);
    const report = await vault.importFile(path);
    expect(report.imported).toBe(2);
    expect(report.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(DEPTH) },
      { line: 3, reason: expect.stringMatching(DEPTH) },
      { line: 4, reason: expect.stringMatching(VALUES) },
      { line: 5, reason: expect.stringMatching(VALUES) },
    ]);
    expect(
      vault.records
        .list()
        .map((r) => r.title)
        .sort(),
    ).toEqual(['first', 'last']);
  }, 20_000);

  it('the import with a source (JSONL through its adapter)', async () => {
    const { vault } = await vaults.create();
    const path = write('hostile.jsonl', [good('first'), nested, nestedInField, wide, good('last')]);
    const report = await vault.importSource({ path });
    expect(report).toMatchObject({ created: 2 });
    expect(report.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(DEPTH) },
      { line: 3, reason: expect.stringMatching(DEPTH) },
      { line: 4, reason: expect.stringMatching(VALUES) },
    ]);
  }, 20_000);

  it('a CSV tags cell of nested JSON arrays', async () => {
    const { vault } = await vaults.create();
    const cell = `"${'['.repeat(MiB)}${']'.repeat(MiB)}"`;
    const path = write('hostile.csv', ['title,tags', 'first,a;b', `deep,${cell}`, 'last,']);
    const report = await vault.importFile(path);
    expect(report.imported).toBe(2);
    expect(report.rejected).toEqual([{ line: 3, reason: expect.stringMatching(DEPTH) }]);
  }, 20_000);
});
