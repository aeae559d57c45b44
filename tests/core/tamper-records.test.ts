import { describe, expect, it } from 'vitest';
import { Vault } from '../../src/core/vault/vault';
import { flipByte, withRawDb } from '../helpers/raw-db';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';

/**
 * An attacker with the disk edits vault.db while the vault is locked. Every change to a
 * record's stored bytes must be caught when the record is read, as INTEGRITY.FAILED naming the
 * record, while the other records stay readable.
 */
const vaults = useTestVaults();

interface Setup {
  dir: string;
  target: string;
  other: string;
}

async function setup(): Promise<Setup> {
  const { dir, vault } = await vaults.create();
  const target = vault.addRecord({ title: 'target', body: 'شهادة '.repeat(50), tags: ['x'] }).id;
  vault.updateRecord(target, { title: 'target, revision 2' });
  const other = vault.addRecord({ title: 'other', body: 'Свидетельство' }).id;
  vault.close();
  return { dir, target, other };
}

function expectIntegrity(fn: () => unknown, recordId: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, 'expected an integrity failure').toBeDefined();
  const error = caught as { code: string; message: string; details: Record<string, unknown> };
  expect(error.code).toBe('INTEGRITY.FAILED');
  expect(error.message).toContain(recordId);
  expect(error.details.recordId).toBe(recordId);
}

/** Reading the target (current revision, history) fails; the other record is untouched. */
function expectTargetCaught(vault: Vault, { target, other }: Setup): void {
  expectIntegrity(() => vault.records.get(target), target);
  expectIntegrity(() => vault.records.history(target), target);
  expectIntegrity(() => vault.updateRecord(target, { title: 'overwrite' }), target);
  expect(vault.records.get(other).title).toBe('other');
}

type Column = { table: 'records' | 'revisions'; column: string; where: string };

const COLUMNS: Column[] = [
  { table: 'records', column: 'wrapped_key', where: 'id = ?' },
  { table: 'records', column: 'summary', where: 'id = ?' },
  { table: 'revisions', column: 'sealed', where: 'record_id = ? AND revision = 2' },
  { table: 'revisions', column: 'sealed', where: 'record_id = ? AND revision = 1' },
];

function readBlob(s: Setup, c: Column): Uint8Array {
  return withRawDb(s.dir, (db) => {
    const row = db
      .prepare(`SELECT ${c.column} AS v FROM ${c.table} WHERE ${c.where}`)
      .get(s.target) as { v: Uint8Array } | undefined;
    if (!row) throw new Error('no such row');
    return row.v;
  });
}

function writeBlob(s: Setup, c: Column, value: Uint8Array): void {
  withRawDb(s.dir, (db) => {
    const changes = db
      .prepare(`UPDATE ${c.table} SET ${c.column} = ? WHERE ${c.where}`)
      .run(value, s.target).changes;
    expect(changes).toBe(1);
  });
}

describe('tampering with a stored byte of a record is detected and names the record', () => {
  for (const c of COLUMNS) {
    const label = `${c.table}.${c.column}${c.where.includes('revision = 1') ? ' (revision 1)' : ''}`;
    it(`${label}: a flipped byte at several offsets (nonce, ciphertext, tag)`, async () => {
      const s = await setup();
      const original = readBlob(s, c);
      const offsets = [0, 23, 24, Math.floor(original.length / 2), -17, -1];
      for (const offset of offsets) {
        writeBlob(s, c, flipByte(original, offset, 0x40));
        const vault = await vaults.open(s.dir);
        if (c.where.includes('revision = 1')) {
          // An old revision: the head still reads, the old one and the history do not.
          expect(vault.records.get(s.target).title).toBe('target, revision 2');
          expectIntegrity(() => vault.records.get(s.target, 1), s.target);
          expectIntegrity(() => vault.records.history(s.target), s.target);
        } else {
          expectTargetCaught(vault, s);
        }
        if (c.column !== 'sealed') expectIntegrity(() => vault.records.list(), s.target);
        vault.close();
      }
      // Restored, everything reads again: the failures were caused by the flipped bytes.
      writeBlob(s, c, original);
      const vault = await vaults.open(s.dir);
      expect(vault.records.get(s.target).title).toBe('target, revision 2');
      expect(vault.records.history(s.target)).toHaveLength(2);
      expect(vault.records.list()).toHaveLength(2);
    });

    it(`${label}: truncated, extended and emptied`, async () => {
      const s = await setup();
      const original = readBlob(s, c);
      const variants = [
        original.subarray(0, original.length - 1),
        original.subarray(0, 30),
        new Uint8Array(0),
        Uint8Array.from([...original, 0]),
      ];
      for (const variant of variants) {
        writeBlob(s, c, variant);
        const vault = await vaults.open(s.dir);
        const revision = c.where.includes('revision = 1') ? 1 : undefined;
        expectIntegrity(() => vault.records.get(s.target, revision), s.target);
        vault.close();
      }
    });
  }
});

