import { existsSync, statSync } from 'node:fs';
import { CancelledError, InvalidInputError, VaultError } from '../../shared/errors';
import type { TestimonyFields } from '../../shared/records/types';
import {
  type ImportItem,
  csvRows,
  fieldsFromImported,
  jsonlLines,
  reasonOf,
} from '../records/bulk-import';
import type { RecordStore } from '../records/record-store';
import { findAttachment } from './attachment-files';
import { type MappedRecord, mapRecord } from './map-record';
import {
  type Mapping,
  defaultMapping,
  gathersRest,
  loadMapping,
  mappedSourceFields,
  resolveMapping,
  type TargetField,
} from './mapping';
import { type GivenField, changesNothing, patchOf } from './plan';
import { SeenKeys } from './seen-keys';
import { CONTENT_SOURCE, type SourceLinks } from './source-links';
import { guessSourceKind, openSource } from './sources';
import { MAX_ROW_BYTES } from './sources/csv-table';
import {
  SOURCE_KINDS,
  type SourceKind,
  type SourcePosition,
  describePosition,
  isSourceError,
} from './types';

export interface SourceImportOptions {
  path: string;
  /** The exporting tool; guessed from the extension when not given (.xml Martus, .xlsx Kobo). */
  from?: SourceKind;
  mappingPath?: string;
  /** The folder holding the attachments the export names. */
  filesDir?: string;
  /** Report what would happen; write nothing. */
  dryRun?: boolean;
  /** How many mapped records to return in `preview` (the app's wizard shows them). */
  previewCount?: number;
  /**
   * Reads only the first `limit` records (the wizard's preview, always with `dryRun`): its
   * counts are those of these records.
   */
  limit?: number;
  /**
   * The source field consent comes from, chosen in the wizard, in place of the mapping's
   * `consent.status`; null: none (every record's consent is "unknown", never guessed). Not for
   * the testimony CSV/JSONL formats, which carry consent in their own fields.
   */
  consentField?: string | null;
  /**
   * Cancels the import while it reads (the app's wizard): its transaction rolls back, nothing is
   * imported or updated (CANCELLED). Once the records are committed, the attachments that follow
   * are still added (importing the same export again would add them anyway).
   */
  signal?: AbortSignal;
  /** Called as records are read (at most every 100 records) and once at the end. */
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportProgress {
  /** Records read so far (imported, unchanged or rejected). */
  records: number;
  /** Bytes of the file read so far, or null when the reader cannot tell (.xlsx). */
  bytesRead: number | null;
  /** The file's size in bytes. */
  fileBytes: number;
}

/** A position as reports print it: `{ "line": 3 }`, `{ "record": 2 }`, `{ "row": 7 }`. */
export type ReportPosition = Partial<Record<SourcePosition['unit'], number>>;

export interface SourceImportReport {
  source: SourceKind;
  dryRun: boolean;
  /** New testimonies. */
  created: number;
  /** Testimonies imported before from the same source record, given a new revision. */
  updated: number;
  /** Imported before and unchanged in this export: left as they were. */
  unchanged: number;
  /** Ids of the created and updated testimonies (empty in a dry run). */
  ids: string[];
  rejected: (ReportPosition & { reason: string })[];
  /** Imported (or, in a dry run, importable) records whose consent the export did not give. */
  withoutConsent: number;
  attachments: {
    attached: number;
    /** Already attached to the testimony by an earlier import (same name and size). */
    alreadyThere: number;
    problems: (ReportPosition & { file: number; reason: string })[];
  };
  /** Source fields no entry of the mapping reads (not imported). */
  unmapped: string[];
  /** Source fields gathered into a field as "name: value" lines by the mapping's "*". */
  gathered: string[];
  /** The first mapped records, as they would be stored. */
  preview: { position: ReportPosition; fields: TestimonyFields; files: number }[];
  /** The source fields seen (the header's, then the records'), in order; empty for the testimony formats. */
  sourceFields: string[];
  /** What each testimony field is read from (the mapping in use); empty for the testimony formats. */
  mapping: Partial<Record<TargetField, string[]>>;
}

/** What the importer needs from an open vault (Vault.importSource provides it). */
export interface ImportTarget {
  records: RecordStore;
  links: SourceLinks;
  /**
   * Writes every new testimony `rows` yields, all or nothing, in one transaction that also holds
   * the updates made while it runs; `written` gets each batch's new ids, in order, inside it.
   */
  writeAll(rows: AsyncIterable<TestimonyFields>, written: (ids: string[]) => void): Promise<void>;
  updateRecord(id: string, patch: ReturnType<typeof patchOf>): void;
  attachFile(recordId: string, path: string): Promise<void>;
  attachedNames(recordId: string): { name: string; size: number }[];
}

const MAX_LISTED = 10_000;
const MAX_FIELD_NAMES = 1000;
const DEFAULT_PREVIEW = 5;

interface Planned {
  position: SourcePosition;
  mapped: MappedRecord;
  existing: string | null;
  /** The attachments found, with their place in the record's list (1-based). */
  files: { index: number; path: string }[];
}

/**
 * Imports an export (Martus XML, Uwazi CSV, Kobo CSV/XLSX, testimony CSV/JSONL): each record is
 * read by its source's adapter, mapped, validated and looked up by its source id; new ones are
 * added in batches, ones imported before get a revision when the export changed them, bad ones
 * are reported by position and rule. Attachments come from `filesDir`. A dry run does all of it
 * but writing.
 */
export async function importSource(
  target: ImportTarget,
  options: SourceImportOptions,
): Promise<SourceImportReport> {
  const { path } = options;
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new VaultError('IMPORT.INVALID_FILE', `Cannot read ${path}: no such file.`, { path });
  }
  const kind = options.from ?? guessSourceKind(path);
  if (!kind || !SOURCE_KINDS.includes(kind)) {
    throw new InvalidInputError(
      `Say which tool made ${path} with --from (${SOURCE_KINDS.join(', ')}).`,
    );
  }
  if (options.filesDir !== undefined) {
    if (!existsSync(options.filesDir) || !statSync(options.filesDir).isDirectory())
      throw new InvalidInputError(`The --files folder ${options.filesDir} does not exist.`);
  }
  const mappingFile = options.mappingPath ? loadMapping(options.mappingPath, kind) : null;
  // Testimony CSV/JSONL without a mapping keep their strict format (unknown fields refused).
  const testimonyFormat = (kind === 'csv' || kind === 'jsonl') && !mappingFile;
  if (options.limit !== undefined && options.dryRun !== true)
    throw new InvalidInputError('Only a dry run can stop after the first records.');
  if (testimonyFormat && options.consentField !== undefined)
    throw new InvalidInputError(
      'A testimony CSV/JSONL file carries consent in its own fields: no consent field to choose.',
    );
  let processed = 0;
  const fileBytes = statSync(path).size;
  let bytesRead: number | null = null;
  const onRead = (bytes: number) => (bytesRead = (bytesRead ?? 0) + bytes);
  const progress = () => options.onProgress?.({ records: processed, bytesRead, fileBytes });
  const opened = testimonyFormat ? null : await openSource(kind, path, onRead);
  const mapping = withConsentField(
    resolveMapping(defaultMapping(kind, opened?.header ?? null), mappingFile),
    options.consentField,
  );

