import type { Command } from 'commander';
import { InvalidInputError, VaultNotFoundError } from '../../shared/errors';
import { Vault } from '../../core/vault/vault';
import { globalOptions, kdfOption, output, readPassphrase, vaultDir } from '../context';
import { promptSecret } from '../prompt';

/**
 * The new passphrase: TVAULT_NEW_PASSPHRASE, else asked twice on the terminal. Asked before the
 * vault is touched, so a mismatch changes nothing.
 */
async function readNewPassphrase(): Promise<string> {
  const fromEnv = process.env.TVAULT_NEW_PASSPHRASE;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY)
    throw new InvalidInputError(
      'No new passphrase: set TVAULT_NEW_PASSPHRASE or run tvault in a terminal.',
    );
  const first = await promptSecret('New passphrase: ');
  const again = await promptSecret('Repeat the new passphrase: ');
  if (first !== again)
    throw new InvalidInputError('The two new passphrases differ; nothing was changed.');
  return first;
}

async function readRecoveryKey(): Promise<string> {
  const fromEnv = process.env.TVAULT_RECOVERY_KEY;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  try {
    return await promptSecret('Recovery key: ');
  } catch {
    throw new InvalidInputError(
      'No recovery key: set TVAULT_RECOVERY_KEY or run tvault in a terminal.',
    );
  }
}

/** Opens the vault with `credentials`, sets the new passphrase, locks. */
async function setPassphrase(
  dir: string,
  credentials: Parameters<typeof Vault.open>[1],
  next: string,
): Promise<void> {
  const vault = await Vault.open(dir, credentials);
  try {
    const kdf = kdfOption();
    await vault.changePassphrase(next, kdf ?? undefined);
  } finally {
    vault.close();
  }
}

export function registerKeyCommands(program: Command): void {
  program
    .command('passwd')
    .description('change the passphrase (TVAULT_NEW_PASSPHRASE, else asked twice)')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const dir = vaultDir(options);
      if (!Vault.exists(dir)) throw new VaultNotFoundError(dir);
      const current = await readPassphrase('Current passphrase: ');
      const next = await readNewPassphrase();
      await setPassphrase(dir, { passphrase: current }, next);
      output(options).result({ changed: true }, () => 'Passphrase changed.');
    });

  program
    .command('recover')
    .description('unlock with the recovery key and set a new passphrase')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const dir = vaultDir(options);
      if (!Vault.exists(dir)) throw new VaultNotFoundError(dir);
      const recoveryKey = await readRecoveryKey();
      const next = await readNewPassphrase();
      await setPassphrase(dir, { recoveryKey }, next);
      output(options).result(
        { recovered: true },
        () => 'Vault recovered: the new passphrase is set.',
      );
    });
}
