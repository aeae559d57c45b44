import { extname } from 'node:path';
import { invalidSourceFile } from '../errors';
import type { SourceItem, SourceKind } from '../types';
import { type Table, openCsvTable } from './csv-table';
import { readJsonl } from './jsonl';
import { readMartus } from './martus';
import { openXlsxTable } from './xlsx-table';

/** An opened export: its column names when it has a header, and its records in order. */
export interface OpenedSource {
  header: string[] | null;
  items: AsyncGenerator<SourceItem>;
}

/** The source a file's extension suggests when --from is not given. */
export function guessSourceKind(path: string): SourceKind | null {
  switch (extname(path).toLowerCase()) {
    case '.jsonl':
    case '.ndjson':
      return 'jsonl';
    case '.csv':
      return 'csv';
    case '.xml':
      return 'martus';
    case '.xlsx':
      return 'kobo';
    default:
      return null;
  }
}

/**
 * Opens an export with the adapter of its source. Tables (Uwazi CSV, Kobo CSV or XLSX, plain
 * CSV) give each row's non-empty cells by column name; Martus gives each bulletin's fields by
 * tag, its id and its attachments; JSONL gives each line's keys.
 */
export async function openSource(
  kind: SourceKind,
  path: string,
  /** Told each chunk's size as the file is read (not for .xlsx: the zip is read by exceljs). */
  onRead?: (bytes: number) => void,
): Promise<OpenedSource> {
  const metered = onRead ? { onRead } : {};
  switch (kind) {
    case 'martus':
      if (extname(path).toLowerCase() !== '.xml')
        throw invalidSourceFile(path, 'a Martus export is an .xml file');
      return { header: null, items: readMartus(path, onRead) };
    case 'jsonl':
      return { header: null, items: readJsonl(path, onRead) };
    case 'kobo': {
      const xlsx = extname(path).toLowerCase() === '.xlsx';
      return fromTable(xlsx ? await openXlsxTable(path) : await openCsvTable(path, metered));
    }
    case 'uwazi':
      return fromTable(await openCsvTable(path, { delimiter: ',', ...metered }));
    case 'csv':
      return fromTable(await openCsvTable(path, metered));
  }
}

function fromTable(table: Table): OpenedSource {
  async function* items(): AsyncGenerator<SourceItem> {
    for await (const row of table.rows) {
      if ('error' in row) {
        yield row;
        continue;
      }
      const fields = new Map<string, unknown>();
      for (const [name, cell] of row.cells) if (cell.trim() !== '') fields.set(name, cell);
      yield { position: row.position, sourceId: null, fields, files: [] };
    }
  }
  return { header: table.header, items: items() };
}
