import { type Command, Option } from 'commander';
import { foldedNames, hasConcept } from '../../shared/vocabulary/match';
import { readFileSync } from 'node:fs';
import { InvalidInputError, VaultExistsError } from '../../shared/errors';
import { CONSENT_SCOPES, CONSENT_STATUSES } from '../../shared/records/types';
import type { FieldsPatch } from '../../shared/records/validate';
import { recordToJson } from '../../core/records/codec';
import { Vault } from '../../core/vault/vault';
import { globalOptions, kdfOption, output, readPassphrase, vaultDir, withVault } from '../context';
import { confirm } from '../prompt';
import { importProgress } from '../import-progress';
import { endProgress } from '../progress';
import { formatSourceImport } from '../format-import';
import { SOURCE_KINDS, type SourceKind } from '../../core/import/types';
import { formatRecord, formatSummaryLine, safeInline } from '../format';
import { argvWarning, mergePatches, patchFromJson } from '../record-input';

interface RecordOptions {
  title?: string;
  body?: string;
  bodyFile?: string;
  lang?: string;
  narrator?: string;
  tag?: string[];
  place?: string;
  date?: string;
  consent?: string;
  scope?: string;
  consentDate?: string;
  consentNote?: string;
  warning?: string;
  notes?: string;
  identifying?: string[];
  fromJson?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

function recordOptions(command: Command): Command {
  return command
    .option(
      '--from-json <file>',
      'read the fields from a JSON object as `show --json` prints it (- for stdin); options given too override it',
    )
    .option('--title <text>', 'title of the testimony')
    .option('--body <text>', 'the testimony text')
    .option('--body-file <file>', 'read the testimony text from a UTF-8 file (- for stdin)')
    .option('--lang <bcp47>', 'language of the text, e.g. ar, es, pt-BR')
    .option('--narrator <name>', 'narrator name or pseudonym (identifying)')
    .option('--tag <tag>', 'a tag; repeat for several (on edit: replaces the tags)', collect)
    .option('--place <place>', 'where the events happened')
    .option('--date <date>', 'date of the events, YYYY-MM-DD')
    .addOption(new Option('--consent <status>', 'consent status').choices(CONSENT_STATUSES))
    .addOption(new Option('--scope <scope>', 'consent scope').choices(CONSENT_SCOPES))
    .option('--consent-date <date>', 'when consent was given or withdrawn, YYYY-MM-DD')
    .option('--consent-note <text>', 'a note about consent')
    .option('--warning <text>', 'content warning shown before the text')
    .option('--notes <text>', 'free notes')
    .option(
      '--identifying <text>',
      'a passage that identifies someone; repeat for several',
      collect,
    );
}

function readBody(options: RecordOptions): string | undefined {
  if (options.body !== undefined && options.bodyFile !== undefined) {
    throw new InvalidInputError('Give either --body or --body-file, not both.');
  }
  if (options.bodyFile === undefined) return options.body;
  let bytes: Buffer;
  try {
    bytes = readFileSync(options.bodyFile === '-' ? 0 : options.bodyFile);
  } catch {
    throw new InvalidInputError(`Cannot read the body file ${options.bodyFile}.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InvalidInputError(`The body file ${options.bodyFile} is not valid UTF-8 text.`);
  }
}

/** The fields a command was given: from --from-json, then the options over them. */
function patchFrom(options: RecordOptions): FieldsPatch {
  if (options.fromJson === '-' && options.bodyFile === '-') {
    throw new InvalidInputError('Only one of --from-json and --body-file can read stdin.');
  }
  const fromArgs = patchFromOptions(options);
  return options.fromJson === undefined
    ? fromArgs
    : mergePatches(patchFromJson(options.fromJson), fromArgs);
}

/**
 * One line on stderr when sensitive text came from the arguments, which every local user can
 * read. Printed once the command succeeded: a failure stays one line (the error).
 */
function warnOfArguments(options: RecordOptions): void {
  const warning = argvWarning(options as Record<string, unknown>);
  if (warning) process.stderr.write(`${warning}\n`);
}

function patchFromOptions(options: RecordOptions): FieldsPatch {
  const patch: FieldsPatch = {};
  const body = readBody(options);
  if (options.title !== undefined) patch.title = options.title;
  if (body !== undefined) patch.body = body;
  if (options.lang !== undefined) patch.lang = options.lang;
  if (options.narrator !== undefined) patch.narrator = options.narrator;
  if (options.tag !== undefined) patch.tags = options.tag;
  if (options.place !== undefined) patch.place = options.place;
  if (options.date !== undefined) patch.date = options.date === '' ? null : options.date;
  if (options.warning !== undefined) patch.warning = options.warning;
  if (options.notes !== undefined) patch.notes = options.notes;
  if (options.identifying !== undefined) patch.identifying = options.identifying;
  const consent: NonNullable<FieldsPatch['consent']> = {};
  if (options.consent !== undefined)
    consent.status = options.consent as (typeof CONSENT_STATUSES)[number];
  if (options.scope !== undefined) consent.scope = options.scope as (typeof CONSENT_SCOPES)[number];
  if (options.consentDate !== undefined)
    consent.date = options.consentDate === '' ? null : options.consentDate;
  if (options.consentNote !== undefined) consent.note = options.consentNote;
  if (Object.keys(consent).length > 0) patch.consent = consent;
  return patch;
}

export function registerRecordCommands(program: Command): void {
  program
    .command('init')
    .description('create a vault; prints the recovery key once')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const out = output(options);
      const dir = vaultDir(options);
      if (Vault.exists(dir)) throw new VaultExistsError(dir);
      const passphrase = await readPassphrase('New passphrase: ');
      if (!process.env.TVAULT_PASSPHRASE && process.stdin.isTTY) {
        const again = await readPassphrase('Repeat the passphrase: ');
        if (again !== passphrase)
          throw new InvalidInputError('The two passphrases differ; nothing was created.');
      }
      const kdf = kdfOption();
      const { vault, recoveryKey } = await Vault.create(dir, passphrase, kdf ? { kdf } : {});
      vault.close();
      out.result({ vault: dir, recoveryKey }, () =>
        [
          `Created a vault in ${dir}`,
          '',
          'Recovery key (shown only this once):',
          '',
          `    ${recoveryKey}`,
          '',
          'Write it on paper and keep it offline, away from this computer. It unlocks the vault',
          'if the passphrase is lost; anyone who has it and the vault can read everything.',
        ].join('\n'),
      );
    });

  recordOptions(
    program.command('add').description("add a testimony; prints the new record's id"),
  ).action(async (opts: RecordOptions, command: Command) => {
    const options = globalOptions(command);
    const patch = patchFrom(opts);
    if (patch.title === undefined)
      throw new InvalidInputError('add needs --title (or a title in --from-json).');
    const record = await withVault(options, (vault) => vault.addRecord(patch));
    warnOfArguments(opts);
    output(options).result({ id: record.id }, () => record.id);
  });

  program
    .command('list')
    .description('one line per record (id, date, title)')
    .option(
      '--concept <id|name>',
      'only records with a tag that is a name of this vocabulary concept (any language); repeat for several',
      collect,
    )
    .action(async (opts: { concept?: string[] }, command: Command) => {
      const options = globalOptions(command);
      const summaries = await withVault(options, (vault) => {
        const all = vault.records.list();
        if (!opts.concept) return all;
        const wanted = opts.concept.map((c) => foldedNames(vault.vocabulary.find(c)));
        return all.filter((s) => wanted.every((names) => hasConcept(s.tags, names)));
      });
      output(options).result(
        {
          records: summaries.map((s) => ({
            id: s.id,
            title: s.title,
            date: s.date,
            lang: s.lang,
            tags: s.tags,
            updatedAt: s.updatedAt,
            consent: s.consent,
            attachments: s.attachmentCount,
          })),
        },
        () => summaries.map(formatSummaryLine).join('\n') || '(no records)',
      );
    });

  program
    .command('show')
    .description('the whole record')
    .argument('<id>', 'record id (or a unique prefix of at least 6 characters)')
    .option('--revision <n>', 'show an earlier revision', (v) => Number.parseInt(v, 10))
    .action(async (id: string, opts: { revision?: number }, command: Command) => {
      const options = globalOptions(command);
      const record = await withVault(options, (vault) =>
        vault.openRecord(vault.records.resolveId(id), opts.revision),
      );
      output(options).result(recordToJson(record), () => formatRecord(record));
    });

  recordOptions(
    program
      .command('edit')
      .description('change a record; creates a new revision')
      .argument('<id>', 'record id (or a unique prefix)'),
  ).action(async (id: string, opts: RecordOptions, command: Command) => {
    const options = globalOptions(command);
    const patch = patchFrom(opts);
    if (Object.keys(patch).length === 0)
      throw new InvalidInputError('edit needs at least one field option (or --from-json).');
    const record = await withVault(options, (vault) =>
      vault.updateRecord(vault.records.resolveId(id), patch),
    );
    warnOfArguments(opts);
    output(options).result(
      { id: record.id, revision: record.revision },
      () => `${record.id} revision ${record.revision}`,
    );
  });

  program
    .command('history')
    .description('the revisions of a record')
    .argument('<id>', 'record id (or a unique prefix)')
    .action(async (id: string, _opts, command: Command) => {
      const options = globalOptions(command);
      const revisions = await withVault(options, (vault) =>
        vault.records.history(vault.records.resolveId(id)),
      );
      output(options).result({ revisions }, () =>
        revisions
          .map((r) => `${String(r.revision).padStart(3)}  ${r.updatedAt}  ${safeInline(r.title)}`)
          .join('\n'),
      );
    });

  program
    .command('restore-revision')
    .description('make an old revision current again (a new revision equal to it)')
    .argument('<id>', 'record id (or a unique prefix)')
    .requiredOption('--revision <n>', 'the revision to restore', (v) => Number(v))
    .action(async (id: string, opts: { revision: number }, command: Command) => {
      const options = globalOptions(command);
      const record = await withVault(options, (vault) =>
        vault.restoreRevision(vault.records.resolveId(id), opts.revision),
      );
      output(options).result(
        { id: record.id, revision: record.revision, restoredFrom: opts.revision },
        () => `${record.id} revision ${record.revision} (restored from ${opts.revision})`,
      );
    });

  program
    .command('delete')
    .description(
      'delete a record and its attachments for good (asks for confirmation unless --yes)',
    )
    .argument('<id>', 'record id (or a unique prefix)')
    .option('--yes', 'do not ask for confirmation')
    .action(async (id: string, opts: { yes?: boolean }, command: Command) => {
      const options = globalOptions(command);
      const deleted = await withVault(options, async (vault) => {
        const fullId = vault.records.resolveId(id);
        if (!opts.yes) {
          const ok = await confirm(
            `Delete record ${fullId} and its attachments for good? This cannot be undone. Type "delete" to confirm: `,
            'delete',
          );
          if (!ok)
            throw new InvalidInputError('Not deleted: confirm at the prompt, or pass --yes.');
        }
        vault.deleteRecord(fullId);
        return fullId;
      });
      output(options).result({ deleted }, () => `Deleted ${deleted}`);
    });

  program
    .command('import')
    .description(
      'import testimonies: .jsonl or .csv in the testimony format, or an export of Martus (XML), Uwazi (CSV) or KoboToolbox (CSV, XLSX)',
    )
    .argument('<file>', 'the file to import')
    .addOption(
      new Option(
        '--from <tool>',
        'the tool that made the file (default: from its extension)',
      ).choices([...SOURCE_KINDS]),
    )
    .option('--map <mapping.json>', 'which source field becomes which testimony field')
    .option('--files <dir>', 'the folder holding the attachments the export names')
    .option('--dry-run', 'print what would be imported, rejected and left unmapped; write nothing')
    .action(
      async (
        file: string,
        opts: { from?: SourceKind; map?: string; files?: string; dryRun?: boolean },
        command: Command,
      ) => {
        const options = globalOptions(command);
        const progress = importProgress();
        // A dry run shows only what the file holds and must leave the vault's bytes as they
        // were: its unlock writes no custody entry (it changes nothing to account for).
        const access = opts.dryRun === true ? 'metadata' : 'content';
        const report = await withVault(
          options,
          (vault) =>
            vault.importSource({
              path: file,
              ...(opts.from ? { from: opts.from } : {}),
              ...(opts.map ? { mappingPath: opts.map } : {}),
              ...(opts.files ? { filesDir: opts.files } : {}),
              dryRun: opts.dryRun === true,
              ...(progress ? { onProgress: progress } : {}),
            }),
          access,
        );
        if (progress) endProgress();
        const {
          ids: _ids,
          preview: _preview,
          sourceFields: _fields,
          mapping: _map,
          ...summary
        } = report;
        output(options).result({ imported: report.created, ...summary }, () =>
          formatSourceImport(report),
        );
      },
    );
}
