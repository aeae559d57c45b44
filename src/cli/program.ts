import { Command, CommanderError } from 'commander';
import { VaultError, toSerializedError } from '../shared/errors';
import { fileSystemError } from '../core/fs/errors';
import { registerRecordCommands } from './commands/records';
import { registerAttachmentCommands } from './commands/attachments';
import { registerOcrCommand } from './commands/ocr';
import { registerMetadataCommand } from './commands/metadata';
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
import { registerTeamCommands } from './commands/team';
import { registerVocabularyCommands } from './commands/vocabulary';

/** Codes that mean "the request was wrong": exit 2 with the usage errors. */
const BAD_INPUT = new Set([
  'FILE.EXISTS',
  'IMPORT.INVALID_FILE',
  'IMPORT.INVALID_MAPPING',
  'VAULT.ALREADY_EXISTS',
  'PARTNER.EXISTS',
  'TEAM.EXISTS',
  'IDENTITY.INVALID',
  'BACKUP.INVALID',
  'OCR.FAILED',
  'VOCABULARY.INVALID',
]);

/**
 * Exit codes by error family, so scripts can react without parsing messages (the README lists
 * them): 2 bad input, 3 wrong passphrase or recovery key, 4 not found (a missing file too),
 * 5 in use, 6 integrity, 7 the file system refused (permission, read-only, disk full), 1 other.
 */
export function exitCodeFor(error: { code: string; details?: Record<string, unknown> }): number {
  const { code } = error;
  if (code === 'VAULT.WRONG_PASSPHRASE' || code === 'VAULT.WRONG_RECOVERY_KEY') return 3;
  if (code === 'FILE.IO') return error.details?.reason === 'ENOENT' ? 4 : 7;
  if (code === 'VAULT.NOT_FOUND' || code.endsWith('NOT_FOUND')) return 4;
  if (code === 'VOCABULARY.INVALID' && error.details?.reason === 'notFound') return 4;
  if (code === 'VAULT.IN_USE') return 5;
  if (code.startsWith('INTEGRITY') || code === 'VAULT.CORRUPT' || code.startsWith('BUNDLE'))
    return 6;
  if (code.startsWith('INPUT') || code.startsWith('LIMIT') || BAD_INPUT.has(code)) return 2;
  return 1;
}

/**
 * What the command line adds to an error of the core: the flag that gets past it. The core's
 * messages name no flags (the app shows the same errors, and has no flags).
 */
function cliHint(code: string): string {
  // Every command that can meet an existing output has --force (extract, export, custody,
  // vocabulary export, restore).
  return code === 'FILE.EXISTS' ? '; use --force to overwrite it' : '';
}

/** Commander's usage errors, as one line: "tvault: <what> (run tvault --help for usage)". */
function usageLine(message: string): string {
  const what = message
    .replace(/^error: /, '')
    .split('\n')[0]!
    .trim();
  return `tvault: ${what} (run tvault --help for usage)\n`;
}

export function buildProgram(): Command {
  const program = new Command('tvault')
    .description('Testimony Vault: an end-to-end encrypted archive of testimonies and evidence.')
    .option('--vault <dir>', 'the vault folder (default: TVAULT_DIR or the user data folder)')
    .option('--json', 'print exactly one JSON document on stdout')
    .exitOverride();
  // One line on stderr for usage errors (the README's promise); help still goes to stdout.
  const configureOutput = (command: Command) =>
    command.configureOutput({ outputError: (text, write) => write(usageLine(text)) });
  configureOutput(program);
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
  registerOcrCommand(program);
  registerMetadataCommand(program);
  registerSharingCommands(program);
  registerSearchCommands(program);
  registerKeyCommands(program);
  registerCustodyCommands(program);
  registerVerifyCommand(program);
  registerCustodyReportCommand(program);
  registerBackupCommands(program);
  registerTeamCommands(program);
  registerVocabularyCommands(program);
  const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
  for (const command of all(program)) configureOutput(command.exitOverride());
  return program;
}

/**
 * Runs one command line (process.argv form) and returns the exit code. `program` is for tests
 * that parse arguments without running the commands' actions.
 */
export async function run(argv: string[], program: Command = buildProgram()): Promise<number> {
  const json = argv.includes('--json');
  const stderr = holdUsageOutput(program);
  try {
    await program.parseAsync(argv);
    // A command that printed its result may still fail the run (verify finding problems: 6).
    return exitStatus.code;
  } catch (thrown) {
    // File-system errors name their file: shown as FILE.IO rather than "internal error".
    const error = fileSystemError(thrown) ?? thrown;
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander (stderr).
      if (error.exitCode === 0) return 0;
      // A group run without its command (`tvault`, `tvault partner`): commander prints the
      // whole help on stderr; a usage error is one line (README).
      const what =
        error.code === 'commander.help'
          ? stderr.replaceHelp()
          : error.message.replace(/^error: /, '');
      // --json promises one JSON document on stdout, for usage errors too.
      if (json) {
        const usage = { code: 'INPUT.INVALID', message: what };
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
        ? error.message + cliHint(error.code)
        : 'internal error (set TVAULT_DEBUG=1 for details)';
    process.stderr.write(`tvault: ${message}\n`);
    if (json)
      process.stdout.write(`${JSON.stringify({ error: { code: serialized.code, message } })}\n`);
    return exitCodeFor(serialized);
  } finally {
    stderr.flush();
  }
}

/**
 * Holds what commander writes to stderr during a run (usage errors, or a help page when a
 * command is missing), so that a help page can be replaced by one line before it is written.
 */
function holdUsageOutput(program: Command): { replaceHelp(): string; flush(): void } {
  let held: string[] = [];
  const commands = (command: Command): Command[] => [
    command,
    ...command.commands.flatMap(commands),
  ];
  const write = program.configureOutput().writeErr ?? ((s: string) => process.stderr.write(s));
  for (const command of commands(program))
    command.configureOutput({ writeErr: (s) => held.push(s) });
  return {
    replaceHelp() {
      const group = /^Usage: (tvault(?: [a-z][\w-]*)*)/.exec(held.join(''))?.[1] ?? 'tvault';
      const what =
        group === 'tvault' ? 'a command is missing' : `a command is missing after ${group}`;
      held = [`tvault: ${what} (run ${group} --help for usage)\n`];
      return what;
    },
    flush() {
      for (const text of held.splice(0)) write(text);
    },
  };
}
