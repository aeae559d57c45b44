import type { Command } from 'commander';
import { InvalidInputError } from '../../shared/errors';
import {
  type SentFileReport,
  describeRefusals,
  exportBundle,
  previewExport,
} from '../../core/bundles/export';
import { type InspectReport, inspectBundle } from '../../core/bundles/inspect';
import { receiveBundle } from '../../core/bundles/receive';
import type { Partner } from '../../core/partners/partner-store';
import { Vault } from '../../core/vault/vault';
import { globalOptions, output, vaultDir, withVault } from '../context';
import { safeInline } from '../format';
import { confirm } from '../prompt';

/**
 * Sharing with trusted partners (issue 5): the vault's identity, the partner list, and signed,
 * encrypted bundles (docs/bundle-format.md). Every command is a thin adapter over src/core.
 */

const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

function partnerLine(p: Partner): string {
  return `${safeInline(p.name).padEnd(24)}  ${p.fingerprint}  ${p.verified ? 'verified' : 'NOT VERIFIED'}`;
}

/** Shows progress on a terminal only; pipes and --json stay clean. */
function progress(label: string): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = -1;
  return (done, total) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (percent === last) return;
    last = percent;
    process.stderr.write(`\r${label} ${percent}%${percent === 100 ? '\n' : ''}`);
  };
}

function registerIdentity(program: Command): void {
  program
    .command('identity')
    .description("this vault's public identity, to give to partners, and its fingerprint")
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const { identity, fingerprint } = await withVault(
        options,
        (vault) => ({
          identity: vault.identity.identityString(),
          fingerprint: vault.identity.fingerprint(),
        }),
        'metadata',
      );
      output(options).result({ identity, fingerprint }, () =>
        [
          'Identity (public: give it to your partners, by any channel):',
          '',
          `  ${identity}`,
          '',
          'Fingerprint (compare it with each partner by phone or in person):',
          '',
          `  ${fingerprint}`,
        ].join('\n'),
      );
    });
}

function registerPartner(program: Command): void {
  const partner = program
    .command('partner')
    .description('trusted partners: add, list, verify, remove');

  partner
    .command('add')
    .description('add a partner from the identity string they gave you')
    .argument('<name>', 'a name for this partner (no commas)')
    .argument('<identity>', 'their identity, as printed by `tvault identity`')
    .action(async (name: string, identity: string, _opts, command: Command) => {
      const options = globalOptions(command);
      const added = await withVault(
        options,
        (vault) => vault.partners.add(name, identity),
        'metadata',
      );
      output(options).result(
        { name: added.name, fingerprint: added.fingerprint, verified: added.verified },
        () =>
          [
            `Added partner ${safeInline(added.name)}.`,
            `Fingerprint: ${added.fingerprint}`,
            'Compare it with the one they see in `tvault identity` (by phone or in person), then run',
            `  tvault partner verify "${safeInline(added.name)}"`,
          ].join('\n'),
      );
    });

  partner
    .command('list')
    .description('all partners, with fingerprints')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const partners = await withVault(options, (vault) => vault.partners.list(), 'metadata');
      output(options).result(
        {
          partners: partners.map((p) => ({
            name: p.name,
            fingerprint: p.fingerprint,
            verified: p.verified,
            addedAt: p.addedAt,
            verifiedAt: p.verifiedAt,
          })),
        },
        () => partners.map(partnerLine).join('\n') || '(no partners)',
      );
    });

  partner
    .command('show')
    .description("a partner's identity and fingerprint")
    .argument('<name>', 'partner name')
    .action(async (name: string, _opts, command: Command) => {
      const options = globalOptions(command);
      const p = await withVault(options, (vault) => vault.partners.get(name), 'metadata');
      output(options).result(
        { name: p.name, identity: p.identity, fingerprint: p.fingerprint, verified: p.verified },
        () =>
          [
            `name:        ${safeInline(p.name)}`,
            `fingerprint: ${p.fingerprint}`,
            `verified:    ${p.verified ? `yes (${p.verifiedAt})` : 'no'}`,
            `identity:    ${p.identity}`,
          ].join('\n'),
      );
    });

  partner
    .command('verify')
    .description('mark a partner verified after comparing fingerprints out of band')
    .argument('<name>', 'partner name')
    .option('--yes', 'the fingerprints were compared and match; do not ask')
    .action(async (name: string, opts: { yes?: boolean }, command: Command) => {
      const options = globalOptions(command);
      const verified = await withVault(
        options,
        async (vault) => {
          const p = vault.partners.get(name);
          if (!opts.yes) {
            const ok = await confirm(
              `Fingerprint of ${safeInline(p.name)}:\n\n  ${p.fingerprint}\n\nDoes ${safeInline(p.name)} read you exactly these digits? Type "yes" to mark verified: `,
              'yes',
            );
            if (!ok) {
              throw new InvalidInputError(
                `Not verified. Compare the fingerprint ${p.fingerprint} with ${p.name}, then confirm at the prompt or pass --yes.`,
              );
            }
          }
          return vault.partners.verify(p.name);
        },
        'metadata',
      );
      output(options).result(
        { name: verified.name, fingerprint: verified.fingerprint, verified: verified.verified },
        () => `${safeInline(verified.name)} is verified.`,
      );
    });

  partner
    .command('remove')
    .description('forget a partner (records received from them stay)')
    .argument('<name>', 'partner name')
    .action(async (name: string, _opts, command: Command) => {
      const options = globalOptions(command);
      const removed = await withVault(options, (vault) => vault.partners.remove(name), 'metadata');
      output(options).result(
        { removed: removed.name },
        () => `Removed ${safeInline(removed.name)}.`,
      );
    });
}

