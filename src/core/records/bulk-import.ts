import { parse as parseCsv } from 'csv-parse';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InvalidInputError, VaultError } from '../../shared/errors';
import { type TestimonyFields, emptyFields } from '../../shared/records/types';
import { validateFields } from '../../shared/records/validate';
import type { RecordStore } from './record-store';

export interface ImportReport {
  imported: number;
  ids: string[];
  rejected: { line: number; reason: string }[];
}

/** Fields of `show --json` that describe a stored record rather than its content: ignored. */
const IGNORED_KEYS = new Set(['id', 'revision', 'createdAt', 'updatedAt', 'provenance']);
const FIELD_KEYS = new Set(Object.keys(emptyFields()));
const BATCH_SIZE = 1000;
const MAX_REJECTIONS_LISTED = 10_000;

/** Turns one imported object (JSON line or CSV row) into validated fields. */
export function fieldsFromImported(value: unknown): TestimonyFields {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError('not a JSON object');
  }
  const base = emptyFields();
  const out: Record<string, unknown> = { ...base, consent: { ...base.consent } };
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (IGNORED_KEYS.has(key)) continue;
    if (key.startsWith('consent.')) {
      (out.consent as Record<string, unknown>)[key.slice('consent.'.length)] = raw;
      continue;
    }
    if (!FIELD_KEYS.has(key)) throw new InvalidInputError(`unknown field "${key.slice(0, 40)}"`);
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

/** CSV cells are strings: map them onto field types (tags and identifying: JSON array or ";"). */
function csvRowToObject(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, cell] of Object.entries(row)) {
    if (cell.includes('\uFFFD'))
      throw new InvalidInputError(`field "${key.slice(0, 40)}" is not valid UTF-8`);
    if (key === 'tags' || key === 'identifying') {
      const text = cell.trim();
      out[key] = text.startsWith('[')
        ? JSON.parse(text)
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

async function* jsonlLines(
  path: string,
): AsyncGenerator<{ line: number; value: unknown } | { line: number; error: string }> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending: Buffer = Buffer.alloc(0);
  let line = 0;
  const handle = (bytes: Buffer) => {
    line += 1;
    const text = (() => {
      try {
        return decoder.decode(bytes);
      } catch {
        return null;
      }
    })();
    if (text === null) return { line, error: 'not valid UTF-8' };
    const trimmed = text.replace(/^\uFEFF/, '').trim();
    if (trimmed === '') return null;
    try {
      return { line, value: JSON.parse(trimmed) as unknown };
    } catch {
      return { line, error: 'not valid JSON' };
    }
  };
  for await (const chunk of createReadStream(path)) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let newline: number;
    while ((newline = pending.indexOf(0x0a)) >= 0) {
      const item = handle(pending.subarray(0, newline));
      pending = pending.subarray(newline + 1);
      if (item) yield item;
    }
  }
  if (pending.length) {
    const item = handle(pending);
    if (item) yield item;
  }
}

async function* csvRows(
  path: string,
): AsyncGenerator<{ line: number; value: unknown } | { line: number; error: string }> {
  const parser = createReadStream(path).pipe(
    parseCsv({
      columns: true,
      bom: true,
      info: true,
      relax_column_count: false,
      skip_empty_lines: true,
      encoding: 'utf8',
    }),
  );
  try {
    for await (const item of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      try {
        yield { line: item.info.lines, value: csvRowToObject(item.record) };
      } catch (error) {
        yield { line: item.info.lines, error: reasonOf(error) };
      }
    }
  } catch (error) {
    const info = (error as { lines?: number }).lines;
    yield {
      line: info ?? 0,
      error: `CSV could not be read further: ${(error as Error).message.slice(0, 200)}`,
    };
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof VaultError) return error.message.replace(/^Invalid record: /, '');
  if (error instanceof SyntaxError) return 'not valid JSON';
  return 'could not be read';
}

/**
 * Imports a .jsonl or .csv file: every line is validated on its own; good lines are encrypted
 * and written in batches of 1,000 per transaction, bad ones are reported with their line number
 * and a reason (never with their content).
 */
export async function importFile(store: RecordStore, path: string): Promise<ImportReport> {
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
  const source = kind === '.csv' ? csvRows(path) : jsonlLines(path);
  const report: ImportReport = { imported: 0, ids: [], rejected: [] };
  let batch: TestimonyFields[] = [];
  const flush = () => {
    if (batch.length === 0) return;
    const ids = store.addMany(batch);
    report.imported += ids.length;
    report.ids.push(...ids);
    batch = [];
  };
  for await (const item of source) {
    if ('error' in item) {
      if (report.rejected.length < MAX_REJECTIONS_LISTED)
        report.rejected.push({ line: item.line, reason: item.error });
      continue;
    }
    try {
      batch.push(fieldsFromImported(item.value));
    } catch (error) {
      if (report.rejected.length < MAX_REJECTIONS_LISTED)
        report.rejected.push({ line: item.line, reason: reasonOf(error) });
      continue;
    }
    if (batch.length >= BATCH_SIZE) flush();
  }
  flush();
  return report;
}
