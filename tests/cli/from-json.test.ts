import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson, stderrLines } from '../helpers/cli';
import { SCRIPT_SAMPLES, marker } from '../helpers/scripts';
import { useTempDirs } from '../helpers/temp-dirs';

/**
 * Issue 11, point 8: testimony text on the command line is visible to every local user (`ps`).
 * `add` and `edit` take every field from a JSON object (`--from-json FILE|-`, the fields of
 * `show --json`), and warn in one line when sensitive text comes from the arguments.
 */
const temp = useTempDirs();
const SECRET = marker('argv-secret');

async function newVault(): Promise<string[]> {
  const dir = temp.path('vault');
  await initVaultWithCli(dir);
  return ['--vault', dir];
}

const fields = {
  title: `Hearing ${SCRIPT_SAMPLES.arabic}`,
  body: `${SCRIPT_SAMPLES.devanagari}\nsecond line`,
  lang: 'ar',
  narrator: 'N. pseudonym',
  date: '2024-03-01',
  place: 'Somewhere',
  tags: ['court', 'online'],
  consent: { status: 'given', scope: 'share-with-partners', date: '2024-02-01', note: 'oral' },
  warning: 'violence',
  notes: 'follow up',
  identifying: ['N. pseudonym'],
};

describe('add and edit --from-json', () => {
  it('add - reads the fields from stdin, without a warning; show --json gives them back', async () => {
    const v = await newVault();
    const added = await runCliJson<{ id: string }>([...v, 'add', '--from-json', '-'], {
      input: JSON.stringify(fields),
    });
    expect(added.code, added.stderr).toBe(0);
    expect(stderrLines(added)).toEqual([]);
    const shown = await runCliJson<Record<string, unknown>>([...v, 'show', added.json.id]);
    expect(shown.json).toMatchObject(fields);

    // The output of show --json, edited, is accepted as it is (id, dates and revision ignored).
    const edited = { ...shown.json, body: 'a new body', tags: ['court'] };
    const file = join(temp.make(), 'record.json');
    writeFileSync(file, JSON.stringify(edited));
    const result = await runCliJson<{ revision: number }>([
      ...v,
      'edit',
      added.json.id,
      '--from-json',
      file,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.json.revision).toBe(2);
    const again = await runCliJson<Record<string, unknown>>([...v, 'show', added.json.id]);
    expect(again.json).toMatchObject({ ...fields, body: 'a new body', tags: ['court'] });
  });

  it('options given with --from-json override its fields; a sensitive option warns in one line', async () => {
    const v = await newVault();
    const added = await runCliJson<{ id: string }>(
      [...v, 'add', '--from-json', '-', '--narrator', SECRET, '--lang', 'en'],
      { input: JSON.stringify(fields) },
    );
    expect(added.code, added.stderr).toBe(0);
    const warning = stderrLines(added);
    expect(warning).toEqual([expect.stringMatching(/^tvault: warning: --narrator on the command/)]);
    // The warning names the option, never its text.
    expect(added.stderr).not.toContain(SECRET);
    const shown = await runCliJson<Record<string, unknown>>([...v, 'show', added.json.id]);
    expect(shown.json).toMatchObject({ ...fields, narrator: SECRET, lang: 'en' });
  });

  it('--title and --body on the command line warn once, naming both', async () => {
    const v = await newVault();
    const added = await runCli([...v, 'add', '--title', SECRET, '--body', SECRET]);
    expect(added.code).toBe(0);
    expect(stderrLines(added)).toEqual([
      expect.stringMatching(/^tvault: warning: --title, --body on the command line .*--from-json/),
    ]);
    expect(added.stderr).not.toContain(SECRET);
    // Non-sensitive options alone do not warn.
    const id = added.stdout.trim();
    const tagged = await runCli([...v, 'edit', id, '--tag', 'x', '--lang', 'fr']);
    expect(tagged.code).toBe(0);
    expect(stderrLines(tagged)).toEqual([]);
  });

  it('bad JSON input is one line with exit 2, quotes nothing from the input, adds nothing', async () => {
    const v = await newVault();
    const cases: [string, RegExp][] = [
      [`{"title": "${SECRET}",`, /not valid JSON/],
      [`["${SECRET}"]`, /must be one object/],
      [JSON.stringify({ title: 'x', [SECRET]: 1 }), /unknown field \(its key number 2\)/],
      [JSON.stringify({ title: 'x', 'consent.status': 'given' }), /unknown field/],
      [JSON.stringify({ title: SECRET, date: '2024-02-30' }), /date/],
      [JSON.stringify({ body: SECRET }), /add needs --title/],
    ];
    for (const [input, pattern] of cases) {
      const result = await runCli([...v, 'add', '--from-json', '-'], { input });
      expect(result.code, input).toBe(2);
      const lines = stderrLines(result);
      expect(lines, input).toEqual([expect.stringMatching(pattern)]);
      expect(result.stderr).not.toContain(SECRET);
    }
    const invalidUtf8 = await runCli([...v, 'add', '--from-json', '-'], {
      input: Buffer.from([0x7b, 0xff, 0x7d]),
    });
    expect(invalidUtf8.code).toBe(2);
    const missing = await runCli([...v, 'add', '--from-json', join(temp.make(), 'none.json')]);
    expect(missing.code).toBe(4);
    expect(stderrLines(missing)).toEqual([
      expect.stringMatching(/Cannot read the JSON file: .*none\.json/),
    ]);
    const list = await runCliJson<{ records: unknown[] }>([...v, 'list']);
    expect(list.json.records).toEqual([]);
  });
});