interface ExportCliOptions {
  to: string[];
  ids?: string[];
  query?: string;
  all?: boolean;
  out: string;
  includeIdentities?: boolean;
  withHistory?: boolean;
  leaveOut?: string[];
  keepMetadata?: boolean;
  yes?: boolean;
  force?: boolean;
}

function registerExport(program: Command): void {
  program
    .command('export')
    .description('write a signed, encrypted bundle of records for partners')
    .requiredOption('--to <names>', 'partner name(s), separated by commas', list)
    .option('--ids <ids>', 'record ids (or unique prefixes), separated by commas', list)
    .option('--query <query>', 'the records a search finds')
    .option('--all', 'every record (consent rules still apply)')
    .requiredOption('--out <file>', 'the bundle file to write')
    .option('--include-identities', 'keep narrators and identifying passages (default: redacted)')
    .option('--with-history', 'send every revision, not only the latest')
    .option('--leave-out <ids>', 'attachment ids not to send, separated by commas', list)
    .option(
      '--keep-metadata',
      'send the original files with their metadata (GPS, device, author); default: cleaned copies',
    )
    .option(
      '--yes',
      'confirm: go on without the records refused by consent, or to unverified partners',
    )
    .option('--force', 'overwrite the output file if it exists')
    .action(async (opts: ExportCliOptions, command: Command) => {
      const options = globalOptions(command);
      const chosen = [opts.ids !== undefined, opts.query !== undefined, opts.all === true];
      if (chosen.filter(Boolean).length !== 1) {
        throw new InvalidInputError(
          'Choose the records with exactly one of --ids, --query or --all.',
        );
      }
      const request = {
        to: opts.to,
        ...(opts.ids !== undefined ? { ids: opts.ids } : {}),
        ...(opts.query !== undefined ? { query: opts.query } : {}),
        ...(opts.all ? { all: true } : {}),
        includeIdentities: opts.includeIdentities === true,
        withHistory: opts.withHistory === true,
        ...(opts.leaveOut !== undefined ? { leaveOut: opts.leaveOut } : {}),
        keepMetadata: opts.keepMetadata === true,
      };
      const out = output(options);
      const result = await withVault(options, async (vault) => {
        let confirmed = opts.yes === true;
        const preview = previewExport(vault, request);
        if (
          preview.needsConfirmation &&
          !confirmed &&
          process.stdin.isTTY &&
          preview.records.length > 0
        ) {
          const lines = [
            `${preview.records.length} record(s) and ${preview.attachments} attachment(s) would be exported.`,
          ];
          if (preview.refused.length) {
            lines.push(
              `${preview.refused.length} record(s) are refused by their consent and will not be exported:`,
            );
            lines.push(describeRefusals(preview.refused));
          }
          const unverified = preview.recipients.filter((r) => !r.verified);
          for (const r of unverified) {
            lines.push(`${r.name} is NOT VERIFIED (fingerprint ${r.fingerprint}).`);
          }
          out.info(lines.join('\n'));
          confirmed = await confirm('Export the others? Type "yes" to go on: ', 'yes');
        }
        const onProgress = progress('Writing the bundle');
        return exportBundle(vault, {
          ...request,
          out: opts.out,
          force: opts.force === true,
          confirmed,
          ...(onProgress ? { onProgress } : {}),
        });
      });
      out.result(
        {
          bundle: result.bundle,
          records: result.records,
          attachments: result.attachments,
          refused: result.refused.map((r) => ({ id: r.id, reason: r.reason })),
          files: result.files.map((f) => ({
            id: f.id,
            sending: f.sending,
            removed: f.removed,
            identifying: f.identifying,
          })),
        },
        () =>
          [
            `Wrote ${result.bundle}: ${result.records} record(s), ${result.attachments} attachment(s).`,
            ...(result.refused.length
              ? ['Not exported (consent):', describeRefusals(result.refused)]
              : []),
            ...filesText(result.files),
          ].join('\n'),
      );
    });
}

