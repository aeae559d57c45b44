import { describe, expect, it } from 'vitest';
import { revisionDigest } from '../../src/core/custody/revision-digest';
import { useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();

describe('restoring an old revision', () => {
  it('adds a new revision equal to the old one, keeps the history, logs an edit', async () => {
    const { vault } = await vaults.create();
    const first = vault.addRecord({
      title: 'Primera versión',
      body: 'Las amenazas empezaron en marzo.',
      lang: 'es',
      tags: ['amenazas'],
      consent: { status: 'given', scope: 'share-with-partners', date: null, note: '' },
    });
    vault.updateRecord(first.id, { title: 'Segunda', body: 'Texto cambiado por error.', tags: [] });
    vault.updateRecord(first.id, { narrator: 'Ana' });
    expect(vault.search.search('marzo').total).toBe(0);

    const restored = vault.restoreRevision(first.id, 1);
    expect(restored.revision).toBe(4);
    const { id: _i, revision: _r, updatedAt: _u, createdAt, provenance: _p, ...fields } = restored;
    const {
      id: _i1,
      revision: _r1,
      updatedAt: _u1,
      createdAt: _c1,
      provenance: _p1,
      ...oldFields
    } = first;
    expect(fields).toEqual(oldFields);
    expect(createdAt).toBe(first.createdAt);
    // Nothing rewritten: every revision is still there, the restored one is the head.
    expect(vault.records.history(first.id).map((h) => h.title)).toEqual([
      'Primera versión',
      'Segunda',
      'Segunda',
      'Primera versión',
    ]);
    expect(vault.records.get(first.id)).toEqual(restored);
    expect(vault.records.list()[0]).toMatchObject({ revision: 4, title: 'Primera versión' });
    // The search index follows.
    expect(vault.search.search('marzo').results.map((r) => r.id)).toEqual([first.id]);

    const entries = [...vault.custody.entriesOf(first.id)];
    const last = entries[entries.length - 1]!;
    expect(last.action).toBe('record.edited');
    expect(last.detail).toMatchObject({
      revision: 4,
      restoredFrom: 1,
      sha256: revisionDigest(restored),
    });
    // Later edits are plain edits again.
    vault.updateRecord(first.id, { place: 'Lima' });
    const after = [...vault.custody.entriesOf(first.id)];
    expect(after[after.length - 1]!.detail).not.toHaveProperty('restoredFrom');
  });

  it('refuses the current revision and revisions that do not exist, changing nothing', async () => {
    const { vault } = await vaults.create();
    const record = vault.addRecord({ title: 'Uno', body: 'a' });
    vault.updateRecord(record.id, { body: 'b' });
    const logged = [...vault.custody.entries()].length;
    for (const revision of [2, 0, 3, -1, 1.5, Number.NaN]) {
      expect(() => vault.restoreRevision(record.id, revision), String(revision)).toThrow(
        expect.objectContaining({ code: 'INPUT.INVALID' }),
      );
    }
    expect(() => vault.restoreRevision('0'.repeat(26), 1)).toThrow(
      expect.objectContaining({ code: 'RECORD.NOT_FOUND' }),
    );
    expect(vault.records.get(record.id).revision).toBe(2);
    expect(vault.records.get(record.id).body).toBe('b');
    expect([...vault.custody.entries()].length).toBe(logged);
  });
});
