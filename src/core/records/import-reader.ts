import { createReadStream } from 'node:fs';

/**
 * Splits an import file into its records, streaming, with the line each record starts on:
 * one line per record for .jsonl; for .csv, a newline inside a quoted field does not end the
 * record (RFC 4180). Each record is then parsed on its own, so that one malformed record is
 * reported with its own line number and never takes the rest of the file with it. Line numbers
 * count "\n" (so "\r\n" files number lines as any editor does).
 */
export type RawRecord =
  | { line: number; bytes: Buffer }
  /** A record larger than the limit: its bytes were dropped as they streamed past. */
  | { line: number; oversized: true };

export interface ReadRecordsOptions {
  /** CSV quoting: a "\n" inside a quoted field belongs to the record. */
  csvQuotes: boolean;
  /** Records larger than this are reported, not kept in memory. */
  maxRecordBytes: number;
  /** The CSV field separator (one ASCII byte): "," unless told ("; " in KoboToolbox exports). */
  delimiter?: number;
  /** Told the size of each chunk read from the file (an import's progress in bytes). */
  onRead?: (bytes: number) => void;
}

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export async function* readRecords(
  path: string,
  options: ReadRecordsOptions,
): AsyncGenerator<RawRecord> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversized = false;
  let line = 1;
  let startLine = 1;
  let first = true;
  // CSV state: inside a quoted field; the previous byte closed a quote (so `""` is an escaped
  // quote); the next byte starts a field (only there does a quote open a quoted field).
  let inQuotes = false;
  let afterClosingQuote = false;
  let atFieldStart = true;
  const delimiter = options.delimiter ?? COMMA;

  const keep = (piece: Buffer) => {
    if (oversized || piece.length === 0) return;
    if (size + piece.length > options.maxRecordBytes) {
      oversized = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };
  const take = (): RawRecord | null => {
    const record: RawRecord | null = oversized
      ? { line: startLine, oversized: true }
      : size > 0
        ? { line: startLine, bytes: parts.length === 1 ? parts[0]! : Buffer.concat(parts, size) }
        : null;
    parts = [];
    size = 0;
    oversized = false;
    inQuotes = false;
    afterClosingQuote = false;
    atFieldStart = true;
    return record;
  };

  for await (const data of createReadStream(path)) {
    let chunk = data as Buffer;
    options.onRead?.(chunk.length);
    if (first) {
      first = false;
      if (chunk.subarray(0, 3).equals(BOM)) chunk = chunk.subarray(3);
    }
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (!options.csvQuotes) {
        // One record per line: jump straight to the next newline.
        i = chunk.indexOf(NEWLINE, i);
        if (i < 0) break;
      }
      const byte = chunk[i]!;
      if (options.csvQuotes) {
        if (inQuotes) {
          if (byte === QUOTE) {
            inQuotes = false;
            afterClosingQuote = true;
          } else if (byte === NEWLINE) {
            line += 1;
          }
          continue;
        }
        if (byte === QUOTE && (atFieldStart || afterClosingQuote)) {
          inQuotes = true;
          afterClosingQuote = false;
          atFieldStart = false;
          continue;
        }
        afterClosingQuote = false;
        atFieldStart = byte === delimiter;
      }
      if (byte !== NEWLINE) continue;
      keep(chunk.subarray(from, i));
      from = i + 1;
      const record = take();
      if (record) yield record;
      line += 1;
      startLine = line;
    }
    keep(chunk.subarray(from));
  }
  const record = take();
  if (record) yield record;
}

/** The record's bytes without a trailing "\r" (CRLF files). */
export function withoutCr(bytes: Buffer): Buffer {
  return bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.subarray(0, -1) : bytes;
}