  const report: SourceImportReport = {
    source: kind,
    dryRun: options.dryRun === true,
    created: 0,
    updated: 0,
    unchanged: 0,
    ids: [],
    rejected: [],
    withoutConsent: 0,
    attachments: { attached: 0, alreadyThere: 0, problems: [] },
    unmapped: [],
    gathered: [],
    preview: [],
    sourceFields: [],
    mapping: testimonyFormat ? {} : mapping.fields,
  };
  const seenFields = new Set<string>(opened?.header ?? []);
  const seenKeys = new SeenKeys();
  const reject = (position: SourcePosition, reason: string) => {
    if (report.rejected.length < MAX_LISTED)
      report.rejected.push({ [position.unit]: position.at, reason });
  };

  // New testimonies go to the all-or-nothing write in order; `pending` pairs each with its
  // plan when the write reports the batch's ids (inside the transaction).
  const pending: Planned[] = [];
  // Attachments are added after the records commit (each file is itself all or nothing): a
  // run cut short between the two is resumed by importing the same export again.
  const attachLater: { recordId: string; planned: Planned }[] = [];
  const written = (ids: string[]) => {
    for (const id of ids) {
      const planned = pending.shift()!;
      if (planned.mapped.sourceKey !== null) target.links.link(planned.mapped.sourceKey, id);
      if (planned.files.length > 0) attachLater.push({ recordId: id, planned });
      report.ids.push(id);
    }
  };

