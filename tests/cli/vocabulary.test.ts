import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';

const temp = useTempDirs('tvault-cli-vocabulary-');

describe('tvault vocabulary, and --concept on search and list', () => {
  it('adds a concept with names in three languages; list and search find every tagged record', async () => {
    const dir = temp.path();
    await initVaultWithCli(dir);
    const v = ['--vault', dir];
    const added = await runCliJson<{ concept: { id: string } }>([
      ...v,
      'vocabulary',
      'add',
      'threats',
      '--name',
      'es=amenazas',
      '--name',
      'fr=menaces',
      '--name',
      'ar=تهديد',
      '--alt',
      'es=amenaza',
    ]);
    expect(added.json.concept.id).toBe('threats');
    const ids: string[] = [];
    for (const [title, tag, lang] of [
      ['Amenazas en Lima', 'Amenazas', 'es'],
      ['Menaces à Rabat', 'menaces', 'fr'],
      ['تهديد في الدار البيضاء', 'تهديد', 'ar'],
      ['Other', 'training', 'en'],
    ]) {
      const {
        json: { id },
      } = await runCliJson<{ id: string }>([
        ...v,
        'add',
        '--title',
        title!,
        '--body',
        `${title} testimonio`,
        '--lang',
        lang!,
        '--tag',
        tag!,
      ]);
      ids.push(id);
    }
    const listed = await runCliJson<{ records: { id: string }[] }>([
      ...v,
      'list',
      '--concept',
      'menaces',
    ]);
    expect(listed.json.records.map((r) => r.id).sort()).toEqual(ids.slice(0, 3).sort());
    const searched = await runCliJson<{ results: { id: string }[] }>([
      ...v,
      'search',
      '--concept',
      'threats',
      '--',
      'testimonio',
    ]);
    expect(searched.json.results.map((r) => r.id).sort()).toEqual(ids.slice(0, 3).sort());

    const unknown = await runCli([...v, 'list', '--concept', 'nothing']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/no concept has this id or name/);

    const text = await runCli([...v, 'vocabulary', 'list']);
    expect(text.stdout).toMatch(/^threats {2}es=amenazas \(amenaza\) {2}fr=menaces {2}ar=تهديد$/m);
  });

  it('exports and imports JSON and CSV, refusing a bad file whole (exit 2)', async () => {
    const dir = temp.path();
    await initVaultWithCli(dir);
    const v = ['--vault', dir];
    const files = temp.make();
    const csv = join(files, 'in.csv');
    writeFileSync(csv, 'id,es,fr\nthreats,amenazas,menaces\narrest,detención,arrestation\n');
    expect((await runCliJson([...v, 'vocabulary', 'import', csv])).json).toEqual({
      added: 2,
      replaced: 0,
      total: 2,
    });
    const bad = join(files, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'tvault-vocabulary',
        version: 1,
        concepts: [
          { id: 'threats', prefLabel: { es: 'amenazas!' } },
          { id: 'x', prefLabel: { es: ' ' } },
        ],
      }),
    );
    const refused = await runCli([...v, '--json', 'vocabulary', 'import', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /not changed: a name is empty \(file "bad\.json", concept 2, language "es"\)/,
    );
    expect(refused.stderr).not.toMatch(/amenazas/);
    expect(
      (await runCliJson<{ concepts: unknown[] }>([...v, 'vocabulary', 'list'])).json.concepts,
    ).toHaveLength(2);
    const out = join(files, 'out.json');
    await runCliJson([...v, 'vocabulary', 'export', '--out', out]);
    const written = JSON.parse(readFileSync(out, 'utf8'));
    expect(written.format).toBe('tvault-vocabulary');
    expect(written.concepts.map((c: { prefLabel: { es: string } }) => c.prefLabel.es)).toEqual([
      'amenazas',
      'detención',
    ]);
    const outCsv = join(files, 'out.csv');
    await runCliJson([...v, 'vocabulary', 'export', '--out', outCsv]);
    expect(readFileSync(outCsv, 'utf8')).toBe(
      '\uFEFFid,es,fr\nthreats,amenazas,menaces\narrest,detención,arrestation\n',
    );
    expect((await runCli([...v, 'vocabulary', 'export', '--out', outCsv])).code).toBe(2);
    expect((await runCliJson([...v, 'vocabulary', 'remove', 'arrestation'])).json).toEqual({
      removed: 'arrest',
    });
  });
});
