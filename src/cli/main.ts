import { Command, CommanderError } from 'commander';
import { VaultError, toSerializedError } from '../shared/errors';
import { registerRecordCommands } from './commands/records';
import { registerAttachmentCommands } from './commands/attachments';
import { registerSharingCommands } from './commands/sharing';
import { registerSearchCommands } from './commands/search';
import { registerKeyCommands } from './commands/keys';
import {
  registerCustodyCommands,
  registerCustodyReportCommand,
  registerVerifyCommand,
} from './commands/custody';
import { exitStatus } from './progress';
import { registerBackupCommands } from './commands/backup';

/** Exit codes by error family, so scripts can react without parsing messages. */
function exitCodeFor(code: string): number {
  if (code === 'VAULT.WRONG_PASSPHRASE' || code === 'VAULT.WRONG_RECOVERY_KEY') return 3;
  if (code === 'VAULT.NOT_FOUND' || code.endsWith('NOT_FOUND')) return 4;
  if (code === 'VAULT.IN_USE') return 5;
  if (code.startsWith('INTEGRITY') || code === 'VAULT.CORRUPT' || code.startsWith('BUNDLE'))
    return 6;
  if (
    code.startsWith('INPUT') ||
    code.startsWith('LIMIT') ||
    code === 'FILE.EXISTS' ||
    code === 'IMPORT.INVALID_FILE' ||
    code === 'BACKUP.INVALID'
  )
    return 2;
  return 1;
}

export function buildProgram(): Command {
  const program = new Command('tvault')
    .description('Testimony Vault: an end-to-end encrypted archive of testimonies and evidence.')
    .option('--vault <dir>', 'the vault folder (default: TVAULT_DIR or the user data folder)')
    .option('--json', 'print exactly one JSON document on stdout')
    .showHelpAfterError('(run tvault --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    `
Environment:
  TVAULT_DIR            the vault folder when --vault is not given
  TVAULT_PASSPHRASE     the passphrase (else it is asked on the terminal, without echo)
  TVAULT_RECOVERY_KEY   unlock with the recovery key instead of the passphrase
  TVAULT_NEW_PASSPHRASE the new passphrase for passwd and recover (else asked twice)
  TVAULT_RECOVERY_SHARES recovery shares for recover, one per line
  TVAULT_DEBUG=1        print stack traces of internal errors`,
  );
  registerRecordCommands(program);
  registerAttachmentCommands(program);
  registerSharingCommands(program);
  registerSearchCommands(program);
  registerKeyCommands(program);
  registerCustodyCommands(program);
  registerVerifyCommand(program);
  registerCustodyReportCommand(program);
  registerBackupCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv);
    // A command that printed its result may still fail the run (verify finding problems: 6).
    return exitStatus.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander (stderr).
      if (error.exitCode === 0) return 0;
      // --json promises one JSON document on stdout, for usage errors too.
      if (json) {
        const usage = { code: 'INPUT.INVALID', message: error.message.replace(/^error: /, '') };
        process.stdout.write(`${JSON.stringify({ error: usage })}\n`);
      }
      return 2;
    }
    const serialized = toSerializedError(error);
    if (!(error instanceof VaultError) || process.env.TVAULT_DEBUG) {
      if (process.env.TVAULT_DEBUG)
        process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    }
    const message =
      error instanceof VaultError
        ? error.message
        : 'internal error (set TVAULT_DEBUG=1 for details)';
    process.stderr.write(`tvault: ${message}\n`);
    if (json)
      process.stdout.write(`${JSON.stringify({ error: { code: serialized.code, message } })}\n`);
    return exitCodeFor(serialized.code);
  }
}

process.exitCode = await run(process.argv);
