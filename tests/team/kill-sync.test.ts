import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vault } from '../../src/core/vault/vault';
import { syncTeam } from '../../src/core/team/sync';
import { verifyVault } from '../../src/core/verify/verify-vault';
import { CLI_PATH } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/vault';
import { archiveOf, given, makeTeam, useTestVaults } from './helpers';

/**
 * Issue 15: `tvault team sync` killed (SIGKILL) while it applies change sets; the next sync
 * completes it: the same archive as the author's, nothing applied twice, verify passes. The
 * kills land once the write-ahead log has grown past a few sizes, that is while change sets are
 * being applied (a kill on a timer mostly lands before the unlock ends).
 */
const WAL_BYTES = [40_000, 120_000, 250_000, 500_000];

function syncKilledAt(dir: string, walBytes: number): Promise<boolean> {
  return new Promise((resolve) => {
    const env = { ...process.env, TVAULT_TEST_KDF: '1', TVAULT_PASSPHRASE: TEST_PASSPHRASE };
    const child = spawn(process.execPath, [CLI_PATH, '--vault', dir, 'team', 'sync'], {
      env,
      stdio: 'ignore',
    });
    const wal = join(dir, 'vault.db-wal');
    let killed = false;
    const poll = setInterval(() => {
      if ((existsSync(wal) ? statSync(wal).size : 0) > walBytes) {
        killed = child.kill('SIGKILL');
        clearInterval(poll);
      }
    }, 2);
    child.on('close', () => {
      clearInterval(poll);
      resolve(killed);
    });
  });
}

describe('kill -9 during team sync', () => {
  const vaults = useTestVaults();

  it('the next sync completes it', async () => {
    const team = await makeTeam(vaults);
    const [a, b] = team.members as [Vault, Vault];
    for (let round = 0; round < 15; round++) {
      for (let i = 0; i < 20; i++) a.addRecord(given({ title: `Record ${round}.${i}` }));
      await syncTeam(a);
    }
    const expected = archiveOf(a);
    const dir = b.dir;
    b.close();
    const seen: number[] = [];
    for (const walBytes of WAL_BYTES) {
      const killed = await syncKilledAt(dir, walBytes);
      const between = await vaults.open(dir);
      seen.push(killed ? between.records.count() : -1);
      between.close();
    }
    // Each change set carries 20 records: whole change sets only, never part of one.
    for (const count of seen.filter((n) => n >= 0)) expect(count % 20).toBe(0);
    expect(seen.some((n) => n > 0 && n < 300)).toBe(true);
    const reopened = await vaults.open(dir);
    await syncTeam(reopened);
    expect(archiveOf(reopened)).toBe(expected);
    expect((await syncTeam(reopened)).applied).toBe(0);
    const report = await verifyVault(reopened);
    expect(report.problems).toEqual([]);
  }, 180_000);
});
