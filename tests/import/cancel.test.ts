import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dirs';
import { useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();
const temp = useTempDirs();

function jsonl(rows: object[]): string {
  const path = join(temp.make(), 'in.jsonl');
  writeFileSync(path, rows.map((r) => JSON.stringify(r)).join('\n'));
  return path;
}

describe('cancelling an import (the wizard cancel button)', () => {
  it('rolls back new testimonies and updates alike: the archive is as it was, and usable', async () => {
    const { vault } = await vaults.create();
    const first = await vault.importSource({
      path: jsonl([{ source_id: 'keep', title: 'kept', body: 'original' }]),
    });
    const keptId = first.ids[0]!;
    const rows = [
      { source_id: 'keep', title: 'kept', body: 'edited by the cancelled import' },
      ...Array.from({ length: 2500 }, (_, i) => ({ source_id: `n${i}`, title: `new ${i}` })),
    ];
    const path = jsonl(rows);
    const controller = new AbortController();
    const run = vault.importSource({
      path,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.records >= 1500) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(vault.records.list()).toHaveLength(1);
    expect(vault.records.get(keptId).body).toBe('original');
    expect(vault.records.history(keptId)).toHaveLength(1);

    // Nothing was linked either: the same file imports in full afterwards.
    const again = await vault.importSource({ path });
    expect(again).toMatchObject({ created: 2500, updated: 1 });
    expect(vault.records.list()).toHaveLength(2501);
  });

  it('a signal aborted before the start imports nothing', async () => {
    const { vault } = await vaults.create();
    const controller = new AbortController();
    controller.abort();
    await expect(
      vault.importSource({ path: jsonl([{ title: 'x' }]), signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(vault.records.list()).toHaveLength(0);
  });
});
