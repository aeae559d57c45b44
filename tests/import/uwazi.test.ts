import { describe, expect, it } from 'vitest';
import { useTestVaults } from '../helpers/vault';
import { FILES, fixture } from './helpers';

const vaults = useTestVaults();
const uwazi = (name: string) => fixture('uwazi', name);

describe('Uwazi CSV export', () => {
  it('defaults: title, template as a tag, every other property gathered into the body', async () => {
    const { vault } = await vaults.create();
    const report = await vault.importSource({ path: uwazi('entities.csv'), from: 'uwazi' });
    expect(report).toMatchObject({ created: 3, rejected: [], withoutConsent: 3 });
    expect(report.gathered).toEqual([
      'Country',
      'Type of violation',
      'Description',
      'Date of incident',
    ]);
    const alpha = vault.records.get(report.ids[0]!);
    expect(alpha.title).toBe('Fixture entity Alpha');
    expect(alpha.tags).toEqual(['Incident']);
    expect(alpha.body).toBe(
      'Country: Fixtureland\nType of violation: Harassment|Online abuse\n' +
        'Description: A described incident, with a comma\nand a second line.\n' +
        'Date of incident: 2023-04-30',
    );
    // Without --files the named documents and attachments are listed, not silently dropped.
    expect(report.attachments.problems).toEqual([
      { line: 2, file: 1, reason: 'not attached: no --files folder given' },
      { line: 2, file: 2, reason: 'not attached: no --files folder given' },
      { line: 5, file: 1, reason: 'not attached: no --files folder given' },
    ]);
  });

  it('with a mapping: thesaurus values as tags, date ranges, files by name; a hostile path is refused', async () => {
    const { vault } = await vaults.create();
    const report = await vault.importSource({
      path: uwazi('entities.csv'),
      from: 'uwazi',
      mappingPath: uwazi('mapping.json'),
      filesDir: FILES,
    });
    expect(report).toMatchObject({ created: 3, unmapped: [], gathered: [] });
    const [alpha, beta, gamma] = report.ids.map((id) => vault.records.get(id));
    expect(alpha).toMatchObject({
      body: 'A described incident, with a comma\nand a second line.',
      date: '2023-04-30',
      place: 'Fixtureland',
      tags: ['Incident', 'Harassment', 'Online abuse'],
    });
    expect(beta).toMatchObject({
      date: '2023-01-01',
      tags: ['Incident', 'Legal persecution::Arrest'],
    });
    expect(gamma!.tags).toEqual(['Case']);
    expect(
      vault.attachments
        .list(alpha!.id)
        .map((a) => a.name)
        .sort(),
    ).toEqual(['photo-one.txt', 'report.txt']);
    expect(report.attachments.problems).toEqual([
      { line: 5, file: 1, reason: 'refused: the name leads outside the --files folder' },
    ]);
  });

  it('re-importing the edited export updates the edited entity, duplicates nothing', async () => {
    const { vault } = await vaults.create();
    const map = { from: 'uwazi' as const, mappingPath: uwazi('mapping.json') };
    const first = await vault.importSource({ path: uwazi('entities.csv'), ...map });
    const edited = await vault.importSource({ path: uwazi('entities-edited.csv'), ...map });
    expect(edited).toMatchObject({ created: 0, updated: 1, unchanged: 2, ids: [first.ids[1]] });
    expect(vault.records.count()).toBe(3);
    expect(vault.records.history(first.ids[1]!)).toHaveLength(2);
    expect(vault.records.get(first.ids[1]!).body).toBe('Described incident beta (updated).');
  });

  it('a row with a field too many is rejected by its line; the others are imported', async () => {
    const { vault } = await vaults.create();
    const report = await vault.importSource({ path: uwazi('extra-field.csv'), from: 'uwazi' });
    expect(report.created).toBe(2);
    expect(report.rejected).toEqual([{ line: 4, reason: 'has 12 fields, the header names 11' }]);
  });
});
