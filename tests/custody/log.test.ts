import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CustodyEntry, VerifyProblem } from '../../src/shared/custody/types';
import { exportBundle } from '../../src/core/bundles/export';
import { receiveBundle } from '../../src/core/bundles/receive';
import { verifyLog } from '../../src/core/custody/verify-log';
import type { Vault } from '../../src/core/vault/vault';
import { network, shareable } from '../bundles/helpers';
import { flipByte, withRawDb } from '../helpers/raw-db';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();

function problemsOf(vault: Vault): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  verifyLog(vault.custody, vault.identity.publicIdentity().signingKey, vault.vaultId, (p) =>
    problems.push(p),
  );
  return problems;
}

const actions = (entries: Iterable<CustodyEntry>) => [...entries].map((e) => e.action);

describe('the custody log records every action', () => {
  it('records, attachments, passphrase, recovery, import: in order, with hashes', async () => {
    const { vault, dir, recoveryKey } = await vaults.create();
    const record = vault.addRecord({ title: 'first' });
    vault.updateRecord(record.id, { title: 'second' });
    vault.openRecord(record.id);
    const file = join(vaults.temp.make(), 'evidence.txt');
    writeFileSync(file, 'evidence bytes');
    const info = await vault.attachments.attachFile(record.id, file);
    await vault.extractAttachment(info.id, join(vaults.temp.make(), 'copy.txt'));
    vault.attachments.detach(info.id);
    await vault.changePassphrase('another long passphrase here');
    const jsonl = join(vaults.temp.make(), 'in.jsonl');
    writeFileSync(jsonl, `${JSON.stringify({ title: 'a' })}\n${JSON.stringify({ title: 'b' })}\n`);
    await vault.importFile(jsonl);
    vault.deleteRecord(record.id);
    vault.close();
    const again = await vaults.open(dir, { recoveryKey });
    const entries = [...again.custody.entries()];
    expect(actions(entries)).toEqual([
      'vault.created',
      'record.created',
      'record.edited',
      'record.opened',
      'attachment.added',
      'attachment.extracted',
      'attachment.deleted',
      'passphrase.changed',
      'record.created', // one entry per import batch, naming its records
      'record.deleted',
      'recovery.used',
    ]);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    const added = entries.find((e) => e.action === 'attachment.added')!;
    expect(added).toMatchObject({ record: record.id, attachment: info.id });
    expect(added.detail).toEqual({ sha256: info.sha256, size: info.size });
    expect(entries[2]!.detail.revision).toBe(2);
    expect(entries[2]!.detail.sha256).toMatch(/^[0-9a-f]{64}$/);
    // One record's entries, found through the keyed index.
    expect(actions(again.custody.entriesOf(record.id))).toEqual([
      'record.created',
      'record.edited',
      'record.opened',
      'attachment.added',
      'attachment.extracted',
      'attachment.deleted',
      'record.deleted',
    ]);
    const imported = entries[8]!;
    expect(imported.detail).toMatchObject({ via: 'import', count: 2 });
    expect(imported.detail.records).toHaveLength(2);
    for (const id of imported.detail.records as string[])
      expect(actions(again.custody.entriesOf(id))).toEqual(['record.created']);
    expect(problemsOf(again)).toEqual([]);
  });

  it('an action that fails leaves no entry (same transaction)', async () => {
    const { vault } = await vaults.create();
    const before = [...vault.custody.entries()].length;
    expect(() => vault.addRecord({ title: '', date: 'not a date' })).toThrow();
    expect(() => vault.updateRecord('0'.repeat(32), { title: 'x' })).toThrow();
    await expect(
      vault.attachments.attachFile('0'.repeat(32), join(vaults.temp.make(), 'missing')),
    ).rejects.toThrow();
    expect([...vault.custody.entries()].length).toBe(before);
  });

  it('the log holds no plaintext: titles never appear in the database', async () => {
    const { vault, dir } = await vaults.create();
    vault.addRecord({ title: 'UNIQUE-TITLE-MARKER' });
    vault.close();
    withRawDb(dir, (db) => {
      for (const row of db.prepare('SELECT sealed FROM custody_log').all() as {
        sealed: Buffer;
      }[])
        expect(row.sealed.toString('latin1')).not.toMatch(/record\.created|UNIQUE/);
    });
  });

  it("received records keep the sender's custody facts; both sides log the bundle's hash", async () => {
    const [alice, bob] = await network(vaults, ['alice', 'bob']);
    const record = alice!.vault.addRecord(shareable());
    const out = join(vaults.temp.make(), 'b.tvb');
    const exported = await exportBundle(alice!.vault, { to: ['bob'], ids: [record.id], out });
    await receiveBundle(bob!.vault, out);
    const sent = [...alice!.vault.custody.entriesOf(record.id)].at(-1)!;
    expect(sent.action).toBe('bundle.exported');
    expect(sent.detail.bundle).toBe(exported.bundleId);
    expect(String(sent.detail.to)).toContain('bob');
    const got = actions(bob!.vault.custody.entriesOf(record.id));
    expect(got).toEqual(['record.created', 'bundle.received']);
    const [created, received] = [...bob!.vault.custody.entriesOf(record.id)];
    const sender = alice!.vault.identity.fingerprint();
    expect(created!.detail).toMatchObject({ from: sender, bundle: exported.bundleId });
    expect(received!.detail).toMatchObject({ from: sender, sha256: sent.detail.sha256 });
  });
});

