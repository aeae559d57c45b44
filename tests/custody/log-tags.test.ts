import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VerifyProblem } from '../../src/shared/custody/types';
import { backupVault } from '../../src/core/backup/backup';
import { verifyLog } from '../../src/core/custody/verify-log';
import { commandVolume } from '../../src/core/custody/volume';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { Vault } from '../../src/core/vault/vault';
import { flipByte, withRawDb } from '../helpers/raw-db';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';

/**
 * The custody log's record tags (in each row, and packed 64 entries to a block) and its head
 * (on the newest row only): a lookup finds a record's entries through them, and verify reports
 * any of them altered, moved or removed (docs/custody.md).
 */
const vaults = useTestVaults();

function problemsOf(vault: Vault): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  verifyLog(vault.custody, vault.identity.publicIdentity().signingKey, vault.vaultId, (p) =>
    problems.push(p),
  );
  return problems;
}

const kinds = (problems: VerifyProblem[]) => problems.map((p) => `${p.kind} ${p.id}`);

/** A closed vault of 3 records opened in turn: 75 entries, one tag block (1..64). */
async function logOf75(): Promise<{ dir: string; ids: string[] }> {
  const { vault, dir } = await vaults.create();
  const ids = [0, 1, 2].map((i) => vault.addRecord({ title: `r${i}` }).id);
  for (let i = 0; i < 71; i++) vault.openRecord(ids[i % 3]!);
  expect(vault.custody.head()!.seq).toBe(75);
  vault.close();
  return { dir, ids };
}

function copy(dir: string): string {
  const to = vaults.temp.path('copy');
  cpSync(dir, to, { recursive: true });
  return to;
}

/** Opens without writing an entry (a metadata command), checks, closes. */
async function check(dir: string, fn?: (vault: Vault) => void): Promise<VerifyProblem[]> {
  const vault = vaults.track(
    await Vault.open(
      dir,
      { passphrase: TEST_PASSPHRASE },
      { kdf: TEST_KDF, custodyVolume: commandVolume('metadata') },
    ),
  );
  try {
    fn?.(vault);
    return problemsOf(vault);
  } finally {
    vault.close();
  }
}

