import { describe, expect, it } from 'vitest';
import { RecordStore } from '../../src/core/records/record-store';
import { emptyFields } from '../../src/shared/records/types';
import { useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();

const fields = { ...emptyFields(), title: 'A testimony', body: 'first draft' };

/**
 * A partner keeps a revision only when its time is later than the one it holds, so two local
 * edits with the same time would lose the second when sent with history. Edits made within one
 * millisecond (scripts, the app's quick saves) or after the clock was set back must still get
 * later times than the revision they follow.
 */
describe('revision times', () => {
  it('every local edit is later than the revision it follows, even with a frozen clock', async () => {
    const { vault } = await vaults.create();
    const frozen = new Date('2026-03-01T10:00:00.000Z');
    const store = new RecordStore(vault.db, vault.keys, vault.vaultId, () => frozen);
    const rec = store.add(fields);
    store.update(rec.id, { body: 'second draft' });
    store.update(rec.id, { title: 'Final' });
    store.restore(rec.id, 1);
    const times = store.revisions(rec.id).map((r) => r.updatedAt);
    expect(times).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T10:00:00.001Z',
      '2026-03-01T10:00:00.002Z',
      '2026-03-01T10:00:00.003Z',
    ]);
  });

  it('a clock set back does not give an edit an earlier time than the one before', async () => {
    const { vault } = await vaults.create();
    let now = new Date('2026-03-01T10:00:00.000Z');
    const store = new RecordStore(vault.db, vault.keys, vault.vaultId, () => now);
    const rec = store.add(fields);
    now = new Date('2025-01-01T00:00:00.000Z');
    const edited = store.update(rec.id, { body: 'edited after the clock went back' });
    expect(edited.updatedAt).toBe('2026-03-01T10:00:00.001Z');
    now = new Date('2026-06-01T00:00:00.000Z');
    expect(store.update(rec.id, { title: 'later' }).updatedAt).toBe('2026-06-01T00:00:00.000Z');
  });

  it('a time given by an importer is kept as given', async () => {
    const { vault } = await vaults.create();
    const store = new RecordStore(vault.db, vault.keys, vault.vaultId);
    const rec = store.add(fields, { createdAt: '2024-01-01T00:00:00.000Z' });
    const updated = store.update(
      rec.id,
      { body: 'from the source' },
      { updatedAt: '2024-02-01T00:00:00.000Z' },
    );
    expect(updated.updatedAt).toBe('2024-02-01T00:00:00.000Z');
  });
});
