import type { Command } from 'commander';
import type { CustodyEntry } from '../../shared/custody/types';
import { globalOptions, output, withVault } from '../context';
import { safeInline } from '../format';

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