describe('tampering with the log is reported', () => {
  /** A closed vault with a log of several entries, and its entries' seqs. */
  async function closedVault(): Promise<{ dir: string; seqs: number[] }> {
    const { vault, dir } = await vaults.create();
    const r = vault.addRecord({ title: 'one' });
    vault.updateRecord(r.id, { title: 'two' });
    vault.openRecord(r.id);
    vault.addRecord({ title: 'three' });
    vault.close();
    const seqs = withRawDb(dir, (db) =>
      (db.prepare('SELECT seq FROM custody_log ORDER BY seq').all() as { seq: number }[]).map(
        (row) => row.seq,
      ),
    );
    return { dir, seqs };
  }

  async function reopenAndCheck(dir: string): Promise<VerifyProblem[]> {
    const vault = await vaults.open(dir, { passphrase: TEST_PASSPHRASE });
    const problems = problemsOf(vault);
    vault.close();
    return problems;
  }

  it('an untouched log verifies', async () => {
    const { dir, seqs } = await closedVault();
    expect(seqs.length).toBeGreaterThanOrEqual(5);
    // The reopen itself appends an entry; nothing is reported.
    expect(await reopenAndCheck(dir)).toEqual([]);
  });

  it('removing any single entry is reported', async () => {
    const { dir: template, seqs } = await closedVault();
    for (const seq of seqs) {
      const dir = copyVault(template);
      withRawDb(dir, (db) => db.prepare('DELETE FROM custody_log WHERE seq = ?').run(seq));
      const problems = await reopenAndCheck(dir);
      expect(problems.length, `removing ${seq}`).toBeGreaterThan(0);
      expect(
        problems.some((p) => p.id === String(seq)),
        `removing ${seq}`,
      ).toBe(true);
    }
  });

  it('swapping any two neighbouring entries is reported', async () => {
    const { dir: template, seqs } = await closedVault();
    for (const seq of seqs.slice(0, -1)) {
      const dir = copyVault(template);
      withRawDb(dir, (db) => {
        const get = db.prepare('SELECT sealed FROM custody_log WHERE seq = ?');
        const a = (get.get(seq) as { sealed: Buffer }).sealed;
        const b = (get.get(seq + 1) as { sealed: Buffer }).sealed;
        const set = db.prepare('UPDATE custody_log SET sealed = ? WHERE seq = ?');
        set.run(b, seq);
        set.run(a, seq + 1);
      });
      const problems = await reopenAndCheck(dir);
      expect(problems.map((p) => p.id)).toEqual(
        expect.arrayContaining([String(seq), String(seq + 1)]),
      );
    }
  });

  it('editing any single entry is reported', async () => {
    const { dir: template, seqs } = await closedVault();
    for (const seq of seqs) {
      const dir = copyVault(template);
      withRawDb(dir, (db) => {
        const row = db.prepare('SELECT sealed FROM custody_log WHERE seq = ?').get(seq) as {
          sealed: Buffer;
        };
        db.prepare('UPDATE custody_log SET sealed = ? WHERE seq = ?').run(
          Buffer.from(flipByte(row.sealed, 30)),
          seq,
        );
      });
      const problems = await reopenAndCheck(dir);
      expect(problems).toContainEqual(
        expect.objectContaining({ kind: 'log-entry-damaged', id: String(seq) }),
      );
    }
  });

  it('truncating the tail is reported, even past the last signed checkpoint', async () => {
    const { dir, seqs } = await closedVault();
    const last = seqs.at(-1)!;
    withRawDb(dir, (db) => db.prepare('DELETE FROM custody_log WHERE seq >= ?').run(last - 1));
    // The next unlock appends after the sealed head, so the removed tail shows as a gap.
    const problems = await reopenAndCheck(dir);
    expect(problems).toContainEqual(
      expect.objectContaining({ kind: 'log-entry-missing', id: String(last - 1) }),
    );
  });

  it('a forged checkpoint signature is reported', async () => {
    const { dir } = await closedVault();
    withRawDb(dir, (db) => {
      const row = db.prepare('SELECT seq, signature FROM custody_checkpoints LIMIT 1').get() as {
        seq: number;
        signature: Buffer;
      };
      db.prepare('UPDATE custody_checkpoints SET signature = ? WHERE seq = ?').run(
        Buffer.from(flipByte(row.signature, 3)),
        row.seq,
      );
    });
    const problems = await reopenAndCheck(dir);
    expect(problems.some((p) => p.kind === 'log-checkpoint-signature')).toBe(true);
  });
});

function copyVault(dir: string): string {
  const target = `${dir}-copy-${Math.random().toString(16).slice(2)}`;
  cpSync(dir, target, { recursive: true });
  return target;
}
