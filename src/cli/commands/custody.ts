import type { Command } from 'commander';
import type { CustodyEntry } from '../../shared/custody/types';
import { globalOptions, output, withVault } from '../context';
import { safeInline } from '../format';
import { verifyVault } from '../../core/verify/verify-vault';
import { makeCustodyReport, verifyCustodyReport } from '../../core/custody/report';
import { custodyReportHtml } from '../../core/custody/report-html';
import { existsSync } from 'node:fs';
import { writeFilesTogether } from '../../core/fs/write-together';
import { FileExistsError, InvalidInputError } from '../../shared/errors';
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
      const entries = await withVault(
        options,
        (vault) => {
          if (opts.record === undefined) return [...vault.custody.entries()];
          // A deleted record's id cannot be resolved by prefix any more: take full ids as given.
          const id = /^[0-9a-f]{32}$/.test(opts.record)
            ? opts.record
            : vault.records.resolveId(opts.record);
          return [...vault.custody.entriesOf(id)];
        },
        'metadata',
      );
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
      const result = await withVault(
        options,
        (vault) =>
          verifyVault(
            vault,
            show ? { onProgress: (phase, done, total) => show(phase, done, total) } : {},
          ),
        'metadata',
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

export function registerCustodyReportCommand(program: Command): void {
  program
    .command('custody')
    .description(
      "one record's signed custody report (custody ID --out FILE [--html PAGE]), or check one (custody verify FILE)",
    )
    .argument('<id-or-verify>', 'the record id, or "verify"')
    .argument('[file]', 'with verify: the report to check (its signature is FILE.sig)')
    .option('--out <file>', 'the JSON report; its detached signature goes to FILE.sig')
    .option('--html <page>', 'also a printable HTML page')
    .option('--force', 'replace existing files')
    .action(
      async (
        first: string,
        file: string | undefined,
        opts: { out?: string; html?: string; force?: boolean },
        command: Command,
      ) => {
        const options = globalOptions(command);
        const out = output(options);
        if (first === 'verify') {
          if (!file) throw new InvalidInputError('custody verify needs the report file.');
          const { report, fingerprint } = await verifyCustodyReport(file);
          out.result(
            { valid: true, record: report.record.id, vault: report.vault.id, fingerprint },
            () =>
              [
                `The report on record ${report.record.id} is intact and signed by the vault with fingerprint`,
                `    ${fingerprint}`,
                'Compare this fingerprint with the one you know for that organisation.',
              ].join('\n'),
          );
          return;
        }
        if (!opts.out) throw new InvalidInputError('custody needs --out FILE.');
        const force = opts.force === true;
        for (const path of [opts.out, `${opts.out}.sig`, ...(opts.html ? [opts.html] : [])])
          if (!force && existsSync(path)) throw new FileExistsError(path);
        const made = await withVault(options, (vault) =>
          makeCustodyReport(vault, vault.records.resolveId(first)),
        );
        // The report, its signature and the page land together or not at all (a full disk).
        await writeFilesTogether(
          [
            { path: opts.out, data: made.json },
            { path: `${opts.out}.sig`, data: made.signature },
            ...(opts.html ? [{ path: opts.html, data: custodyReportHtml(made.report) }] : []),
          ],
          force,
        );
        out.result(
          {
            report: opts.out,
            signature: `${opts.out}.sig`,
            ...(opts.html ? { html: opts.html } : {}),
            entries: made.report.entries.length,
          },
          () =>
            `Wrote ${opts.out} and its signature ${opts.out}.sig${opts.html ? ` and ${opts.html}` : ''}.`,
        );
      },
    );
}
