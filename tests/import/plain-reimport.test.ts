import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCliJson } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';
import { useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();
const temp = useTempDirs();

function write(name: string, lines: string[]): string {
  const path = join(temp.make(), name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

describe('plain testimony CSV/JSONL: re-import recognises what it imported before', () => {
  it('JSONL with an id: unchanged rows stay, an edited row becomes a new revision', async () => {
    const { vault } = await vaults.create();
    const rows = [
      { id: 'src-1', title: 'one', body: 'first body' },
      { source_id: 'src-2', title: 'two', body: 'second body' },
    ];
    const path = write(
      'in.jsonl',
      rows.map((r) => JSON.stringify(r)),
    );
    const first = await vault.importSource({ path });
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });

    const again = await vault.importSource({ path });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, ids: [] });

    const edited = write('edited.jsonl', [
      JSON.stringify(rows[0]),
      JSON.stringify({ ...rows[1], body: 'second body, corrected' }),
    ]);
    const third = await vault.importSource({ path: edited });
    expect(third).toMatchObject({ created: 0, updated: 1, unchanged: 1, ids: [first.ids[1]] });
    const record = vault.records.get(first.ids[1]!);
    expect(record.body).toBe('second body, corrected');
    expect(vault.records.history(first.ids[1]!)).toHaveLength(2);
    expect(vault.records.list()).toHaveLength(2);
    expect(vault.importedFrom(first.ids[0]!)).toMatchObject({ source: 'jsonl', sourceId: 'src-1' });
  });

  it('rows without an id are known by their content: the same row is not imported twice', async () => {
    const { vault } = await vaults.create();
    const path = write('plain.csv', ['title,body,tags', 'alpha,"a, body",x;y', 'beta,b,']);
    expect(await vault.importSource({ path })).toMatchObject({ created: 2 });
    // Written again with other quoting and tag syntax: the same content, recognised.
    const same = write('same.csv', ['title,tags,body', '"alpha","[""x"",""y""]","a, body"']);
    expect(await vault.importSource({ path: same })).toMatchObject({ created: 0, unchanged: 1 });
    // A changed row without an id cannot be told from a new one: it is a new testimony.
    const changed = write('changed.csv', ['title,body', 'beta,b changed']);
    expect(await vault.importSource({ path: changed })).toMatchObject({ created: 1 });
    expect(vault.records.list()).toHaveLength(3);
    // The content key is keyed and sealed: the stored source names no content.
    const link = vault.importedFrom(vault.records.list()[0]!.id);
    expect(link?.source).toBe('content');
    expect(JSON.stringify(link)).not.toMatch(/alpha|beta/);
  });

  it('the same row twice in one file is rejected the second time, by line', async () => {
    const { vault } = await vaults.create();
    const row = JSON.stringify({ title: 'twice' });
    const path = write('twice.jsonl', [row, JSON.stringify({ title: 'other' }), row]);
    const report = await vault.importSource({ path });
    expect(report.created).toBe(2);
    expect(report.rejected).toEqual([{ line: 3, reason: 'the same content as line 1' }]);
  });

  it('tvault import x.jsonl without --from twice duplicates nothing', async () => {
    const dir = join(temp.make(), 'vault');
    await initVaultWithCli(dir);
    const v = ['--vault', dir];
    const path = write('cli.jsonl', [
      JSON.stringify({ title: 'a' }),
      JSON.stringify({ id: 'k', title: 'b' }),
    ]);
    const one = await runCliJson<{ imported: number }>([...v, 'import', path]);
    expect(one.json).toMatchObject({ imported: 2, rejected: [] });
    const two = await runCliJson<{ imported: number }>([...v, 'import', path]);
    expect(two.json).toMatchObject({ imported: 0, unchanged: 2 });
    const list = await runCliJson<{ records: unknown[] }>([...v, 'list']);
    expect(list.json.records).toHaveLength(2);
  });
});
