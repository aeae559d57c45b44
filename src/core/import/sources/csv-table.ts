import { parse as parseCsv } from 'csv-parse/sync';
import { open } from 'node:fs/promises';
import { readRecords, withoutCr } from '../../records/import-reader';
import { invalidSourceFile } from '../errors';

/**
 * A spreadsheet-like export read as a header and rows, streaming: the CSV record splitter of
 * the testimony import (a quoted newline stays in its record), then csv-parse on each record
 * on its own, so one malformed row is reported with its line and never takes the rest along.
 */
export type TableRow =
  | { position: { unit: 'line' | 'row'; at: number }; cells: Map<string, string> }
  | { position: { unit: 'line' | 'row'; at: number }; error: string };

export interface Table {
  header: string[];
  rows: AsyncGenerator<TableRow>;
}

/** A record larger than this is rejected without being held in memory. */
export const MAX_ROW_BYTES = 64 * 1024 * 1024;
const DELIMITERS = [',', ';', '\t'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Which separator the file uses, from its first line: KoboToolbox writes ";" by default,
 * Uwazi and most tools ",". The one that occurs most outside quotes wins; "," on a tie.
 */
export async function sniffDelimiter(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('\n');
    const firstLine = (end < 0 ? text : text.slice(0, end)).replace(/"[^"]*"/g, '');
    let best: string = ',';
    let bestCount = 0;
    for (const candidate of DELIMITERS) {
      const count = firstLine.split(candidate).length - 1;
      if (count > bestCount) {
        best = candidate;
        bestCount = count;
      }
    }
    return best;
  } finally {
    await handle.close();
  }
}

function cellsOf(text: string, delimiter: string): string[] | null {
  try {
    const rows = parseCsv(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      bom: false,
    });
    return rows.length === 1 ? (rows[0] as string[]) : null;
  } catch {
    return null;
  }
}

/** Opens a CSV export: reads and checks its header row, then streams its rows. */
export async function openCsvTable(
  path: string,
  options: { delimiter?: string; maxRowBytes?: number; onRead?: (bytes: number) => void } = {},
): Promise<Table> {
  const delimiter = options.delimiter ?? (await sniffDelimiter(path));
  const maxRecordBytes = options.maxRowBytes ?? MAX_ROW_BYTES;
  const records = readRecords(path, {
    csvQuotes: true,
    maxRecordBytes,
    delimiter: delimiter.charCodeAt(0),
    ...(options.onRead ? { onRead: options.onRead } : {}),
  });
  let header: string[] | null = null;
  while (!header) {
    const next = await records.next();
    if (next.done) throw invalidSourceFile(path, 'it has no header row');
    const raw = next.value;
    if ('oversized' in raw) throw invalidSourceFile(path, 'its header row is too large');
    const text = decode(withoutCr(raw.bytes));
    if (text === null) throw invalidSourceFile(path, 'its header row is not valid UTF-8');
    if (text.trim() === '') continue;
    header = checkHeader(path, cellsOf(text, delimiter));
  }
  const names = header;
  async function* rows(): AsyncGenerator<TableRow> {
    for await (const raw of records) {
      const position = { unit: 'line' as const, at: raw.line };
      if ('oversized' in raw) {
        yield { position, error: `larger than ${Math.floor(maxRecordBytes / 1048576)} MiB` };
        continue;
      }
      const text = decode(withoutCr(raw.bytes));
      if (text === null) {
        yield { position, error: 'not valid UTF-8' };
        continue;
      }
      if (text.trim() === '') continue;
      const cells = cellsOf(text, delimiter);
      if (!cells) {
        yield { position, error: 'malformed CSV (check the quotes)' };
        continue;
      }
      if (cells.length !== names.length) {
        yield { position, error: `has ${cells.length} fields, the header names ${names.length}` };
        continue;
      }
      yield { position, cells: new Map(names.map((name, i) => [name, cells[i]!])) };
    }
  }
  return { header: names, rows: rows() };
}

/** A header names each column once, none empty; else the file is refused as a whole. */
export function checkHeader(path: string, cells: string[] | null): string[] {
  const header = cells?.map((name) => name.trim()) ?? null;
  if (!header || header.some((name) => name === '') || new Set(header).size !== header.length) {
    throw invalidSourceFile(path, 'its first row must name each column once');
  }
  return header;
}

function decode(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}
