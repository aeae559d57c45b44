import { parse as parseCsv } from 'csv-parse/sync';
import { existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InvalidInputError, VaultError } from '../../shared/errors';
import { type TestimonyFields, emptyFields } from '../../shared/records/types';
import { validateFields } from '../../shared/records/validate';
import { importJsonFault, parseImportJson } from './import-json';
import { readRecords, withoutCr } from './import-reader';
import { type ImportReport, type ImportRow, importAllOrNothing } from './import-transaction';
import type { RecordStore } from './record-store';

export type { ImportReport } from './import-transaction';

/**
 * Fields of `show --json` that describe a stored record rather than its content, and the
 * record's id in the tool it comes from (`source_id`): not fields; an import with source
 * identity (src/core/import/run-import.ts) reads `source_id` and `id` to recognise re-imports.
 */
const IGNORED_KEYS = new Set([
  'id',
  'source_id',
  'revision',
  'createdAt',
  'updatedAt',
  'provenance',
]);
const FIELD_KEYS = new Set(Object.keys(emptyFields()));
const CONSENT_KEYS = new Set(Object.keys(emptyFields().consent));
/** A record (line) larger than this is rejected without being held in memory. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** A key an import may use: a field, a consent sub-field, or one that is ignored. */
export function isImportKey(key: string): boolean {
  if (IGNORED_KEYS.has(key) || FIELD_KEYS.has(key)) return true;
  return key.startsWith('consent.') && CONSENT_KEYS.has(key.slice('consent.'.length));
}

/**
 * Turns one imported object (JSON line or CSV row) into validated fields. Rejection reasons
 * name the rule and the position, never text from the file (a field name can be a name).
 */
export function fieldsFromImported(value: unknown): TestimonyFields {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError('not a JSON object');
  }
  const base = emptyFields();
  const out: Record<string, unknown> = { ...base, consent: { ...base.consent } };
  let position = 0;
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    position += 1;
    // Only the known keys: "consent.__proto__" must not reach the object's prototype.
    if (!isImportKey(key))
      throw new InvalidInputError(`unknown field (the ${ordinal(position)} key of the object)`);
    if (IGNORED_KEYS.has(key)) continue;
    if (key.startsWith('consent.')) {
      (out.consent as Record<string, unknown>)[key.slice('consent.'.length)] = raw;
      continue;
    }
    if (key === 'consent' && raw && typeof raw === 'object') {
      out.consent = { ...(out.consent as object), ...(raw as object) };
    } else if (key === 'consent' && typeof raw === 'string') {
      (out.consent as Record<string, unknown>).status = raw;
    } else {
      out[key] = raw;
    }
  }
  return validateFields(out);
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** CSV cells are strings: map them onto field types (tags and identifying: JSON array or ";"). */
function csvRowToObject(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, cell] of Object.entries(row)) {
    // An empty cell is a field not given: its default applies (an empty "scope" or "consent"
    // cell must not be read as the invalid value "").
    if (cell === '') continue;
    if (key === 'tags' || key === 'identifying') {
      const text = cell.trim();
      out[key] = text.startsWith('[')
        ? parseImportJson(text)
        : text === ''
          ? []
          : text
              .split(';')
              .map((t) => t.trim())
              .filter(Boolean);
    } else if ((key === 'date' || key === 'consent.date') && cell.trim() === '') {
      out[key] = null;
    } else if (key === 'scope') {
      out['consent.scope'] = cell;
    } else {
      out[key] = cell;
    }
  }
  return out;
}