describe('the custody log: record tags and head in its rows', () => {
  it("finds each record's entries in the blocks and after them, the same as reading the whole log", async () => {
    const { dir, ids } = await logOf75();
    const problems = await check(dir, (vault) => {
      const all = [...vault.custody.entries()];
      for (const id of ids) {
        const expected = all.filter((e) => e.record === id).map((e) => e.seq);
        expect([...vault.custody.entriesOf(id)].map((e) => e.seq)).toEqual(expected);
        expect(expected.some((seq) => seq <= 64) && expected.some((seq) => seq > 64)).toBe(true);
      }
      expect([...vault.custody.entriesOf('no-such-record')]).toEqual([]);
    });
    expect(problems).toEqual([]);
  });

  it("a row's tags altered or moved: verify names the entry; the lookup never lists an entry that does not name the record", async () => {
    const { dir: template, ids } = await logOf75();
    const altered = copy(template);
    withRawDb(altered, (db) => {
      const row = db
        .prepare<[], { tags: Buffer }>('SELECT tags FROM custody_log WHERE seq = 70')
        .get()!;
      db.prepare('UPDATE custody_log SET tags = ? WHERE seq = 70').run(
        Buffer.from(flipByte(row.tags, 0)),
      );
    });
    expect(kinds(await check(altered))).toEqual(['log-index 70']);

    // Entry 65 names ids[0]; 66 names ids[1]: give 66 the tags of 65.
    const moved = copy(template);
    withRawDb(moved, (db) =>
      db
        .prepare(
          'UPDATE custody_log SET tags = (SELECT tags FROM custody_log WHERE seq = 65) WHERE seq = 66',
        )
        .run(),
    );
    const problems = await check(moved, (vault) => {
      const seqs = [...vault.custody.entriesOf(ids[0]!)].map((e) => e.seq);
      expect(seqs).toContain(65);
      expect(seqs).not.toContain(66);
    });
    expect(kinds(problems)).toEqual(['log-index 66']);
  });

  it('a tag block altered, removed or added: verify reports it', async () => {
    const { dir: template } = await logOf75();
    const altered = copy(template);
    withRawDb(altered, (db) => {
      const row = db.prepare<[], { pairs: Buffer }>('SELECT pairs FROM custody_tag_blocks').get()!;
      db.prepare('UPDATE custody_tag_blocks SET pairs = ?').run(
        Buffer.from(flipByte(row.pairs, -1)),
      );
    });
    expect(kinds(await check(altered))).toEqual(['log-index 64']);

    const removed = copy(template);
    withRawDb(removed, (db) => db.prepare('DELETE FROM custody_tag_blocks').run());
    expect(kinds(await check(removed))).toEqual(['log-index 64']);

    const added = copy(template);
    withRawDb(added, (db) =>
      db.prepare("INSERT INTO custody_tag_blocks VALUES (128, x'00')").run(),
    );
    expect(kinds(await check(added))).toEqual(['log-index 128']);
  });

  it('the head: only on the newest row; moved back, cleared or duplicated, verify reports it', async () => {
    const { dir: template } = await logOf75();
    expect(
      withRawDb(template, (db) =>
        db.prepare<[], { seq: number }>('SELECT seq FROM custody_log WHERE head IS NOT NULL').all(),
      ),
    ).toEqual([{ seq: 75 }]);

    const cleared = copy(template);
    withRawDb(cleared, (db) => db.prepare('UPDATE custody_log SET head = NULL').run());
    expect(kinds(await check(cleared))).toEqual(['log-truncated 76']);

    const twice = copy(template);
    withRawDb(twice, (db) =>
      db
        .prepare(
          'UPDATE custody_log SET head = (SELECT head FROM custody_log WHERE seq = 75) WHERE seq = 74',
        )
        .run(),
    );
    expect(kinds(await check(twice))).toEqual(['log-head 74']);

    // The newest head put on the row before it, after the last entry was removed.
    const moved = copy(template);
    withRawDb(moved, (db) => {
      db.prepare(
        'UPDATE custody_log SET head = (SELECT head FROM custody_log WHERE seq = 75) WHERE seq = 74',
      ).run();
      db.prepare('DELETE FROM custody_log WHERE seq = 75').run();
    });
    // (The checkpoint signed at 75 when the vault closed says so too.)
    expect(new Set(kinds(await check(moved)))).toEqual(new Set(['log-truncated 75']));
  });

  it('the whole log removed is reported (the genesis in meta); the next entry leaves a gap', async () => {
    const { dir: template } = await logOf75();
    const dir = copy(template);
    withRawDb(dir, (db) => {
      db.prepare('DELETE FROM custody_log').run();
      db.prepare('DELETE FROM custody_tag_blocks').run();
      db.prepare('DELETE FROM custody_checkpoints').run();
    });
    expect(kinds(await check(dir))).toEqual(['log-truncated 1']);
    const vault = await vaults.open(dir);
    expect([...vault.custody.entries()].map((e) => e.seq)).toEqual([2]);
    expect(kinds(problemsOf(vault))).toContain('log-entry-missing 1');
    vault.close();
  });

  it('a removed last entry: the next entry skips its seq, so the cut stays visible', async () => {
    const { dir: template } = await logOf75();
    const dir = copy(template);
    withRawDb(dir, (db) => db.prepare('DELETE FROM custody_log WHERE seq = 75').run());
    const vault = await vaults.open(dir);
    expect(vault.custody.head()!.seq).toBe(76);
    expect(kinds(problemsOf(vault))).toEqual([
      'log-entry-missing 75',
      'log-checkpoint-orphan 75', // signed when the vault closed at 75
    ]);
    vault.close();
  });

  it('a backup of a log whose tail was removed is still made whole; its marker names no head', async () => {
    const { dir: template } = await logOf75();
    const dir = copy(template);
    withRawDb(dir, (db) => db.prepare('DELETE FROM custody_log WHERE seq = 75').run());
    const out = vaults.temp.path('backup');
    const vault = vaults.track(
      await Vault.open(
        dir,
        { passphrase: TEST_PASSPHRASE },
        { kdf: TEST_KDF, custodyVolume: commandVolume('metadata') },
      ),
    );
    await backupVault(vault, out);
    vault.close();
    const marker = JSON.parse(readFileSync(join(out, 'backup.json'), 'utf8')) as {
      logHead: unknown;
    };
    expect(marker.logHead).toBeNull();
  });
});
