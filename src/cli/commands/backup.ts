import type { Command } from 'commander';
import { InvalidInputError } from '../../shared/errors';
import { backupVault } from '../../core/backup/backup';
import { restoreVault } from '../../core/backup/restore';
import { globalOptions, output, readPassphrase, vaultDir, withVault } from '../context';
import { endProgress, terminalProgress } from '../progress';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('copy the vault (encrypted, consistent) into a folder; incremental; verified')
    .requiredOption(
      '--out <dir>',
      'the backup folder (new, empty, or an earlier backup of this vault)',
    )
    .action(async (opts: { out: string }, command: Command) => {
      const options = globalOptions(command);
      const show = terminalProgress();
      const report = await withVault(
        options,
        (vault) => backupVault(vault, opts.out, show ? { onProgress: show } : {}),
        'metadata',
      );
      endProgress();
      output(options).result(report, () =>
        [
          `Backup in ${report.path}: ${report.blobsCopied} file(s) copied, ${report.blobsKept} unchanged, ${report.blobsRemoved} removed.`,
          'It opens with the passphrase (or recovery key) the vault has now.',
        ].join('\n'),
      );
    });

  program
    .command('restore')
    .description(
      'restore a backup into the --vault folder (refuses to replace a vault without --force)',
    )
    .argument('<backup>', 'the backup folder')
    .option('--force', 'replace the vault that is already there')
    .action(async (backup: string, opts: { force?: boolean }, command: Command) => {
      const options = globalOptions(command);
      if (!options.vault && !process.env.TVAULT_DIR)
        throw new InvalidInputError('restore needs --vault DIR (where to restore).');
      const target = vaultDir(options);
      const recoveryKey = process.env.TVAULT_RECOVERY_KEY;
      const credentials =
        recoveryKey !== undefined && recoveryKey !== ''
          ? { recoveryKey }
          : { passphrase: await readPassphrase('Passphrase of the backup: ') };
      const report = await restoreVault(backup, target, credentials, {
        force: opts.force === true,
      });
      output(options).result(
        {
          vault: report.vault,
          madeAt: report.madeAt,
          verified: report.verify.ok,
          checked: report.verify.checked,
        },
        () => `Restored the backup made ${report.madeAt} into ${report.vault}; it verifies.`,
      );
    });
}
