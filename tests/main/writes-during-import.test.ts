import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportRow } from '../../src/core/records/import-transaction';
import { emptyFields } from '../../src/shared/records/types';
import { validateFields } from '../../src/shared/records/validate';
import { testAppHandlers } from '../helpers/app-handlers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tv-writes-import-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * An import holds one transaction across its awaits on the vault's one connection. A testimony
 * saved in the app while it ran joined that transaction: the app said "saved", then a cancelled
 * import rolled it back with the imported rows. A write waits for the import to settle.
 */
describe('a write while an import runs', () => {
  it('waits for the import and survives its cancellation', async () => {
    const { session, handlers } = testAppHandlers(dir, 'vault');
    await handlers['vault.create']({ passphrase: 'correct horse battery staple' });
    const vault = session.require();
    let reached!: () => void;
    const atGate = new Promise<void>((resolve) => (reached = resolve));
    let cancel!: () => void;
    const cancelled = new Promise<void>((resolve) => (cancel = resolve));
    async function* rows(): AsyncGenerator<ImportRow> {
      for (let line = 1; line <= 150; line++)
        yield { line, fields: validateFields({ ...emptyFields(), title: `Imported ${line}` }) };
      reached();
      await cancelled;
      throw new Error('import cancelled');
    }
    const importing = vault.importRows(rows());
    await atGate;
    let saved = false;
    const adding = handlers['records.add']({ fields: { title: 'Written during the import' } }).then(
      (record) => {
        saved = true;
        return record;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(saved).toBe(false);
    cancel();
    await expect(importing).rejects.toThrow('import cancelled');
    const record = await adding;
    expect(vault.records.ids()).toEqual([record.id]);
    expect(vault.records.get(record.id).title).toBe('Written during the import');
  });
});
