import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson, stderrLines } from '../helpers/cli';
import { SCRIPT_NAMES, SCRIPT_SAMPLES } from '../helpers/scripts';
import { useTempDirs } from '../helpers/temp-dirs';
import { useVaultTemplate } from '../helpers/vault-template';

/** The tvault command driven as a user would, without a terminal. */
const temp = useTempDirs();
/** One `tvault init` for the file (the init tests below run their own), copied for each test. */
const template = useVaultTemplate((dir) => initVaultWithCli(dir));

interface ShownRecord {
  id: string;
  title: string;
  body: string;
  lang: string;
  narrator: string;
  date: string | null;
  place: string;
  tags: string[];
  consent: { status: string; scope: string; date: string | null; note: string };
  warning: string;
  notes: string;
  createdAt: string;
  updatedAt: string;
  revision: number;
}

async function newVault(): Promise<{ dir: string; v: string[]; recoveryKey: string }> {
  const { dir, facts } = await template.copy(temp.path('vault'));
  return { dir, v: ['--vault', dir], recoveryKey: facts.recoveryKey };
}

function bodyFile(content: string | Buffer): string {
  const path = join(temp.make(), 'body.txt');
  writeFileSync(path, content);
  return path;
}

describe('tvault init', () => {
  it('--json prints {vault, recoveryKey} and nothing else; the vault opens', async () => {
    const dir = temp.path('vault');
    const result = await runCliJson<Record<string, unknown>>(['--vault', dir, 'init']);
    expect(result.code).toBe(0);
    expect(Object.keys(result.json).sort()).toEqual(['recoveryKey', 'vault']);
    expect(result.json.vault).toBe(dir);
    expect(result.json.recoveryKey).toMatch(/^TV1-/);
    expect(stderrLines(result)).toEqual([]);
    const list = await runCliJson(['--vault', dir, 'list']);
    expect(list.json).toEqual({ records: [] });
  });

  it('without --json prints the recovery key once, with a warning to keep it offline', async () => {
    const dir = temp.path('vault');
    const result = await runCli(['--vault', dir, 'init']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Recovery key/);
    expect(result.stdout.match(/TV1-[0-9A-Z-]+/g)).toHaveLength(1);
  });
});

