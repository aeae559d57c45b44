import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson, stderrLines } from '../helpers/cli';
import { editHeader } from '../helpers/raw-db';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';
import { Vault } from '../../src/core/vault/vault';
import { TEST_KDF } from '../../src/core/crypto/kdf';

const vaults = useTestVaults();

/** Every k-subset of items. */
function subsets<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (items.length < k) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, k - 1).map((s) => [first!, ...s]), ...subsets(rest, k)];
}

async function openWith(dir: string, shares: string[]) {
  const vault = await Vault.open(dir, { shares }, { kdf: TEST_KDF });
  vault.close();
}

/** A typo in the middle of a share (one base32 letter changed). */
function mistype(share: string): string {
  const i = 20;
  return share.slice(0, i) + (share[i] === 'A' ? 'B' : 'A') + share.slice(i + 1);
}

describe('shared recovery', () => {
  it('any K of N shares unlock; K-1 do not, and the error says how many are needed', async () => {
    const { vault, dir } = await vaults.create();
    const shares = await vault.splitRecovery(5, 3);
    expect(shares).toHaveLength(5);
    expect(new Set(shares).size).toBe(5);
    vault.close();
    for (const subset of subsets(shares, 3)) await openWith(dir, subset);
    await openWith(dir, shares);
    for (const subset of subsets(shares, 2))
      await expect(openWith(dir, subset)).rejects.toMatchObject({
        code: 'VAULT.WRONG_RECOVERY_KEY',
        message: '3 shares are needed; 2 were given.',
      });
  });

  it('a mistyped share is named by its place in the list', async () => {
    const { vault, dir } = await vaults.create();
    const shares = await vault.splitRecovery(3, 2);
    vault.close();
    await expect(openWith(dir, [shares[0]!, mistype(shares[2]!)])).rejects.toMatchObject({
      code: 'VAULT.WRONG_RECOVERY_KEY',
      message: expect.stringMatching(/^Share 2 \(the 2nd given\) is (mistyped|incomplete)/),
    });
    await expect(openWith(dir, ['hello', shares[0]!])).rejects.toMatchObject({
      message: expect.stringMatching(/^Share 1 .*not a recovery share/),
    });
    await expect(openWith(dir, [shares[1]!, shares[1]!])).rejects.toMatchObject({
      message: expect.stringMatching(/^Share 2 repeats share number 2/),
    });
    // Case, spaces and missing dashes are forgiven.
    await openWith(dir, [shares[0]!.toLowerCase(), shares[1]!.replace(/-/g, ' ')]);
  });

  it('splitting again revokes the earlier shares; the recovery key is not affected', async () => {
    const { vault, dir, recoveryKey } = await vaults.create();
    const first = await vault.splitRecovery(3, 2);
    const second = await vault.splitRecovery(4, 2);
    vault.close();
    await expect(openWith(dir, first.slice(0, 2))).rejects.toMatchObject({
      message: expect.stringMatching(/^Share 1 \(number 1\) belongs to another split/),
    });
    await expect(openWith(dir, [second[0]!, first[1]!])).rejects.toMatchObject({
      message: expect.stringMatching(/^Share 2 \(number 2\) belongs to another split/),
    });
    await openWith(dir, second.slice(2));
    (await Vault.open(dir, { recoveryKey })).close();
  });

  it('a new recovery key replaces the old one; the log records splits and rotations', async () => {
    const { vault, dir, recoveryKey } = await vaults.create();
    const fresh = await vault.rotateRecoveryKey();
    await vault.splitRecovery(2, 2);
    const actions = [...vault.custody.entries()].map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['recovery.rotated', 'recovery.split']);
    vault.close();
    await expect(Vault.open(dir, { recoveryKey })).rejects.toMatchObject({
      code: 'VAULT.WRONG_RECOVERY_KEY',
    });
    (await Vault.open(dir, { recoveryKey: fresh })).close();
    (await Vault.open(dir, { passphrase: TEST_PASSPHRASE })).close();
  });

  it('the split in vault.json is covered by the header MAC', async () => {
    const { vault, dir } = await vaults.create();
    await vault.splitRecovery(3, 2);
    vault.close();
    editHeader(dir, (h) => {
      (h.shares as { count: number }).count = 9;
    });
    await expect(Vault.open(dir, { passphrase: TEST_PASSPHRASE })).rejects.toMatchObject({
      code: 'VAULT.CORRUPT',
    });
  });

  it('a vault without shares says so', async () => {
    const { vault, dir } = await vaults.create();
    vault.close();
    await expect(openWith(dir, ['x', 'y'])).rejects.toMatchObject({
      message: expect.stringMatching(/no recovery shares/),
    });
  });
});

describe('tvault recovery split / recover --share', () => {
  it('--json shares, recovery from TVAULT_RECOVERY_SHARES, a bad share named, exit 3', async () => {
    const dir = vaults.temp.path('cli');
    await initVaultWithCli(dir);
    const split = await runCliJson<{
      split: string;
      threshold: number;
      count: number;
      shares: { number: number; share: string }[];
    }>(['--vault', dir, 'recovery', 'split', '--shares', '3', '--threshold', '2']);
    expect(split.code).toBe(0);
    expect(split.json).toMatchObject({ threshold: 2, count: 3 });
    expect(split.json.shares.map((s) => s.number)).toEqual([1, 2, 3]);
    const [s1, s2, s3] = split.json.shares.map((s) => s.share);
    const NEW = 'a new passphrase after recovery';
    const viaEnv = await runCliJson(['--vault', dir, 'recover'], {
      env: { TVAULT_RECOVERY_SHARES: `${s3}\n${s1}\n`, TVAULT_NEW_PASSPHRASE: NEW },
    });
    expect(viaEnv.code).toBe(0);
    expect(viaEnv.json).toEqual({ recovered: true, with: 'shares' });
    const bad = await runCli(['--vault', dir, 'recover', '--share', s1!, '--share', mistype(s2!)], {
      env: { TVAULT_NEW_PASSPHRASE: NEW },
    });
    expect(bad.code).toBe(3);
    expect(stderrLines(bad)).toEqual([expect.stringMatching(/^tvault: Share 2 \(the 2nd given\)/)]);
    const few = await runCli(['--vault', dir, 'recover', '--share', s1!], {
      env: { TVAULT_NEW_PASSPHRASE: NEW },
    });
    expect(few.code).toBe(3);
    const opened = await runCli(['--vault', dir, 'list'], { env: { TVAULT_PASSPHRASE: NEW } });
    expect(opened.code).toBe(0);
    const invalid = await runCli(
      ['--vault', dir, 'recovery', 'split', '--shares', '2', '--threshold', '3'],
      { env: { TVAULT_PASSPHRASE: NEW } },
    );
    expect(invalid.code).toBe(2);
  });
});
