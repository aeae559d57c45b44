import type { Command } from 'commander';
import type { CustodyEntry } from '../../shared/custody/types';
import { globalOptions, output, withVault } from '../context';
import { safeInline } from '../format';
import { verifyVault } from '../../core/verify/verify-vault';
import { endProgress, exitStatus, terminalProgress } from '../progress';

function formatDetail(detail: CustodyEntry['detail']): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(',') : String(value)}`)
    .join(' ');
}

export function formatEntry(entry: CustodyEntry): string {
  const ids = [
    entry.record ? `record=${entry.record}` : '',
    entry.attachment ? `attachment=${entry.attachment}` : '',
  ].filter(Boolean);
  // Details hold ids, hashes and partner names; a partner name is user text: escaped.
  return safeInline(
    [
      String(entry.seq).padStart(6),
      entry.at,
      entry.action.padEnd(20),
      ...ids,
      formatDetail(entry.detail),
    ]
      .filter(Boolean)
      .join('  '),
  );
}

export function registerCustodyCommands(program: Command): void {
  program
    .command('log')
    .description('the custody log: every action on the vault, oldest first')
    .option('--record <id>', 'only the entries about this record')
    .action(async (opts: { record?: string }, command: Command) => {
      const options = globalOptions(command);
      const entries = await withVault(options, (vault) => {
        if (opts.record === undefined) return [...vault.custody.entries()];
        // A deleted record's id cannot be resolved by prefix any more: take full ids as given.
        const id = /^[0-9a-f]{32}$/.test(opts.record)
          ? opts.record
          : vault.records.resolveId(opts.record);
        return [...vault.custody.entriesOf(id)];
      });
      output(options).result({ entries }, () => entries.map(formatEntry).join('\n'));
    });
}

/** Exit code of `tvault verify` when it finds any problem (the integrity family). */
export const VERIFY_FAILED_EXIT = 6;

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'check every record, file, the custody log and the search index; exit 6 on problems',
    )
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const show = terminalProgress();
      const result = await withVault(options, (vault) =>
        verifyVault(
          vault,
          show ? { onProgress: (phase, done, total) => show(phase, done, total) } : {},
        ),
      );
      endProgress();
      if (!result.ok) exitStatus.code = VERIFY_FAILED_EXIT;
      const { records, revisions, attachments, logEntries } = result.checked;
      output(options).result(result, () =>
        [
          `Checked ${records} record(s), ${revisions} revision(s), ${attachments} attachment(s), ${logEntries} log entries.`,
          ...(result.ok
            ? ['No problems found.']
            : [
                `${result.problems.length} problem(s):`,
                ...result.problems.map((p) => `  ${p.kind}  ${p.id}  ${safeInline(p.detail)}`),
              ]),
        ].join('\n'),
      );
    });
}