/** What happened to each file: cleaned, or sent with its metadata (a warning). */
function filesText(files: SentFileReport[]): string[] {
  if (files.length === 0) return [];
  const lines: string[] = [];
  const cleaned = files.filter((f) => f.sending === 'cleaned');
  if (cleaned.length > 0) {
    const removed = [...new Set(cleaned.flatMap((f) => f.removed))].sort();
    lines.push(
      `${cleaned.length} file(s) sent as cleaned copies${removed.length ? ` (removed: ${removed.join(', ')})` : ''}; your vault keeps the originals.`,
    );
  }
  const why = {
    kept: 'metadata kept (--keep-metadata)',
    format: 'a format that is not cleaned',
    'too-large': 'too large to clean',
  } as const;
  for (const f of files) {
    if (f.sending === 'cleaned') continue;
    const carries = f.identifying.length
      ? `; it carries ${f.identifying.join(', ')}`
      : '; any metadata it carries goes with it';
    lines.push(
      `WARNING: ${f.id} (${safeInline(f.name)}) sent as it is: ${why[f.sending]}${carries}.`,
    );
  }
  lines.push('File contents are never redacted.');
  return lines;
}

function registerReceive(program: Command): void {
  program
    .command('receive')
    .description("import a partner's bundle (everything is verified before anything is written)")
    .argument('<file>', 'the bundle')
    .option(
      '--accept-unknown-sender <fingerprint>',
      'accept a sender who is not a partner, if this is the fingerprint you compared with them',
    )
    .action(async (file: string, opts: { acceptUnknownSender?: string }, command: Command) => {
      const options = globalOptions(command);
      const verifying = progress('Verifying');
      const importing = progress('Importing');
      const result = await withVault(options, (vault) =>
        receiveBundle(vault, file, {
          ...(opts.acceptUnknownSender !== undefined
            ? { acceptUnknownSender: opts.acceptUnknownSender }
            : {}),
          ...(verifying && importing
            ? {
                onProgress: (phase, done, total) =>
                  (phase === 'verify' ? verifying : importing)(done, total),
              }
            : {}),
        }),
      );
      output(options).result(
        {
          from: result.from,
          records: result.records,
          attachments: result.attachments,
          duplicates: result.duplicates,
        },
        () =>
          result.alreadyReceived
            ? `This bundle from ${safeInline(result.from)} was received before; nothing was imported again.`
            : `Received from ${safeInline(result.from)}: ${result.records} record(s), ${result.attachments} attachment(s), ${result.duplicates} already held.`,
      );
    });
}

function inspectText(report: InspectReport): string {
  if (!report.recipient) {
    return `${report.size} bytes. This vault cannot open it: nothing else can be told.`;
  }
  return [
    `size:        ${report.size} bytes (verified: signature, every chunk and every entry)`,
    `from:        ${report.from === null ? 'NOT A PARTNER' : `${safeInline(report.from)}${report.partnerVerified ? '' : ' (not verified)'}`}`,
    `fingerprint: ${report.fingerprint}`,
    `date:        ${report.createdAt}`,
    `bundle id:   ${report.bundleId}`,
    `records:     ${report.records}${report.history ? ` (${report.revisions} revisions)` : ''}`,
    `attachments: ${report.attachments}`,
    `identities:  ${report.redacted ? 'redacted' : 'included for some records'}`,
    ...(report.alreadyReceived ? ['already received'] : []),
  ].join('\n');
}

function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('what a bundle holds, without importing it (only its size if not for this vault)')
    .argument('<file>', 'the bundle')
    .action(async (file: string, _opts, command: Command) => {
      const options = globalOptions(command);
      const report = Vault.exists(vaultDir(options))
        ? await withVault(options, (vault) => inspectBundle(vault, file))
        : await inspectBundle(null, file);
      output(options).result(report, () => inspectText(report));
    });
}

export function registerSharingCommands(program: Command): void {
  registerIdentity(program);
  registerPartner(program);
  registerExport(program);
  registerReceive(program);
  registerInspect(program);
}
