import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestVaults } from '../helpers/vault';
import { FILES, fixture, folderDigest, koboXlsx } from './helpers';

const vaults = useTestVaults();
const kobo = (name: string) => fixture('kobo', name);

describe('KoboToolbox CSV and XLSX exports', () => {
  it('CSV (";" separated): consent only where the mapping names it, unknown answers refused', async () => {
    const { vault } = await vaults.create();
    const report = await vault.importSource({
      path: kobo('submissions.csv'),
      from: 'kobo',
      mappingPath: kobo('mapping.json'),
      filesDir: FILES,
    });
    expect(report).toMatchObject({ created: 2, withoutConsent: 1, unmapped: [], gathered: [] });
    // "perhaps" is no consent answer the mapping knows: refused, never guessed.
    expect(report.rejected).toEqual([
      { line: 4, reason: 'consent.status: a value the mapping\'s "values" does not name' },
    ]);
    const [one, two] = report.ids.map((id) => vault.records.get(id));
    expect(one).toMatchObject({
      title: 'Fixture submission one',
      body: 'Narrative of submission one; it has a semicolon.',
      lang: 'fr',
      date: '2024-01-28',
      place: 'Fixture Town',
      consent: { status: 'given' },
    });
    expect(two).toMatchObject({ lang: 'ar', consent: { status: 'unknown' }, tags: ['follow-up'] });
    expect(vault.attachments.list(one!.id).map((a) => a.name)).toEqual(['interview-7.txt']);
    expect(vault.importedFrom(one!.id)).toMatchObject({
      source: 'kobo',
      sourceId: '4a7c0f3e-0001-4d2b-9a10-fixture00001',
    });
  });

  it('defaults without a mapping: _uuid as id, Kobo tags, the answers gathered, media from _URL columns', async () => {
    const { vault } = await vaults.create();
    const report = await vault.importSource({
      path: kobo('submissions.csv'),
      filesDir: FILES,
      from: 'kobo',
    });
    expect(report).toMatchObject({ created: 3, withoutConsent: 3, rejected: [] });
    expect(report.gathered).toEqual([
      'group_intro/title_short',
      'group_intro/narrative',
      'group_intro/language',
      'consent_given',
      'incident/date',
      'incident/place',
      'incident/photo',
    ]);
    const two = vault.records.get(report.ids[1]!);
    expect(two.title).toBe('KoboToolbox submission 4a7c0f3e-0002-4d2b-9a10-fixture00002');
    expect(two.tags).toEqual(['follow-up']);
    expect(two.body).toContain('group_intro/narrative: Narrative of submission two.');
    expect(report.attachments.attached).toBe(1);
  });

  it('XLSX: the first sheet, the same records; re-import of an edited workbook updates', async () => {
    const { vault } = await vaults.create();
    const dir = vaults.temp.make();
    const path = join(dir, 'submissions.xlsx');
    await koboXlsx(path);
    const map = { mappingPath: kobo('mapping.json'), filesDir: FILES };
    const first = await vault.importSource({ path, ...map });
    expect(first).toMatchObject({ source: 'kobo', created: 2 });
    expect(first.rejected).toEqual([{ row: 4, reason: expect.stringContaining('consent.status') }]);
    expect(vault.records.get(first.ids[0]!).body).toBe(
      'Narrative of submission one; it has a semicolon.',
    );
    const edited = join(dir, 'edited.xlsx');
    await koboXlsx(edited, (rows) => {
      rows[2]![3] = 'Narrative of submission two, completed.';
      rows[3]![5] = 'no';
    });
    const again = await vault.importSource({ path: edited, ...map });
    expect(again).toMatchObject({ created: 1, updated: 1, unchanged: 1, rejected: [] });
    expect(vault.records.get(first.ids[1]!).body).toBe('Narrative of submission two, completed.');
    expect(vault.records.count()).toBe(3);
    const third = vault.records.list().find((r) => r.title === 'Fixture submission three');
    expect(third!.consent.status).toBe('withdrawn');
  });

  it('a file that is not a workbook is refused whole; an invalid mapping names its rule', async () => {
    const { vault, dir } = await vaults.create();
    vault.checkpoint();
    const before = folderDigest(dir);
    const fake = join(vaults.temp.make(), 'fake.xlsx');
    writeFileSync(fake, 'not a zip at all');
    await expect(vault.importSource({ path: fake })).rejects.toMatchObject({
      code: 'IMPORT.INVALID_FILE',
    });
    const badMap = join(vaults.temp.make(), 'map.json');
    for (const [content, why] of [
      ['{', 'not valid JSON'],
      ['{"fields": {"colour": "x"}}', 'fields'],
      ['{"source": "martus"}', 'for --from martus'],
      ['{"values": {"consent.status": {"yes": "maybe"}}}', 'values.consent.status'],
    ] as const) {
      writeFileSync(badMap, content);
      await expect(
        vault.importSource({ path: kobo('submissions.csv'), from: 'kobo', mappingPath: badMap }),
      ).rejects.toMatchObject({
        code: 'IMPORT.INVALID_MAPPING',
        message: expect.stringContaining(why),
      });
    }
    vault.checkpoint();
    expect(folderDigest(dir)).toEqual(before);
  });

  it('--dry-run: created, rejected, unmapped and consent counted; vault bytes unchanged', async () => {
    const { vault, dir } = await vaults.create();
    await vault.importSource({ path: kobo('submissions.csv'), from: 'kobo' });
    vault.checkpoint();
    const before = folderDigest(dir);
    const map = join(vaults.temp.make(), 'map.json');
    writeFileSync(map, JSON.stringify({ fields: { body: 'group_intro/narrative' } }));
    const report = await vault.importSource({
      path: kobo('submissions.csv'),
      from: 'kobo',
      mappingPath: map,
      dryRun: true,
    });
    expect(report).toMatchObject({ dryRun: true, created: 0, updated: 3, unchanged: 0, ids: [] });
    expect(report.unmapped).toContain('group_intro/title_short');
    expect(report.withoutConsent).toBe(3);
    vault.checkpoint();
    expect(folderDigest(dir)).toEqual(before);
  });
});
