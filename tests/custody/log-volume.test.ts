import { cpSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VerifyProblem } from '../../src/shared/custody/types';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { verifyLog } from '../../src/core/custody/verify-log';
import { CHECKPOINT_EVERY, type CommandAccess, commandVolume } from '../../src/core/custody/volume';
import { Vault } from '../../src/core/vault/vault';
import { initVaultWithCli, runCliJson } from '../helpers/cli';
import { flipByte, withRawDb } from '../helpers/raw-db';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();

/** Opens `dir` as one CLI command would. */
async function openAsCommand(dir: string, access: CommandAccess): Promise<Vault> {
  return vaults.track(
    await Vault.open(
      dir,
      { passphrase: TEST_PASSPHRASE },
      { kdf: TEST_KDF, custodyVolume: commandVolume(access) },
    ),
  );
}

function counts(dir: string): { entries: number; checkpoints: number[] } {
  return withRawDb(dir, (db) => ({
    entries: (db.prepare('SELECT count(*) AS n FROM custody_log').get() as { n: number }).n,
    checkpoints: (
      db.prepare('SELECT seq FROM custody_checkpoints ORDER BY seq').all() as { seq: number }[]
    ).map((row) => row.seq),
  }));
}

function problemsOf(vault: Vault): VerifyProblem[] {
  const problems: VerifyProblem[] = [];
  verifyLog(vault.custody, vault.identity.publicIdentity().signingKey, vault.vaultId, (p) =>
    problems.push(p),
  );
  return problems;
}

describe('how much is logged', () => {
  it('CLI: metadata commands write nothing; content commands one unlock, no checkpoint each', async () => {
    const dir = vaults.temp.path('vault');
    await initVaultWithCli(dir);
    const v = ['--vault', dir];
    for (const args of [['log'], ['verify'], ['identity'], ['partner', 'list']])
      expect((await runCliJson([...v, ...args])).code, args.join(' ')).toBe(0);
    expect(counts(dir)).toEqual({ entries: 1, checkpoints: [1] });
    await runCliJson([...v, 'list']);
    await runCliJson([...v, 'add', '--title', 'one']);
    const log = await runCliJson<{ entries: { action: string }[] }>([...v, 'log']);
    expect(log.json.entries.map((e) => e.action)).toEqual([
      'vault.created',
      'vault.unlocked',
      'vault.unlocked',
      'record.created',
    ]);
    // Four entries since the last checkpoint: fewer than CHECKPOINT_EVERY, none signed.
    expect(counts(dir).checkpoints).toEqual([1]);
  });

  it('a checkpoint every CHECKPOINT_EVERY entries, in the app and the CLI alike', async () => {
    const { vault, dir } = await vaults.create();
    vault.close();
    const cli = await openAsCommand(dir, 'content'); // seq 2: vault.unlocked
    for (let i = 0; i < CHECKPOINT_EVERY + 5; i++) cli.addRecord({ title: `r${i}` });
    cli.close();
    // The checkpoint at creation, then one as soon as CHECKPOINT_EVERY entries followed it;
    // the few entries after it are not signed at exit.
    expect(counts(dir).checkpoints).toEqual([1, 1 + CHECKPOINT_EVERY]);
    // The app signs its session's tail at lock.
    const app = await vaults.open(dir);
    app.addRecord({ title: 'in the app' });
    app.close();
    const after = counts(dir);
    expect(after.checkpoints.at(-1)).toBe(after.entries);
  });

  it('truncation is still detected at the next checkpoint, even with the head rolled back', async () => {
    const { vault, dir } = await vaults.create();
    vault.close();
    const cli = await openAsCommand(dir, 'metadata');
    cli.addRecord({ title: 'before' });
    cli.close();
    // An attacker keeps this older sealed head (on what is now the last row), lets the log
    // grow, then removes the tail and puts the old head back: the chain looks whole, but a
    // checkpoint signed past it remains.
    const cutAfter = counts(dir).entries;
    const oldHead = withRawDb(dir, (db) => {
      const row = db.prepare('SELECT head FROM custody_log WHERE seq = ?').get(cutAfter) as {
        head: Buffer;
      };
      return row.head;
    });
    const more = await openAsCommand(dir, 'metadata');
    for (let i = 0; i < CHECKPOINT_EVERY; i++) more.addRecord({ title: `r${i}` });
    more.close();
    expect(counts(dir).checkpoints.at(-1)).toBeGreaterThan(cutAfter);
    withRawDb(dir, (db) => {
      db.prepare('DELETE FROM custody_log WHERE seq > ?').run(cutAfter);
      db.prepare('DELETE FROM custody_tag_blocks WHERE last_seq > ?').run(cutAfter);
      db.prepare('UPDATE custody_log SET head = ? WHERE seq = ?').run(oldHead, cutAfter);
    });
    const check = await openAsCommand(dir, 'metadata');
    expect(problemsOf(check).map((p) => p.kind)).toContain('log-truncated');
  });

  it('with no entry at unlock, removing or editing any single entry is still reported', async () => {
    const { vault, dir: template } = await vaults.create();
    vault.close();
    const cli = await openAsCommand(template, 'content');
    const r = cli.addRecord({ title: 'one' });
    cli.updateRecord(r.id, { title: 'two' });
    cli.openRecord(r.id);
    cli.close();
    const { entries } = counts(template);
    for (let seq = 1; seq <= entries; seq++) {
      for (const tamper of ['remove', 'edit'] as const) {
        const dir = `${template}-${tamper}-${seq}`;
        cpSync(template, dir, { recursive: true });
        withRawDb(dir, (db) => {
          if (tamper === 'remove') db.prepare('DELETE FROM custody_log WHERE seq = ?').run(seq);
          else {
            const row = db.prepare('SELECT sealed FROM custody_log WHERE seq = ?').get(seq) as {
              sealed: Buffer;
            };
            db.prepare('UPDATE custody_log SET sealed = ? WHERE seq = ?').run(
              Buffer.from(flipByte(row.sealed, 30)),
              seq,
            );
          }
        });
        const check = await openAsCommand(dir, 'metadata');
        const problems = problemsOf(check);
        check.close();
        expect(
          problems.some((p) => p.id === String(seq)),
          `${tamper} ${seq}: ${JSON.stringify(problems)}`,
        ).toBe(true);
      }
    }
  });
});
