import type ExcelJS from 'exceljs';
import { invalidSourceFile } from '../errors';
import { type Table, type TableRow, checkHeader } from './csv-table';

/**
 * The first worksheet of an .xlsx export as a header and rows, streamed by exceljs's
 * WorkbookReader (rows are read as the zip inflates; shared strings are cached, styles and
 * hyperlinks ignored). KoboToolbox puts the submissions on the first sheet and each repeat
 * group on a sheet of its own; only the first is read (docs: README, "Importers").
 */
export async function openXlsxTable(path: string): Promise<Table> {
  // exceljs is loaded on the first workbook: the largest package in the CLI, which every other
  // command would otherwise load and compile at start-up.
  const { default: excel } = await import('exceljs');
  let workbook: ExcelJS.stream.xlsx.WorkbookReader;
  try {
    workbook = new excel.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
  } catch {
    throw invalidSourceFile(path, 'it is not an .xlsx workbook');
  }
  const sheets = workbook[Symbol.asyncIterator]();
  const rowsOfFirstSheet = async function* (): AsyncGenerator<ExcelJS.Row> {
    let first: IteratorResult<ExcelJS.stream.xlsx.WorksheetReader>;
    try {
      first = await sheets.next();
    } catch {
      throw invalidSourceFile(path, 'it is not an .xlsx workbook');
    }
    if (first.done) return;
    try {
      for await (const row of first.value) yield row;
    } catch {
      throw invalidSourceFile(path, 'its first worksheet cannot be read');
    }
  };
  const rows = rowsOfFirstSheet();
  let header: string[] | null = null;
  while (!header) {
    const next = await rows.next();
    if (next.done) throw invalidSourceFile(path, 'it has no header row');
    const cells = cellTexts(next.value);
    if (cells.every((cell) => cell === '')) continue;
    header = checkHeader(path, trimTrailingEmpty(cells));
  }
  const names = header;
  async function* tableRows(): AsyncGenerator<TableRow> {
    for await (const row of rows) {
      const position = { unit: 'row' as const, at: row.number };
      const cells = cellTexts(row);
      if (cells.every((cell) => cell === '')) continue;
      if (trimTrailingEmpty(cells).length > names.length) {
        yield { position, error: `has values beyond the ${names.length} named columns` };
        continue;
      }
      yield { position, cells: new Map(names.map((name, i) => [name, cells[i] ?? ''])) };
    }
  }
  return { header: names, rows: tableRows() };
}

/** A row's cells as text, column A first (exceljs's row.values is 1-based and sparse). */
function cellTexts(row: ExcelJS.Row): string[] {
  const values = Array.isArray(row.values) ? row.values.slice(1) : [];
  return Array.from(values, (value) => cellText(value as ExcelJS.CellValue));
}

function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return '';
}

function trimTrailingEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === '') end -= 1;
  return cells.slice(0, end);
}