  const items = testimonyFormat ? testimonyItems(kind, path, onRead) : opened!.items;
  async function* newTestimonies(): AsyncGenerator<TestimonyFields> {
    for await (const item of items) {
      if (options.signal?.aborted) throw new CancelledError('The import');
      if (options.limit !== undefined && processed >= options.limit) break;
      processed += 1;
      if (processed % 100 === 0) progress();
      if (isSourceError(item)) {
        reject(item.position, item.error);
        continue;
      }
      if (!testimonyFormat && seenFields.size < MAX_FIELD_NAMES)
        for (const name of item.fields.keys()) seenFields.add(name);
      let mapped: MappedRecord;
      try {
        mapped = testimonyFormat
          ? testimonyRecord(kind, item.fields, target.links)
          : mapRecord(item, mapping);
      } catch (error) {
        reject(item.position, reasonOf(error));
        continue;
      }
      if (mapped.sourceKey !== null) {
        const earlier = seenKeys.seenBefore(mapped.sourceKey, item.position);
        if (earlier !== null) {
          const same = mapped.sourceKey.startsWith(`${CONTENT_SOURCE}:`) ? 'content' : 'source id';
          reject(item.position, `the same ${same} as ${describePosition(earlier)}`);
          continue;
        }
      }
      const files = checkFiles(options.filesDir, item.position, mapped.files, report);
      const existing = mapped.sourceKey === null ? null : target.links.find(mapped.sourceKey);
      if (!mapped.consentGiven) report.withoutConsent += 1;
      if (report.preview.length < (options.previewCount ?? DEFAULT_PREVIEW))
        report.preview.push({
          position: { [item.position.unit]: item.position.at },
          fields: mapped.fields,
          files: mapped.files.length,
        });
      const planned: Planned = { position: item.position, mapped, existing, files };
      if (existing === null) {
        report.created += 1;
        if (report.dryRun) continue;
        pending.push(planned);
        yield mapped.fields;
        continue;
      }
      if (changesNothing(target.records.get(existing), mapped)) {
        report.unchanged += 1;
      } else {
        report.updated += 1;
        // Inside the import's transaction: updates commit (or roll back) with the new ones.
        if (!report.dryRun) {
          target.updateRecord(existing, patchOf(mapped));
          report.ids.push(existing);
        }
      }
      if (!report.dryRun && files.length > 0) attachLater.push({ recordId: existing, planned });
    }
    // Cancelled while the last records were read: before the transaction commits.
    if (options.signal?.aborted) throw new CancelledError('The import');
  }

  if (report.dryRun) {
    for await (const _ of newTestimonies());
  } else {
    await target.writeAll(newTestimonies(), written);
    for (const { recordId, planned } of attachLater)
      await attach(target, recordId, planned, report);
  }
  progress();
  describeFields(report, mapping, seenFields, testimonyFormat);
  return report;
}

/** The mapping with consent read from the field the person chose (undefined: as mapped). */
function withConsentField(mapping: Mapping, field: string | null | undefined): Mapping {
  if (field === undefined) return mapping;
  const fields = { ...mapping.fields };
  if (field === null) delete fields['consent.status'];
  else fields['consent.status'] = [field];
  return { ...mapping, fields };
}

