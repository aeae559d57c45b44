import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestVaults } from '../helpers/vault';
import { FILES, fixture, folderDigest, sha256Of } from './helpers';

const vaults = useTestVaults();
const martus = (name: string) => fixture('martus', name);

describe('Martus bulletin XML', () => {
  it('imports public and private sections, attachments from --files, and reports the rest', async () => {
    const { vault } = await vaults.create();
    const report = await vault.importSource({
      path: martus('bulletins.xml'),
      from: 'martus',
      filesDir: FILES,
    });
    expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: [] });
    expect(report.withoutConsent).toBe(2);
    const [one, two] = report.ids.map((id) => vault.records.get(id));
    expect(one).toMatchObject({
      title: 'Fixture bulletin one: a march is stopped',
      lang: 'es',
      date: '2009-03-08',
      place: 'Fixture City',
      tags: ['protest', 'police'],
      consent: { status: 'unknown' },
    });
    expect(one!.body).toBe(
      'Public summary of fixture one & its context.\n\nPrivate detail of fixture one.',
    );
    expect(one!.notes).toBe('Documentation team (fixture)');
    expect(two).toMatchObject({
      lang: '',
      date: '2010-01-15',
      title: 'Fixture bulletin two: طلب مساعدة',
    });
    // The grid field is not mapped by default: listed, not lost silently.
    expect(report.unmapped).toEqual(['witnesses']);

    const files = vault.attachments.list(one!.id);
    expect(files.map((f) => f.name).sort()).toEqual(['photo-one.txt', 'private-note.txt']);
    expect(files.find((f) => f.name === 'photo-one.txt')!.sha256).toBe(
      sha256Of(`${FILES}/photo-one.txt`),
    );
    expect(report.attachments.attached).toBe(2);
    expect(report.attachments.problems).toEqual([
      { record: 1, file: 3, reason: 'not found in the --files folder' },
      { record: 1, file: 4, reason: 'refused: the name leads outside the --files folder' },
    ]);
    // Where each testimony came from is remembered, sealed.
    expect(vault.importedFrom(one!.id)).toEqual({
      v: 1,
      source: 'martus',
      sourceId: 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAfixture1/B-local-0001',
    });
  });

  it('a re-import of the edited export makes a new revision of the edited bulletin only', async () => {
    const { vault } = await vaults.create();
    const first = await vault.importSource({ path: martus('bulletins.xml'), filesDir: FILES });
    const again = await vault.importSource({ path: martus('bulletins.xml'), filesDir: FILES });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(again.attachments).toMatchObject({ attached: 0, alreadyThere: 2 });

    const edited = await vault.importSource({
      path: martus('bulletins-edited.xml'),
      filesDir: FILES,
    });
    expect(edited).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(edited.ids).toEqual([first.ids[0]]);
    expect(vault.records.count()).toBe(2);
    const record = vault.records.get(first.ids[0]!);
    expect(record.revision).toBe(2);
    expect(record.body).toContain('corrected');
    expect(vault.records.get(first.ids[1]!).revision).toBe(1);
    expect(vault.attachments.list(first.ids[0]!)).toHaveLength(2);
  });

  it('a file cut off in the middle is refused whole: nothing written', async () => {
    const { vault, dir } = await vaults.create();
    vault.addRecord({ title: 'before' });
    vault.checkpoint();
    const before = folderDigest(dir);
    await expect(
      vault.importSource({ path: martus('truncated.xml'), from: 'martus' }),
    ).rejects.toMatchObject({ code: 'IMPORT.INVALID_FILE' });
    expect(vault.records.count()).toBe(1);
    vault.checkpoint();
    expect(folderDigest(dir)).toEqual(before);
  });

  it('all or nothing: a file that breaks after 1,500 bulletins and an update leaves the vault as it was', async () => {
    const { vault, dir } = await vaults.create();
    const first = await vault.importSource({ path: martus('bulletins.xml') });
    vault.checkpoint();
    const before = folderDigest(dir);
    const edited = readFileSync(martus('bulletins-edited.xml'), 'utf8');
    const one = edited.slice(
      edited.indexOf('<MartusBulletin>'),
      edited.indexOf('</MartusBulletin>') + 17,
    );
    const many = Array.from({ length: 1500 }, (_, i) =>
      one
        .replace('B-local-0003', `B-bulk-${i}`)
        .replace('<Ancestor>B-local-0001</Ancestor>', '')
        .replace('Fixture bulletin one', `Bulk bulletin ${i}`),
    ).join('\n');
    // The edited bulletin first (an update), then 1,500 new ones, then the file breaks off.
    const broken = join(vaults.temp.make(), 'broken.xml');
    writeFileSync(
      broken,
      `<MartusBulletins>\n${one}\n${many}\n<MartusBulletin><BulletinMetaData><Bulletin`,
    );
    await expect(vault.importSource({ path: broken })).rejects.toMatchObject({
      code: 'IMPORT.INVALID_FILE',
    });
    expect(vault.records.count()).toBe(2);
    expect(vault.records.get(first.ids[0]!).revision).toBe(1);
    vault.checkpoint();
    expect(folderDigest(dir)).toEqual(before);
  });

  it('refuses a DOCTYPE (no entity expansion) and a file that is not a Martus export', async () => {
    const { vault } = await vaults.create();
    await expect(
      vault.importSource({ path: martus('doctype.xml'), from: 'martus' }),
    ).rejects.toMatchObject({
      code: 'IMPORT.INVALID_FILE',
      message: expect.stringContaining('DOCTYPE'),
    });
    await expect(
      vault.importSource({ path: fixture('uwazi', 'entities.csv'), from: 'martus' }),
    ).rejects.toMatchObject({ code: 'IMPORT.INVALID_FILE' });
    expect(vault.records.count()).toBe(0);
  });

  it('a bulletin without its local id is rejected by number; the others are imported', async () => {
    const { vault } = await vaults.create();
    const report = await vault.importSource({ path: martus('missing-id.xml') });
    expect(report.created).toBe(1);
    expect(report.rejected).toEqual([
      { record: 2, reason: 'bulletin without its BulletinLocalId' },
    ]);
  });

  it('--dry-run reports the same numbers and writes nothing', async () => {
    const { vault, dir } = await vaults.create();
    vault.checkpoint();
    const before = folderDigest(dir);
    const report = await vault.importSource({
      path: martus('bulletins.xml'),
      filesDir: FILES,
      dryRun: true,
    });
    expect(report).toMatchObject({ dryRun: true, created: 2, ids: [] });
    expect(report.preview[0]!.fields.title).toBe('Fixture bulletin one: a march is stopped');
    expect(report.attachments.problems).toHaveLength(2);
    vault.checkpoint();
    expect(folderDigest(dir)).toEqual(before);
    expect(vault.records.count()).toBe(0);
  });
});