describe('round trips through the CLI --json, every field, every script', () => {
  it(
    'add with every option, then show and list return the same text',
    { timeout: 180_000 },
    async () => {
      const { v } = await newVault();
      const expected = new Map<
        string,
        Omit<ShownRecord, 'id' | 'createdAt' | 'updatedAt' | 'revision'>
      >();
      for (const name of SCRIPT_NAMES) {
        const text = SCRIPT_SAMPLES[name];
        const fields = {
          title: `${text} (${name})`,
          body: `${text}\n\n\t${text}\n`,
          lang: 'ar',
          narrator: `${text} narrator`,
          date: '2024-02-29',
          place: `${text} place`,
          tags: [`${name}-tag`, `${text.slice(0, 10)}`.trim() || 'x'],
          consent: {
            status: 'given',
            scope: 'publish-anonymised',
            date: '2024-03-01',
            note: `${text} note`,
          },
          warning: `${text} warning`,
          notes: `${text}\nnotes`,
        };
        const added = await runCliJson<{ id: string }>([
        ...v,
        'add',
        '--title', fields.title,
        '--body-file', bodyFile(fields.body),
        '--lang', fields.lang,
        '--narrator', fields.narrator,
        '--date', fields.date,
        '--place', fields.place,
        '--tag', fields.tags[0]!,
        '--tag', fields.tags[1]!,
        '--consent', 'given',
        '--scope', 'publish-anonymised',
        '--consent-date', '2024-03-01',
        '--consent-note', fields.consent.note,
        '--warning', fields.warning,
        '--notes', fields.notes,
      ]); // prettier-ignore
        expect(added.code, added.stderr).toBe(0);
        expect(Object.keys(added.json)).toEqual(['id']);
        expected.set(added.json.id, fields);
      }
      for (const [id, fields] of expected) {
        const shown = await runCliJson<ShownRecord>([...v, 'show', id]);
        expect(shown.code).toBe(0);
        expect(shown.json).toMatchObject({ id, revision: 1, ...fields });
        expect(shown.json.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
        expect(shown.json.updatedAt).toBe(shown.json.createdAt);
      }
      const list = await runCliJson<{ records: Record<string, unknown>[] }>([...v, 'list']);
      expect(list.json.records).toHaveLength(expected.size);
      for (const entry of list.json.records) {
        const fields = expected.get(entry.id as string)!;
        expect(entry).toMatchObject({
          title: fields.title,
          date: fields.date,
          lang: fields.lang,
          tags: fields.tags,
        });
        expect(entry.updatedAt).toEqual(expect.any(String));
      }
    },
  );

  it('--body (inline) and --body-file - (stdin) work too, a BOM is dropped', async () => {
    const { v } = await newVault();
    const inline = await runCliJson<{ id: string }>([
      ...v,
      'add',
      '--title',
      't',
      '--body',
      SCRIPT_SAMPLES.hebrew,
    ]);
    const piped = await runCliJson<{ id: string }>(
      [...v, 'add', '--title', 't', '--body-file', '-'],
      {
        input: `\uFEFF${SCRIPT_SAMPLES.korean}`,
      },
    );
    expect((await runCliJson<ShownRecord>([...v, 'show', inline.json.id])).json.body).toBe(
      SCRIPT_SAMPLES.hebrew,
    );
    expect((await runCliJson<ShownRecord>([...v, 'show', piped.json.id])).json.body).toBe(
      SCRIPT_SAMPLES.korean,
    );
  });
});

describe('edit, history, delete', () => {
  it('edit creates revisions; history lists them; show --revision reads an old one', async () => {
    const { v } = await newVault();
    const { json: added } = await runCliJson<{ id: string }>([
      ...v,
      'add',
      '--title',
      'first',
      '--tag',
      'a',
    ]);
    const edit1 = await runCliJson<{ id: string; revision: number }>([
      ...v,
      'edit',
      added.id,
      '--title',
      'second',
    ]);
    expect(edit1.json).toEqual({ id: added.id, revision: 2 });
    const edit2 = await runCliJson([
      ...v,
      'edit',
      added.id.slice(0, 8),
      '--consent',
      'withdrawn',
      '--tag',
      'b',
    ]);
    expect(edit2.json).toEqual({ id: added.id, revision: 3 });
    const history = await runCliJson<{
      revisions: { revision: number; title: string; updatedAt: string }[];
    }>([...v, 'history', added.id]);
    expect(history.json.revisions.map((r) => [r.revision, r.title])).toEqual([
      [1, 'first'],
      [2, 'second'],
      [3, 'second'],
    ]);
    const old = await runCliJson<ShownRecord>([...v, 'show', added.id, '--revision', '1']);
    expect(old.json).toMatchObject({ title: 'first', tags: ['a'], revision: 1 });
    const current = await runCliJson<ShownRecord>([...v, 'show', added.id]);
    expect(current.json).toMatchObject({
      title: 'second',
      tags: ['b'],
      revision: 3,
      consent: { status: 'withdrawn' },
    });
    const none = await runCliJson([...v, 'edit', added.id]);
    expect(none.code).toBe(2);

    // restore-revision: revision 1 again, as revision 4; the current or a missing revision is refused.
    const restored = await runCliJson([...v, 'restore-revision', added.id, '--revision', '1']);
    expect(restored.json).toEqual({ id: added.id, revision: 4, restoredFrom: 1 });
    const now = await runCliJson<ShownRecord>([...v, 'show', added.id]);
    expect(now.json).toMatchObject({ title: 'first', tags: ['a'], revision: 4 });
    for (const bad of ['4', '7', 'x']) {
      const refused = await runCliJson([...v, 'restore-revision', added.id, '--revision', bad]);
      expect(refused.code, bad).toBe(2);
    }
  });

  it('delete without --yes and without a terminal refuses and deletes nothing; --yes deletes', async () => {
    const { v } = await newVault();
    const { json: a } = await runCliJson<{ id: string }>([...v, 'add', '--title', 'keep?']);
    const { json: b } = await runCliJson<{ id: string }>([...v, 'add', '--title', 'other']);
    const refused = await runCli([...v, 'delete', a.id], { input: 'delete\n' });
    expect(refused.code).toBe(2);
    expect(stderrLines(refused)).toEqual([expect.stringMatching(/--yes/)]);
    expect((await runCliJson<ShownRecord>([...v, 'show', a.id])).json.title).toBe('keep?');

    const deleted = await runCliJson([...v, 'delete', a.id, '--yes']);
    expect(deleted.code).toBe(0);
    expect(deleted.json).toEqual({ deleted: a.id });
    const gone = await runCliJson<{ error: { code: string } }>([...v, 'show', a.id]);
    expect(gone.code).toBe(4);
    expect(gone.json.error.code).toBe('RECORD.NOT_FOUND');
    const list = await runCliJson<{ records: { id: string }[] }>([...v, 'list']);
    expect(list.json.records.map((r) => r.id)).toEqual([b.id]);
  });
});

describe('import through the CLI', () => {
  it('reports {imported, rejected: [{line, reason}]} for .jsonl and .csv', async () => {
    const { v } = await newVault();
    const dir = temp.make();
    const jsonl = join(dir, 'in.jsonl');
    writeFileSync(
      jsonl,
      ['{"title":"a"}', '{bad', '{"title":"b","date":"2024-02-30"}', '{"title":"c"}'].join('\n'),
    );
    const one = await runCliJson<{
      imported: number;
      rejected: { line: number; reason: string }[];
    }>([...v, 'import', jsonl]);
    expect(one.code).toBe(0);
    expect(one.json.imported).toBe(2);
    expect(one.json.rejected.map((r) => r.line)).toEqual([2, 3]);
    const csv = join(dir, 'in.csv');
    writeFileSync(csv, '\uFEFFtitle,body,tags\r\nd,"multi\r\nline",x;y\r\n,no title,\r\n');
    const two = await runCliJson<{ imported: number; rejected: { line: number }[] }>([
      ...v,
      'import',
      csv,
    ]);
    expect(two.json).toMatchObject({
      imported: 1,
      rejected: [{ line: 4, reason: expect.stringMatching(/title/) }],
    });
    const text = await runCli([...v, 'import', jsonl]);
    expect(text.stdout).toMatch(/Imported from jsonl: 0 new, 0 updated, 2 unchanged/);
    expect(text.stdout).toMatch(/line 2: /);
    const list = await runCliJson<{ records: unknown[] }>([...v, 'list']);
    // The third run imported the same file again: recognised, nothing duplicated.
    expect(list.json.records).toHaveLength(3);
  });
});

describe('text output cannot be disguised by stored control characters', () => {
  it('list, show and history escape bidi overrides and terminal escapes', async () => {
    const { v } = await newVault();
    const title = `evil\u202Etxt.exe \u001b[2J\u001b]0;x\u0007 done`;
    const { json } = await runCliJson<{ id: string }>([
      ...v,
      'add',
      '--title',
      title,
      '--body',
      'b\u001b[31m',
    ]);
    for (const args of [['list'], ['show', json.id], ['history', json.id]]) {
      const out = await runCli([...v, ...args]);
      expect(out.code).toBe(0);
      for (const raw of ['\u001b', '\u0007', '\u202e']) expect(out.stdout).not.toContain(raw);
      expect(out.stdout).toContain('\\u{202e}');
    }
  });
});