describe('swapped and replayed ciphertexts are detected', () => {
  async function swap(s: Setup, table: string, column: string, whereA: string, whereB: string) {
    withRawDb(s.dir, (db) => {
      const get = (where: string) =>
        (db.prepare(`SELECT ${column} AS v FROM ${table} WHERE ${where}`).get() as { v: Buffer }).v;
      const a = get(whereA);
      const b = get(whereB);
      db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${whereA}`).run(b);
      db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${whereB}`).run(a);
    });
  }

  for (const column of ['wrapped_key', 'summary']) {
    it(`records.${column} of two records swapped`, async () => {
      const s = await setup();
      await swap(s, 'records', column, `id = '${s.target}'`, `id = '${s.other}'`);
      const vault = await vaults.open(s.dir);
      expectIntegrity(() => vault.records.get(s.target), s.target);
      expectIntegrity(() => vault.records.get(s.other), s.other);
      expect(() => vault.records.list()).toThrow(
        expect.objectContaining({ code: 'INTEGRITY.FAILED' }),
      );
    });
  }

  it('two records exchanged whole (key, summary, head and revisions)', async () => {
    const s = await setup();
    withRawDb(s.dir, (db) => {
      db.pragma('foreign_keys = OFF');
      db.exec(`
        UPDATE records SET id = 'tmp' WHERE id = '${s.target}';
        UPDATE records SET id = '${s.target}' WHERE id = '${s.other}';
        UPDATE records SET id = '${s.other}' WHERE id = 'tmp';
        UPDATE revisions SET record_id = 'tmp' WHERE record_id = '${s.target}';
        UPDATE revisions SET record_id = '${s.target}' WHERE record_id = '${s.other}';
        UPDATE revisions SET record_id = '${s.other}' WHERE record_id = 'tmp';
      `);
    });
    const vault = await vaults.open(s.dir);
    expectIntegrity(() => vault.records.get(s.target), s.target);
    expectIntegrity(() => vault.records.get(s.other), s.other);
  });

  it('revisions.sealed of two records swapped', async () => {
    const s = await setup();
    await swap(
      s,
      'revisions',
      'sealed',
      `record_id = '${s.target}' AND revision = 1`,
      `record_id = '${s.other}' AND revision = 1`,
    );
    const vault = await vaults.open(s.dir);
    expectIntegrity(() => vault.records.get(s.other), s.other);
    expectIntegrity(() => vault.records.get(s.target, 1), s.target);
  });

  it('a revision replayed under another revision number', async () => {
    const s = await setup();
    withRawDb(s.dir, (db) => {
      const rev1 = (
        db
          .prepare('SELECT sealed FROM revisions WHERE record_id = ? AND revision = 1')
          .get(s.target) as { sealed: Buffer }
      ).sealed;
      db.prepare('UPDATE revisions SET sealed = ? WHERE record_id = ? AND revision = 2').run(
        rev1,
        s.target,
      );
    });
    const vault = await vaults.open(s.dir);
    expectIntegrity(() => vault.records.get(s.target), s.target);
    expectIntegrity(() => vault.records.get(s.target, 2), s.target);
    expect(vault.records.get(s.target, 1).title).toBe('target');
  });

  it('revisions 1 and 2 exchanged', async () => {
    const s = await setup();
    await swap(
      s,
      'revisions',
      'sealed',
      `record_id = '${s.target}' AND revision = 1`,
      `record_id = '${s.target}' AND revision = 2`,
    );
    const vault = await vaults.open(s.dir);
    expectIntegrity(() => vault.records.get(s.target, 1), s.target);
    expectIntegrity(() => vault.records.get(s.target, 2), s.target);
  });
});

describe('tampering with the plaintext columns is detected', () => {
  async function tamper(sql: (s: Setup) => string): Promise<{ s: Setup; vault: Vault }> {
    const s = await setup();
    withRawDb(s.dir, (db) => {
      db.pragma('foreign_keys = OFF');
      db.exec(sql(s));
    });
    return { s, vault: await vaults.open(s.dir) };
  }

  it('head lowered (an edit hidden, an older revision shown as current)', async () => {
    const { s, vault } = await tamper(
      (s) => `UPDATE records SET head = 1 WHERE id = '${s.target}'`,
    );
    expectTargetCaught(vault, s);
  });

  it('head lowered and the newer revision deleted', async () => {
    const { s, vault } = await tamper(
      (s) => `UPDATE records SET head = 1 WHERE id = '${s.target}';
              DELETE FROM revisions WHERE record_id = '${s.target}' AND revision = 2;`,
    );
    expectTargetCaught(vault, s);
  });

  it('head raised', async () => {
    const { s, vault } = await tamper(
      (s) => `UPDATE records SET head = 3 WHERE id = '${s.target}'`,
    );
    expectTargetCaught(vault, s);
  });

  it('an old revision deleted', async () => {
    const { s, vault } = await tamper(
      (s) => `DELETE FROM revisions WHERE record_id = '${s.target}' AND revision = 1`,
    );
    expectTargetCaught(vault, s);
  });

  it('kind changed', async () => {
    const { s, vault } = await tamper(
      (s) => `UPDATE records SET kind = 'note' WHERE id = '${s.target}'`,
    );
    expectTargetCaught(vault, s);
  });

  it('record id changed (rows moved to another id)', async () => {
    const fake = 'a'.repeat(32);
    const { s, vault } = await tamper(
      (s) => `UPDATE records SET id = '${fake}' WHERE id = '${s.target}';
              UPDATE revisions SET record_id = '${fake}' WHERE record_id = '${s.target}';`,
    );
    expectIntegrity(() => vault.records.get(fake), fake);
    expect(vault.records.get(s.other).title).toBe('other');
  });

  it('the vault id in meta changed: the database is refused as not belonging to the header', async () => {
    const s = await setup();
    withRawDb(s.dir, (db) =>
      db.exec(`UPDATE meta SET value = '${'b'.repeat(32)}' WHERE key = 'vault_id'`),
    );
    await expect(Vault.open(s.dir, { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
      code: 'VAULT.CORRUPT',
    });
  });
});
