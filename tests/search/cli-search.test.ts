import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';

const temp = useTempDirs('tvault-cli-search-');

interface SearchJson {
  results: { id: string; title: string; score: number; snippet: string }[];
  total: number;
}

describe('tvault search and reindex', () => {
  it('finds imported and added records, with filters, as one JSON document', async () => {
    const dir = temp.path();
    await initVaultWithCli(dir);
    const file = join(temp.make(), 'records.jsonl');
    writeFileSync(
      file,
      [
        {
          title: 'Marcha en Lima',
          body: 'Las manifestantes denunciaron la represión policial.',
          lang: 'es',
          tags: ['protesta'],
        },
        {
          title: 'Lima workshop',
          body: 'Police attended the workshop.',
          lang: 'en',
          tags: ['training'],
        },
        {
          title: 'Дело в суде',
          body: 'Активистку задержали после митинга.',
          lang: 'ru',
          tags: ['protesta'],
        },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    expect((await runCli(['--vault', dir, 'import', file])).code).toBe(0);
    const added = await runCliJson<{ id: string }>([
      '--vault',
      dir,
      'add',
      '--title',
      'Nota',
      '--body',
      'represion en Lima',
      '--lang',
      'es',
    ]);

    const lima = await runCliJson<SearchJson>(['--vault', dir, 'search', 'lima']);
    expect(lima.code).toBe(0);
    expect(lima.json.total).toBe(3);
    for (const result of lima.json.results) {
      expect(Object.keys(result).sort()).toEqual(['id', 'score', 'snippet', 'title']);
    }
    // Accent folding: "represion" finds "represión"; the language filter narrows.
    const repression = await runCliJson<SearchJson>([
      '--vault',
      dir,
      'search',
      'represión',
      '--lang',
      'es',
    ]);
    expect(repression.json.results.map((r) => r.title).sort()).toEqual(['Marcha en Lima', 'Nota']);
    expect(repression.json.results.some((r) => r.id === added.json.id)).toBe(true);

    const tagged = await runCliJson<SearchJson>([
      '--vault',
      dir,
      'search',
      'задержали',
      '--tag',
      'protesta',
    ]);
    expect(tagged.json.results.map((r) => r.title)).toEqual(['Дело в суде']);

    const limited = await runCliJson<SearchJson>([
      '--vault',
      dir,
      'search',
      'lima',
      '--limit',
      '1',
    ]);
    expect(limited.json.results).toHaveLength(1);
    expect(limited.json.total).toBe(3);

    const reindex = await runCliJson<{ documents: number }>(['--vault', dir, 'reindex']);
    expect(reindex.json).toEqual({ documents: 4 });
    expect((await runCliJson<SearchJson>(['--vault', dir, 'search', 'lima'])).json.total).toBe(3);
  });

  it('understands OR, -word and -"phrase", quoted as one argument or as separate words', async () => {
    const dir = temp.path();
    await initVaultWithCli(dir);
    const add = async (title: string, body: string) =>
      (
        await runCliJson<{ id: string }>([
          ...['--vault', dir, 'add', '--title', title, '--body', body, '--lang', 'es'],
        ])
      ).json.id;
    await add('Fábrica', 'Amenazas a las trabajadoras de la fábrica.');
    await add('Calle', 'Acoso en la calle a las mujeres.');
    await add('Ambas', 'Amenazas y acoso en la ciudad.');
    const titles = async (...query: string[]) =>
      (await runCliJson<SearchJson>(['--vault', dir, 'search', ...query])).json.results
        .map((r) => r.title)
        .sort();
    expect(await titles('amenaza OR acoso')).toEqual(['Ambas', 'Calle', 'Fábrica']);
    expect(await titles('amenazas -acoso')).toEqual(['Fábrica']);
    // Separate words: "-acoso" is part of the query, not an unknown option.
    expect(await titles('amenazas', '-acoso')).toEqual(['Fábrica']);
    expect(await titles('acoso -"en la calle"')).toEqual(['Ambas']);
    // A query of exclusions alone asks for nothing.
    expect(await titles('--', '-acoso')).toEqual([]);
  });

  it('reports no match plainly and refuses a wrong passphrase', async () => {
    const dir = temp.path();
    await initVaultWithCli(dir);
    const none = await runCli(['--vault', dir, 'search', 'nothing-here']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('0 matches');
    const wrong = await runCli(['--vault', dir, 'search', 'x'], {
      env: { TVAULT_PASSPHRASE: 'not the passphrase' },
    });
    expect(wrong.code).toBe(3);
  });
});
