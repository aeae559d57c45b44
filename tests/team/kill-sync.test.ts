import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vault } from '../../src/core/vault/vault';
import { CHUNK_FILE_PLAIN_BYTES } from '../../src/core/team/attachment-chunks';
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

/** Runs `team sync` on `dir` and kills it once `chunks` chunk files more are in the folder. */
function syncKilledAfterChunks(dir: string, folder: string, chunks: number): Promise<boolean> {
  const count = () => readdirSync(folder).filter((n) => n.endsWith('.tvch')).length;
  const start = count();
  return new Promise((resolve) => {
    const env = { ...process.env, TVAULT_TEST_KDF: '1', TVAULT_PASSPHRASE: TEST_PASSPHRASE };
    const child = spawn(process.execPath, [CLI_PATH, '--vault', dir, 'team', 'sync'], {
      env,
      stdio: 'ignore',
    });
    let killed = false;
    const poll = setInterval(() => {
      if (count() - start >= chunks) {
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

describe('kill -9 while an attachment is written to the team folder', () => {
  const vaults = useTestVaults();

  it('the next sync writes the rest and the others receive the whole file', async () => {
    const team = await makeTeam(vaults);
    const [a, b] = team.members as [Vault, Vault];
    const record = a.addRecord(given());
    const path = vaults.temp.path('big.bin');
    writeFileSync(path, randomBytes(10 * CHUNK_FILE_PLAIN_BYTES));
    const info = await a.attachments.attachFile(record.id, path);
    const changeSets = () => readdirSync(team.folder).filter((n) => n.endsWith('.tvcs')).length;
    const before = changeSets();
    const dir = a.dir;
    a.close();
    expect(await syncKilledAfterChunks(dir, team.folder, 2)).toBe(true);
    // Killed among the chunks: the change set naming them is not written yet.
    expect(changeSets()).toBe(before);
    expect((await syncTeam(b)).applied).toBe(0);

    const reopened = await vaults.open(dir);
    await syncTeam(reopened);
    expect(readdirSync(team.folder).filter((n) => n.endsWith('.tvch')).length).toBe(10);
    await syncTeam(b);
    expect(b.attachments.get(info.id).sha256).toBe(info.sha256);
    expect((await b.attachments.verify(info.id)).verified).toBe(true);
  }, 120_000);
});
