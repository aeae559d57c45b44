import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { VaultError } from '../../shared/errors';
import { sniffDelimiter } from './sources/csv-table';
import type { SourceKind, UnreadableReason } from '../../shared/import/types';

/**
 * Which tool made an export, from its first bytes and its name (the app's import wizard asks
 * this before anything else; the person can still choose another source). The content decides
 * where it is clear (a zip, a Martus root element, a JSON object per line, a known header), the
 * extension only where the content says nothing more.
 */
export interface DetectedSource {
  kind: SourceKind;
  /** 'content' when the bytes identify the tool, 'extension' when only the name suggests it. */
  by: 'content' | 'extension';
}

const WHY: Record<UnreadableReason, string> = {
  empty: 'it is empty',
  encoding: 'it is not valid UTF-8 text (save it again as UTF-8)',
  binary: 'it holds binary data, not text',
  unknown: 'it is not a Martus, Uwazi, KoboToolbox, CSV or JSONL export',
};

/** IMPORT.INVALID_FILE with the reason as a stable detail (`details.reason`); the app explains each. */
export function unreadableSource(path: string, reason: UnreadableReason): VaultError {
  return new VaultError('IMPORT.INVALID_FILE', `Cannot import ${path}: ${WHY[reason]}.`, {
    path,
    reason,
  });
}

/** Enough for a header row or a first JSON line; the importers read the rest. */
const SNIFF_BYTES = 64 * 1024;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const MARTUS_ROOTS = /<(?:Exported)?MartusBulletins[\s>]/;
/** Columns every KoboToolbox export has (CSV and XLSX alike). */
const KOBO_COLUMNS = ['_uuid', '_submission_time', '_id'];
/** Uwazi's CSV export always starts its entity columns with these. */
const UWAZI_COLUMNS = ['Title', 'Template', 'Date added'];

export async function detectSourceKind(path: string): Promise<DetectedSource> {
  const head = await readHead(path);
  if (head.length === 0) throw unreadableSource(path, 'empty');
  const ext = extname(path).toLowerCase();
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    // An .xlsx workbook is a zip; KoboToolbox is the one source that exports one.
    if (ext === '.xlsx') return { kind: 'kobo', by: 'content' };
    throw unreadableSource(path, 'binary');
  }
  // No text export holds a NUL byte; images, PDFs and archives nearly always do.
  if (head.includes(0)) throw unreadableSource(path, 'binary');
  const text = decodeHead(path, head);
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body === '') throw unreadableSource(path, 'empty');
  if (body.startsWith('<')) {
    if (MARTUS_ROOTS.test(body)) return { kind: 'martus', by: 'content' };
    throw unreadableSource(path, 'unknown');
  }
  if (body.startsWith('{') && firstLineIsJson(body)) return { kind: 'jsonl', by: 'content' };
  const header = await headerOf(path, body);
  if (header) {
    if (KOBO_COLUMNS.every((name) => header.includes(name))) return { kind: 'kobo', by: 'content' };
    if (UWAZI_COLUMNS.every((name) => header.includes(name)))
      return { kind: 'uwazi', by: 'content' };
    if (ext === '.csv' || ext === '.tsv') return { kind: 'csv', by: 'extension' };
  }
  if (ext === '.jsonl' || ext === '.ndjson') return { kind: 'jsonl', by: 'extension' };
  throw unreadableSource(path, 'unknown');
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Strict UTF-8; a character cut by the end of the sniffed bytes is not an error. */
function decodeHead(path: string, head: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    throw unreadableSource(path, 'encoding');
  }
}

function firstLineIsJson(body: string): boolean {
  const end = body.indexOf('\n');
  if (end < 0 && body.length >= SNIFF_BYTES - 4) return true; // one long line: cut by the sniff
  try {
    const value: unknown = JSON.parse(end < 0 ? body : body.slice(0, end));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** The first row's cells when it parses as a delimited header naming every column. */
async function headerOf(path: string, body: string): Promise<string[] | null> {
  const delimiter = await sniffDelimiter(path);
  const end = body.indexOf('\n');
  const line = (end < 0 ? body : body.slice(0, end)).replace(/\r$/, '');
  try {
    const rows = parseCsv(line, { delimiter, relax_quotes: true }) as string[][];
    const cells = rows[0]?.map((cell) => cell.trim()) ?? [];
    return cells.length >= 1 && cells.every((cell) => cell !== '') ? cells : null;
  } catch {
    return null;
  }
}