/** The testimony CSV/JSONL formats: the fields are the testimony's own (bulk-import.ts). */
async function* testimonyItems(kind: SourceKind, path: string, onRead: (bytes: number) => void) {
  const lines: AsyncGenerator<ImportItem> =
    kind === 'csv' ? csvRows(path, MAX_ROW_BYTES, onRead) : jsonlLines(path, MAX_ROW_BYTES, onRead);
  for await (const item of lines) {
    const position = { unit: 'line' as const, at: item.line };
    if ('error' in item) yield { position, error: item.error };
    else
      yield {
        position,
        sourceId: null,
        fields: new Map([['', item.value]]),
        files: [] as string[],
      };
  }
}

const WHOLE_RECORD: GivenField[] = [
  'title',
  'body',
  'lang',
  'narrator',
  'date',
  'place',
  'tags',
  'consent',
  'warning',
  'notes',
  'identifying',
];

/**
 * A row of the testimony CSV/JSONL format. Its source identity: its `source_id`, else its `id`
 * (the vault id in `show --json` output), else its content (SourceLinks.contentKey): an
 * unchanged row imported again is then recognised; a changed row without an id is a new one.
 */
function testimonyRecord(
  kind: SourceKind,
  fields: Map<string, unknown>,
  links: SourceLinks,
): MappedRecord {
  const value = fields.get('');
  const parsed = fieldsFromImported(value);
  const object = value as Record<string, unknown>;
  const id = idOf(object.source_id) ?? idOf(object.id);
  const consentGiven =
    object.consent !== undefined ||
    object['consent.status'] !== undefined ||
    (kind === 'csv' && object.scope !== undefined);
  return {
    sourceKey: id === null ? links.contentKey(canonicalJson(parsed)) : `${kind}:${id}`,
    fields: parsed,
    given: new Set(WHOLE_RECORD),
    files: [],
    consentGiven,
  };
}

function idOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** JSON with object keys sorted: the same fields give the same text whatever their order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function checkFiles(
  filesDir: string | undefined,
  position: SourcePosition,
  names: string[],
  report: SourceImportReport,
): Planned['files'] {
  const found: Planned['files'] = [];
  names.forEach((name, index) => {
    const problem = (reason: string) => {
      if (report.attachments.problems.length < MAX_LISTED)
        report.attachments.problems.push({
          [position.unit]: position.at,
          file: index + 1,
          reason,
        });
    };
    if (filesDir === undefined) return problem('not attached: no --files folder given');
    const result = findAttachment(filesDir, name);
    if ('path' in result) found.push({ index: index + 1, path: result.path });
    else if (result.problem === 'refused')
      problem('refused: the name leads outside the --files folder');
    else problem('not found in the --files folder');
  });
  return found;
}

async function attach(
  target: ImportTarget,
  recordId: string,
  planned: Planned,
  report: SourceImportReport,
): Promise<void> {
  if (planned.files.length === 0) return;
  const already = planned.existing === null ? [] : target.attachedNames(recordId);
  for (const { index, path } of planned.files) {
    const name = path.split(/[\\/]/).pop()!;
    const size = statSync(path).size;
    if (already.some((a) => a.name === name && a.size === size)) {
      report.attachments.alreadyThere += 1;
      continue;
    }
    try {
      await target.attachFile(recordId, path);
      report.attachments.attached += 1;
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      report.attachments.problems.push({
        [planned.position.unit]: planned.position.at,
        file: index,
        reason: `could not be attached (${error.code})`,
      });
    }
  }
}

function describeFields(
  report: SourceImportReport,
  mapping: Mapping,
  seen: Set<string>,
  testimonyFormat: boolean,
): void {
  if (testimonyFormat) return;
  report.sourceFields = [...seen];
  const used = mappedSourceFields(mapping);
  const rest = [...seen].filter((name) => !used.has(name));
  if (gathersRest(mapping)) report.gathered = rest;
  else report.unmapped = rest;
}
