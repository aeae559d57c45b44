import { describe, expect, it } from 'vitest';
import type { ImportRow } from '../../src/core/records/import-transaction';
import { syncTeam } from '../../src/core/team/sync';
import { emptyFields } from '../../src/shared/records/types';
import { validateFields } from '../../src/shared/records/validate';
import { makeTeam, useTestVaults } from './helpers';

/**
 * An import holds one transaction across its awaits, on the vault's one connection; the app's
 * scheduled sync can fire in the middle of it. A sync then read the import's uncommitted
 * testimonies and published them to the team: a cancelled import (the wrong file, maybe) was on
 * every member's laptop. A sync waits for the import to settle, as a backup does.
 */
describe('a team sync during an import', () => {
  const vaults = useTestVaults();

  it('waits for it: nothing of a cancelled import reaches the team', async () => {
    const team = await makeTeam(vaults, 2);
    const [a, b] = team.members as [(typeof team.members)[0], (typeof team.members)[0]];
    let reached!: () => void;
    const atGate = new Promise<void>((resolve) => (reached = resolve));
    let cancel!: () => void;
    const cancelled = new Promise<void>((resolve) => (cancel = resolve));
    async function* rows(): AsyncGenerator<ImportRow> {
      // More than one batch: the first ones are written in the import's open transaction.
      for (let line = 1; line <= 250; line++) {
        yield {
          line,
          fields: validateFields({
            ...emptyFields(),
            title: `Imported ${line}`,
            lang: 'en',
            consent: { status: 'given', scope: 'archive-only', date: null, note: '' },
          }),
        };
      }
      reached();
      await cancelled;
      throw new Error('import cancelled');
    }
    const importing = a.importRows(rows());
    await atGate;
    const syncing = syncTeam(a);
    cancel();
    await expect(importing).rejects.toThrow('import cancelled');
    await syncing;
    await syncTeam(b);
    expect(a.records.ids()).toEqual([]);
    expect(b.records.ids()).toEqual([]);
  });
});
