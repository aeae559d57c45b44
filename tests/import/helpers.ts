import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('./fixtures', import.meta.url));
export const FILES = join(FIXTURES, 'files');
export const fixture = (...parts: string[]) => join(FIXTURES, ...parts);

/** SHA-256 of every file under a folder, by relative path: "nothing written" means equal. */
export function folderDigest(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string, prefix: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

export function sha256Of(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** The Kobo CSV fixture written as an .xlsx workbook (Kobo's XLSX export has the same columns). */
export async function koboXlsx(path: string, edit?: (rows: string[][]) => void): Promise<void> {
  const text = readFileSync(fixture('kobo', 'submissions.csv'), 'utf8').trimEnd();
  const rows = text.split('\n').map((line) => splitSemicolons(line));
  edit?.(rows);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('fixture form');
  for (const row of rows) sheet.addRow(row);
  // Kobo puts each repeat group on a sheet of its own: the importer reads only the first.
  workbook.addWorksheet('repeat_group').addRow(['_index', '_parent_index']);
  await workbook.xlsx.writeFile(path);
}

function splitSemicolons(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ';' && !quoted) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
