import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';
import { fromBuffer, seededBytes, sha256File, writeSeededFile } from './helpers';

const vaults = useTestVaults();
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = fileURLToPath(new URL('./fixtures/attach-child.ts', import.meta.url));
const MiB = 1024 * 1024;

function startChild(args: string[], nodeFlags: string[] = []) {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    env: { ...process.env, TVAULT_PASSPHRASE: TEST_PASSPHRASE },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (stdout.includes(text)) resolve();
      };
      child.stdout.on('data', check);
      void exited.then(() =>
        stdout.includes(text) ? resolve() : reject(new Error(`child exited: ${stderr}`)),
      );
      check();
    });
  return { child, exited, waitFor, output: () => ({ stdout, stderr }) };
}

describe('crash safety', () => {
  it('a process killed in the middle of a large attach leaves nothing that counts', async () => {
    const { vault, dir } = await vaults.create();
    const recordId = vault.addRecord({ title: 'r' }).id;
    const kept = await vault.attachments.attachStream(recordId, fromBuffer(seededBytes(200_000)), {
      name: 'before-the-crash.bin',
    });
    vault.close();
    const work = vaults.temp.make();
    const big = join(work, 'big.bin');
    writeSeededFile(big, 96 * MiB, 'crash');

    const run = startChild(['freeze', dir, recordId, big, String(40 * MiB)]);
    await run.waitFor('frozen');
    // The ingest is half done: its ciphertext sits under a temporary name only.
    const during = readdirSync(join(dir, 'blobs'));
    expect(during.filter((name) => name.endsWith('.partial'))).toHaveLength(1);
    expect(during).toContain(kept.id);
    run.child.kill('SIGKILL');
    expect((await run.exited).signal).toBe('SIGKILL');
    expect(run.output().stdout).not.toContain('finished');

    const reopened = await vaults.open(dir);
    expect(reopened.attachments.list(recordId).map((a) => a.id)).toEqual([kept.id]);
    expect(readdirSync(join(dir, 'blobs'))).toEqual([kept.id]);
    expect((await reopened.attachments.verify(kept.id)).verified).toBe(true);
    // And the vault takes the same file again.
    const again = await reopened.attachments.attachFile(recordId, big);
    expect(again.sha256).toBe(sha256File(big));
  }, 120_000);

  it('a blob without a row (crash between rename and commit) is removed at the next open', async () => {
    const { vault, dir } = await vaults.create();
    const recordId = vault.addRecord({ title: 'r' }).id;
    const kept = await vault.attachments.attachStream(recordId, fromBuffer(Buffer.from('keep')), {
      name: 'k',
    });
    vault.close();
    const orphan = join(dir, 'blobs', 'cd'.repeat(16));
    const partial = join(dir, 'blobs', `${'ef'.repeat(16)}.partial`);
    const unrelated = join(dir, 'blobs', 'README');
    writeFileSync(orphan, 'ciphertext whose row never committed');
    writeFileSync(partial, 'half');
    writeFileSync(unrelated, 'not ours: left alone');
    const reopened = await vaults.open(dir);
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(partial)).toBe(false);
    expect(existsSync(unrelated)).toBe(true);
    expect(reopened.attachments.list(recordId).map((a) => a.id)).toEqual([kept.id]);
  });
});

describe('memory', () => {
  it('stays flat while a 256 MiB file is attached and extracted (measured in a child process)', async () => {
    const { vault, dir } = await vaults.create();
    const recordId = vault.addRecord({ title: 'r' }).id;
    vault.close();
    const work = vaults.temp.make();
    const big = join(work, 'big.bin');
    const expected = writeSeededFile(big, 256 * MiB, 'memory');
    const run = startChild(['measure', dir, recordId, big], ['--expose-gc']);
    const { code } = await run.exited;
    expect(code, run.output().stderr).toBe(0);
    const figures = JSON.parse(run.output().stdout.trim()) as Record<string, number | string>;
    expect(figures.sha256).toBe(expected);
    expect(sha256File(`${big}.out`)).toBe(expected);
    const growthMiB = (Number(figures.ingestPeak) - Number(figures.before)) / MiB;
    const extractGrowthMiB = (Number(figures.extractPeak) - Number(figures.before)) / MiB;
    // Generous bounds: buffers are ~4 MiB; the file is 256 MiB. Reading it whole would fail.
    // Alone this measures +30 to +40 MiB; in the full suite on two loaded cores the collector
    // lags behind the 4 MiB buffers and extract once reached +64.8, so the bound is a third of
    // the file rather than a quarter.
    expect(growthMiB).toBeLessThan(96);
    expect(extractGrowthMiB).toBeLessThan(96);
    expect(Number(figures.maxRss) / MiB).toBeLessThan(150 + Number(figures.before) / MiB);
    console.log(
      `memory: RSS before ${(Number(figures.before) / MiB).toFixed(0)} MiB, ingest +${growthMiB.toFixed(1)} MiB, extract +${extractGrowthMiB.toFixed(1)} MiB, high-water ${(Number(figures.maxRss) / MiB).toFixed(0)} MiB, ingest ${Number(figures.ingestSeconds).toFixed(2)} s`,
    );
  }, 180_000);
});
