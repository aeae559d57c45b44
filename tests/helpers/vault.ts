import { afterEach } from 'vitest';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { Vault, type VaultOptions } from '../../src/core/vault/vault';
import { type TempDirs, useTempDirs } from './temp-dirs';

/** The passphrase of every test vault. Never a real one. */
export const TEST_PASSPHRASE = 'correct horse battery staple';

export interface TestVault {
  dir: string;
  vault: Vault;
  recoveryKey: string;
}

/**
 * In-process test vaults with the explicit weak test KDF (TEST_KDF), closed and removed after
 * each test:
 *
 *   const vaults = useTestVaults();
 *   const { vault, dir, recoveryKey } = await vaults.create();
 *   const again = await vaults.open(dir);   // also closed after the test
 *   await vaults.create(TEST_PASSPHRASE, { kdf: { ...TEST_KDF, opslimit: 2 } }); // other options
 */
export interface TestVaults {
  temp: TempDirs;
  create(passphrase?: string, options?: VaultOptions): Promise<TestVault>;
  open(dir: string, credentials?: Parameters<typeof Vault.open>[1]): Promise<Vault>;
  /** Registers a vault opened some other way, so that it is closed after the test. */
  track(vault: Vault): Vault;
}

export function useTestVaults(): TestVaults {
  const temp = useTempDirs();
  const open: Vault[] = [];
  // Registered after useTempDirs' hook, so it runs first (vitest runs afterEach in reverse):
  // vaults are closed before their folders are removed.
  afterEach(() => {
    for (const vault of open.splice(0)) vault.close();
  });
  const track = (vault: Vault) => {
    open.push(vault);
    return vault;
  };
  return {
    temp,
    track,
    async create(passphrase = TEST_PASSPHRASE, options: VaultOptions = {}) {
      const dir = temp.path('vault');
      const { vault, recoveryKey } = await Vault.create(dir, passphrase, {
        ...options,
        kdf: options.kdf ?? TEST_KDF,
      });
      return { dir, vault: track(vault), recoveryKey };
    },
    async open(dir, credentials = { passphrase: TEST_PASSPHRASE }) {
      return track(await Vault.open(dir, credentials, { kdf: TEST_KDF }));
    },
  };
}