export type ImportItem = { line: number; value: unknown } | { line: number; error: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function tooLarge(maxRecordBytes: number): string {
  return `larger than ${Math.floor(maxRecordBytes / (1024 * 1024))} MiB`;
}

export async function* jsonlLines(
  path: string,
  maxRecordBytes: number,
  onRead?: (bytes: number) => void,
): AsyncGenerator<ImportItem> {
  for await (const raw of readRecords(path, {
    csvQuotes: false,
    maxRecordBytes,
    ...(onRead ? { onRead } : {}),
  })) {
    if ('oversized' in raw) {
      yield { line: raw.line, error: tooLarge(maxRecordBytes) };
      continue;
    }
    const text = decodeUtf8(raw.bytes);
    if (text === null) {
      yield { line: raw.line, error: 'not valid UTF-8' };
      continue;
    }
    const trimmed = text.trim();
    if (trimmed === '') continue;
    // Before JSON.parse: its cost on a hostile line (deep nesting, millions of values) is the
    // danger, not its result.
    const fault = importJsonFault(trimmed);
    if (fault) {
      yield { line: raw.line, error: fault };
      continue;
    }
    try {
      yield { line: raw.line, value: JSON.parse(trimmed) as unknown };
    } catch {
      yield { line: raw.line, error: 'not valid JSON' };
    }
  }
}

/** Parses one CSV record (its text may span lines inside quotes) into its cells. */
function csvCells(text: string): string[] | null {
  try {
    const rows = parseCsv(text, { relax_column_count: true, relax_quotes: true, bom: false });
    return rows.length === 1 ? (rows[0] as string[]) : null;
  } catch {
    return null;
  }
}

export async function* csvRows(
  path: string,
  maxRecordBytes: number,
  onRead?: (bytes: number) => void,
): AsyncGenerator<ImportItem> {
  let header: string[] | null = null;
  let unknownColumn = -1;
  for await (const raw of readRecords(path, {
    csvQuotes: true,
    maxRecordBytes,
    ...(onRead ? { onRead } : {}),
  })) {
    if ('oversized' in raw) {
      if (!header) throw invalidFile(path, 'its header row is too large');
      yield { line: raw.line, error: tooLarge(maxRecordBytes) };
      continue;
    }
    const text = decodeUtf8(withoutCr(raw.bytes));
    if (text === null) {
      if (!header) throw invalidFile(path, 'its header row is not valid UTF-8');
      yield { line: raw.line, error: 'not valid UTF-8' };
      continue;
    }
    if (text.trim() === '') continue;
    const cells = csvCells(text);
    if (!header) {
      header = cells?.map((name) => name.trim()) ?? null;
      if (!header || header.some((name) => name === '') || new Set(header).size !== header.length) {
        throw invalidFile(path, 'its first row must name each column once');
      }
      // "scope" is the CSV shorthand of consent.scope.
      unknownColumn = header.findIndex((name) => name !== 'scope' && !isImportKey(name));
      continue;
    }
    if (unknownColumn >= 0) {
      yield { line: raw.line, error: `unknown field (column ${unknownColumn + 1} of the header)` };
      continue;
    }
    if (!cells) {
      yield { line: raw.line, error: 'malformed CSV (check the quotes)' };
      continue;
    }
    if (cells.length !== header.length) {
      yield {
        line: raw.line,
        error: `has ${cells.length} fields, the header names ${header.length}`,
      };
      continue;
    }
    const row: Record<string, string> = {};
    header.forEach((name, i) => (row[name] = cells[i]!));
    try {
      yield { line: raw.line, value: csvRowToObject(row) };
    } catch (error) {
      yield { line: raw.line, error: reasonOf(error) };
    }
  }
  if (!header) throw invalidFile(path, 'it has no header row');
}

function invalidFile(path: string, why: string): VaultError {
  return new VaultError('IMPORT.INVALID_FILE', `Cannot import ${path}: ${why}.`, { path });
}

export function reasonOf(error: unknown): string {
  if (error instanceof VaultError) return error.message.replace(/^Invalid record: /, '');
  if (error instanceof SyntaxError) return 'not valid JSON';
  return 'could not be read';
}

/**
 * The rows of a .jsonl or .csv file, validated one by one: each good line becomes fields, each
 * bad one a rejection naming its line and rule (never its content). The file's existence and
 * kind are checked now, before anything is read or written; a file-wide problem (a CSV without
 * a usable header) is thrown while iterating, which rolls the import back.
 */
export function readImportFile(
  path: string,
  options: { maxRecordBytes?: number } = {},
): AsyncIterable<ImportRow> {
  const maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new VaultError('IMPORT.INVALID_FILE', `Cannot read ${path}: no such file.`, { path });
  }
  const kind = extname(path).toLowerCase();
  if (kind !== '.jsonl' && kind !== '.csv' && kind !== '.ndjson') {
    throw new VaultError(
      'IMPORT.INVALID_FILE',
      'Import reads .jsonl (one record per line) or .csv files.',
      { path },
    );
  }
  const source = kind === '.csv' ? csvRows(path, maxRecordBytes) : jsonlLines(path, maxRecordBytes);
  return validated(source);
}

async function* validated(source: AsyncIterable<ImportItem>): AsyncGenerator<ImportRow> {
  for await (const item of source) {
    if ('error' in item) {
      yield { line: item.line, rejected: item.error };
      continue;
    }
    try {
      yield { line: item.line, fields: fieldsFromImported(item.value) };
    } catch (error) {
      yield { line: item.line, rejected: reasonOf(error) };
    }
  }
}

/**
 * Imports a .jsonl or .csv file all or nothing (import-transaction.ts): the good lines are
 * encrypted and committed together once the whole file was read; bad ones are reported with
 * their line number and a reason.
 */
export async function importFile(
  store: RecordStore,
  path: string,
  options: {
    maxRecordBytes?: number;
    /** Called inside the import's transaction with each batch's ids (the custody log). */
    onBatch?: (ids: string[]) => void;
  } = {},
): Promise<ImportReport> {
  const rows = readImportFile(path, options);
  return importAllOrNothing(store.importTarget(options.onBatch), rows);
}
