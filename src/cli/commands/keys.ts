import type { Command } from 'commander';
import { InvalidInputError, VaultNotFoundError } from '../../shared/errors';
import { commandVolume } from '../../core/custody/volume';
import { Vault } from '../../core/vault/vault';
import { globalOptions, kdfOption, output, readPassphrase, vaultDir, withVault } from '../context';
import { promptSecret } from '../prompt';
import { crashProbe } from '../crash-probe';

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
  // passwd and recover write their own entries (passphrase.changed, recovery.used).
  const vault = await Vault.open(dir, credentials, { custodyVolume: commandVolume('metadata') });
  try {
    crashProbe();
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
    .description(
      'unlock with the recovery key, or with shares (--share, TVAULT_RECOVERY_SHARES), and set a new passphrase',
    )
    .option('--share <text>', 'a recovery share; repeat for each (any threshold of them)', collect)
    .action(async (opts: { share?: string[] }, command: Command) => {
      const options = globalOptions(command);
      const dir = vaultDir(options);
      if (!Vault.exists(dir)) throw new VaultNotFoundError(dir);
      const shares = sharesGiven(opts.share);
      const credentials = shares ? { shares } : { recoveryKey: await readRecoveryKey() };
      const next = await readNewPassphrase();
      await setPassphrase(dir, credentials, next);
      output(options).result(
        { recovered: true, with: shares ? 'shares' : 'recovery key' },
        () => 'Vault recovered: the new passphrase is set.',
      );
    });

  const recovery = program.command('recovery').description('the ways back into the vault');
  recovery
    .command('split')
    .description('split a fresh recovery secret into shares; earlier shares stop working')
    .requiredOption('--shares <n>', 'how many shares (one per trusted person)', Number)
    .requiredOption('--threshold <k>', 'how many of them unlock the vault', Number)
    .action(async (opts: { shares: number; threshold: number }, command: Command) => {
      const options = globalOptions(command);
      const { shares, split } = await withVault(
        options,
        async (vault) => ({
          shares: await vault.splitRecovery(opts.shares, opts.threshold),
          split: vault.recoveryShares!,
        }),
        'metadata',
      );
      output(options).result(
        {
          split: split.splitId,
          threshold: split.threshold,
          count: split.count,
          shares: shares.map((share, i) => ({ number: i + 1, share })),
        },
        () =>
          [
            `${split.count} shares; any ${split.threshold} of them unlock the vault. Earlier shares no longer work.`,
            'Give each share to one trusted person, on paper, once. Each ends with its own checksum.',
            '',
            ...shares.flatMap((share, i) => [
              `Share ${i + 1} of ${split.count} (split ${split.splitId}):`,
              `    ${share}`,
              '',
            ]),
          ].join('\n'),
      );
    });

  recovery
    .command('new-key')
    .description('make a new recovery key (shown once); the previous one stops working')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const recoveryKey = await withVault(
        options,
        (vault) => vault.rotateRecoveryKey(),
        'metadata',
      );
      output(options).result({ recoveryKey }, () =>
        [
          'New recovery key (shown only this once; the previous one no longer works):',
          '',
          `    ${recoveryKey}`,
        ].join('\n'),
      );
    });
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Shares from --share options, else TVAULT_RECOVERY_SHARES (one per line); null if none. */
function sharesGiven(fromOptions: string[] | undefined): string[] | null {
  if (fromOptions && fromOptions.length > 0) return fromOptions;
  const fromEnv = process.env.TVAULT_RECOVERY_SHARES;
  if (fromEnv === undefined || fromEnv.trim() === '') return null;
  return fromEnv
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
