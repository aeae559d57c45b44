import { describe, expect, it } from 'vitest';
import { VaultError } from '../../src/shared/errors';
import { type ImportRow, importAllOrNothing } from '../../src/core/records/import-transaction';
import type { Vault } from '../../src/core/vault/vault';
import { emptyFields } from '../../src/shared/records/types';
import { useTestVaults } from '../helpers/vault';
import { RecordStore } from '../../src/core/records/record-store';

/**
 * Issue 11, point 1: the all-or-nothing import every source (.jsonl/.csv, and the importers of
 * other formats) feeds. A failure after thousands of rows leaves no record, no custody entry and
 * no pending search change behind; a kill is covered by tests/crash/kill-import.test.ts.
 */
const vaults = useTestVaults();

function row(line: number): ImportRow {
  return { line, fields: { ...emptyFields(), title: `row ${line}` } };
}

/** Rows 1..n, then the source fails (a broken archive, an unreadable file). */
async function* failingAfter(n: number): AsyncGenerator<ImportRow> {
  for (let line = 1; line <= n; line++) yield row(line);
  throw new VaultError('IMPORT.INVALID_FILE', 'The source broke off.');
}

async function* rows(n: number): AsyncGenerator<ImportRow> {
  for (let line = 1; line <= n; line++) {
    yield line % 7 === 0 ? { line, rejected: 'a rule' } : row(line);
    // A real source awaits I/O between rows.
    if (line % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

function counts(vault: Vault) {
  const n = (table: string) =>
    (vault.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    records: n('records'),
    revisions: n('revisions'),
    custody: n('custody_log'),
    pending: n('search_pending'),
  };
}

/** The record store itself (Vault offers only the import, not its target). */
function storeOf(vault: Vault): RecordStore {
  return new RecordStore(vault.db, vault.keys, vault.vaultId);
}

describe('importAllOrNothing', () => {
  it('commits every valid row at once and lists the rejected ones', async () => {
    const { vault } = await vaults.create();
    const report = await vault.importRows(rows(2500));
    const rejected = Math.floor(2500 / 7);
    expect(report.imported).toBe(2500 - rejected);
    expect(report.rejected).toHaveLength(rejected);
    expect(report.rejected[0]).toEqual({ line: 7, reason: 'a rule' });
    expect(vault.records.count()).toBe(2500 - rejected);
    expect(vault.db.inTransaction).toBe(false);
  });

  it('a source failing after several batches leaves the vault as it was', async () => {
    const { vault } = await vaults.create();
    vault.addRecord({ title: 'before' });
    const before = counts(vault);
    await expect(vault.importRows(failingAfter(3500))).rejects.toMatchObject({
      code: 'IMPORT.INVALID_FILE',
    });
    expect(counts(vault)).toEqual(before);
    expect(vault.db.inTransaction).toBe(false);
    // The vault is usable afterwards, and a later import commits normally.
    expect((await vault.importRows(rows(10))).imported).toBe(9);
    expect(vault.records.count()).toBe(10);
  });

  it('a batch that cannot be written rolls back the batches before it', async () => {
    const { vault } = await vaults.create();
    const before = counts(vault);
    let batches = 0;
    const target = storeOf(vault).importTarget();
    const failingTarget = {
      db: target.db,
      writeBatch: (batch: Parameters<typeof target.writeBatch>[0]) => {
        batches += 1;
        if (batches === 3) throw new VaultError('FILE.IO', 'The disk is full.');
        return target.writeBatch(batch);
      },
    };
    await expect(
      importAllOrNothing(failingTarget, rows(3000), { batchSize: 500 }),
    ).rejects.toMatchObject({ code: 'FILE.IO' });
    expect(batches).toBe(3);
    expect(counts(vault)).toEqual(before);
  });

  it('lets the event loop turn while it works, even when rows never wait for I/O', async () => {
    // The app's main process imports: a timer (IPC, progress, Cancel) must get its turn.
    const { vault } = await vaults.create();
    async function* buffered(): AsyncGenerator<ImportRow> {
      for (let line = 1; line <= 3000; line++) yield row(line);
    }
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const report = await importAllOrNothing(storeOf(vault).importTarget(), buffered(), {
      sliceMs: 5,
    });
    clearInterval(timer);
    expect(report.imported).toBe(3000);
    expect(ticks).toBeGreaterThan(2);
    // And all or nothing still: one transaction, committed at the end.
    expect(vault.db.inTransaction).toBe(false);
    expect(counts(vault).records).toBe(3000);
  });

  it('refuses to run inside another transaction (it would commit with it)', async () => {
    const { vault } = await vaults.create();
    vault.db.exec('BEGIN');
    try {
      await expect(
        importAllOrNothing(storeOf(vault).importTarget(), rows(1)),
      ).rejects.toMatchObject({ code: 'INTERNAL' });
    } finally {
      vault.db.exec('ROLLBACK');
    }
  });
});
