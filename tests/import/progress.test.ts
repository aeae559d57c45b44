import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../src/core/import/run-import';
import {
  IMPORT_PROGRESS_INTERVAL_MS,
  importProgress,
  importProgressLine,
} from '../../src/cli/import-progress';
import { initVaultWithCli, runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';
import { useTestVaults } from '../helpers/vault';
import { fixture } from './helpers';

const vaults = useTestVaults();
const temp = useTempDirs();

describe('import progress', () => {
  it('the importer reports records and bytes read, ending at the file size', async () => {
    const { vault } = await vaults.create();
    const path = join(temp.make(), 'many.jsonl');
    const lines = Array.from({ length: 450 }, (_, i) =>
      JSON.stringify({ title: `t${i}`, body: 'x'.repeat(400) }),
    );
    writeFileSync(path, lines.join('\n'));
    const seen: ImportProgress[] = [];
    await vault.importSource({ path, onProgress: (p) => seen.push({ ...p }) });
    expect(seen.map((p) => p.records)).toEqual([100, 200, 300, 400, 450]);
    const size = Buffer.byteLength(lines.join('\n'));
    expect(seen.every((p) => p.fileBytes === size)).toBe(true);
    expect(seen.at(-1)!.bytesRead).toBe(size);
    const bytes = seen.map((p) => p.bytesRead!);
    expect([...bytes].sort((a, b) => a - b)).toEqual(bytes);

    const martus: ImportProgress[] = [];
    await vault.importSource({
      path: fixture('martus', 'bulletins.xml'),
      dryRun: true,
      onProgress: (p) => martus.push(p),
    });
    expect(martus.at(-1)!.bytesRead).toBe(martus.at(-1)!.fileBytes);
  });

  it('the terminal line gives the total, is throttled, and is not written without a terminal', () => {
    expect(
      importProgressLine({ records: 12300, bytesRead: 31_200_000, fileBytes: 250_000_000 }),
    ).toBe('Importing: 12,300 records, 31.2 of 250.0 MB (12%)');
    expect(importProgressLine({ records: 7, bytesRead: null, fileBytes: 10 })).toBe(
      'Importing: 7 records read',
    );
    let clock = 0;
    const written: string[] = [];
    const tty = { isTTY: true, write: (t: string) => written.push(t) };
    const show = importProgress(tty, () => clock)!;
    show({ records: 100, bytesRead: 10, fileBytes: 100 });
    clock += IMPORT_PROGRESS_INTERVAL_MS - 1;
    show({ records: 200, bytesRead: 20, fileBytes: 100 });
    clock += 1;
    show({ records: 300, bytesRead: 30, fileBytes: 100 });
    expect(written).toHaveLength(2);
    expect(written[1]).toContain('300 records');
    expect(importProgress({ isTTY: false, write: () => written.push('noise') })).toBeUndefined();
    expect(importProgress({ write: () => written.push('noise') })).toBeUndefined();
  });

  it('tvault import through a pipe writes no progress to stderr', async () => {
    const dir = join(temp.make(), 'vault');
    await initVaultWithCli(dir);
    const path = join(temp.make(), 'pipe.jsonl');
    writeFileSync(
      path,
      Array.from({ length: 300 }, (_, i) => JSON.stringify({ title: `p${i}` })).join('\n'),
    );
    const run = await runCli(['--vault', dir, 'import', path]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('300 new');
  });
});
