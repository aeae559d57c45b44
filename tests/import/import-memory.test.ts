import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dirs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/import-memory-child.ts', import.meta.url));
const temp = useTempDirs();

interface Held {
  written: number;
  created: number;
  rejected: number;
  heldBytes: number;
  perRecordBytes: number;
}

/**
 * Imports `lines` in a process of its own: what the import held after reading them, and per
 * record from the `mark`-th line on.
 */
function heldAfterImport(lines: string[], mark: number): Held {
  const file = join(temp.make(), 'big.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', CHILD, file, String(mark)],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Held;
}

/**
 * Issue 11 point 1: an import's memory must stay bounded for a 1 GB file. What the importer
 * keeps per record until the end (to refuse a source key met twice, the new ids) must be a
 * few tens of bytes, whatever the file's text.
 */
describe('what an import keeps per record', () => {
  it('does not keep the source ids from the file (each up to a row long)', () => {
    const id = (i: number) => `${String(i).padStart(8, '0')}-${'x'.repeat(16 * 1024)}`;
    const lines = Array.from({ length: 500 }, (_, i) =>
      JSON.stringify({ source_id: id(i), title: `T ${i}`, body: 'b' }),
    );
    const held = heldAfterImport(lines, 100);
    expect(held.written).toBe(500);
    // Each id is 16 KiB of the file (the whole id was kept: 17 KB per record).
    expect(held.perRecordBytes).toBeLessThan(1000);
    expect(held.heldBytes).toBeLessThan(2 * 1024 * 1024);
  }, 120_000);

  it('keeps under 120 bytes per record of a file without ids (its new id included)', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) =>
      JSON.stringify({ title: `Testimony ${i}`, body: `text ${i}` }),
    );
    const held = heldAfterImport(lines, 2000);
    expect(held.written).toBe(10_000);
    // A Map of the content keys ("content:" and 64 hex digits) and positions: 250 bytes.
    expect(held.perRecordBytes).toBeLessThan(120);
  }, 120_000);
});
