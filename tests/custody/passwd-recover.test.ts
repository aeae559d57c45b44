import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson, stderrLines } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/vault';
import { useTempDirs } from '../helpers/temp-dirs';

/** tvault passwd and tvault recover, driven as a user would. */
const temp = useTempDirs();
const NEW = 'a brand new passphrase for the vault';

async function newVault() {
  const dir = temp.path('vault');
  const { recoveryKey } = await initVaultWithCli(dir);
  return { dir, recoveryKey };
}

describe('tvault passwd', () => {
  it('changes the passphrase: the old one fails at once, the new one opens', async () => {
    const { dir } = await newVault();
    const changed = await runCliJson(['--vault', dir, 'passwd'], {
      env: { TVAULT_NEW_PASSPHRASE: NEW },
    });
    expect(changed.code).toBe(0);
    expect(changed.json).toEqual({ changed: true });
    const old = await runCli(['--vault', dir, 'list']);
    expect(old.code).toBe(3);
    expect(stderrLines(old)).toEqual([
      'tvault: Wrong passphrase: the vault could not be unlocked.',
    ]);
    const fresh = await runCliJson(['--vault', dir, 'list'], { env: { TVAULT_PASSPHRASE: NEW } });
    expect(fresh.code).toBe(0);
  });

  it('a wrong current passphrase changes nothing (exit 3)', async () => {
    const { dir } = await newVault();
    const result = await runCli(['--vault', dir, 'passwd'], {
      env: { TVAULT_PASSPHRASE: 'not the right passphrase at all', TVAULT_NEW_PASSPHRASE: NEW },
    });
    expect(result.code).toBe(3);
    expect((await runCli(['--vault', dir, 'list'])).code).toBe(0);
  });

  it('a too short new passphrase is refused (exit 2) and the old one still works', async () => {
    const { dir } = await newVault();
    const result = await runCli(['--vault', dir, 'passwd'], {
      env: { TVAULT_NEW_PASSPHRASE: 'short' },
    });
    expect(result.code).toBe(2);
    expect(stderrLines(result)).toHaveLength(1);
    expect((await runCli(['--vault', dir, 'list'])).code).toBe(0);
  });

  it('without a terminal and without TVAULT_NEW_PASSPHRASE: a one-line error, exit 2', async () => {
    const { dir } = await newVault();
    const result = await runCli(['--vault', dir, 'passwd']);
    expect(result.code).toBe(2);
    expect(stderrLines(result)).toEqual([
      'tvault: No new passphrase: set TVAULT_NEW_PASSPHRASE or run tvault in a terminal.',
    ]);
  });
});

describe('tvault recover', () => {
  it('the recovery key sets a new passphrase; the old one stops working', async () => {
    const { dir, recoveryKey } = await newVault();
    const result = await runCliJson(['--vault', dir, 'recover'], {
      env: {
        TVAULT_PASSPHRASE: undefined,
        TVAULT_RECOVERY_KEY: recoveryKey,
        TVAULT_NEW_PASSPHRASE: NEW,
      },
    });
    expect(result.code).toBe(0);
    expect(result.json).toEqual({ recovered: true, with: 'recovery key' });
    expect((await runCli(['--vault', dir, 'list'])).code).toBe(3);
    expect((await runCli(['--vault', dir, 'list'], { env: { TVAULT_PASSPHRASE: NEW } })).code).toBe(
      0,
    );
  });

  it('the recovery key still works after recover (it is not consumed)', async () => {
    const { dir, recoveryKey } = await newVault();
    const env = { TVAULT_RECOVERY_KEY: recoveryKey, TVAULT_NEW_PASSPHRASE: NEW };
    expect((await runCli(['--vault', dir, 'recover'], { env })).code).toBe(0);
    expect((await runCli(['--vault', dir, 'recover'], { env })).code).toBe(0);
  });

  it('a wrong recovery key: exit 3, the passphrase unchanged', async () => {
    const { dir, recoveryKey } = await newVault();
    const typo = recoveryKey.slice(0, -1) + (recoveryKey.endsWith('A') ? 'B' : 'A');
    const result = await runCli(['--vault', dir, 'recover'], {
      env: { TVAULT_RECOVERY_KEY: typo, TVAULT_NEW_PASSPHRASE: NEW },
    });
    expect(result.code).toBe(3);
    expect(stderrLines(result)).toHaveLength(1);
    expect(
      (await runCli(['--vault', dir, 'list'], { env: { TVAULT_PASSPHRASE: TEST_PASSPHRASE } }))
        .code,
    ).toBe(0);
  });
});
