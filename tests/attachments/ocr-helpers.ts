import { readFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

/** The OCR corpus made by scripts/make-ocr-fixtures.ts (tests/fixtures/ocr). */
export const OCR_FIXTURES = new URL('../fixtures/ocr/', import.meta.url);

export interface CorpusEntry {
  file: string;
  lang: string;
  sizePx: number;
  angleDeg: number;
  text: string;
}

export function ocrCorpus(): CorpusEntry[] {
  return JSON.parse(readFileSync(new URL('corpus.json', OCR_FIXTURES), 'utf8')) as CorpusEntry[];
}

/** The scanned PDFs (two A4 pages at 300 dpi, no text layer) and the text of each page. */
export interface ScanEntry {
  file: string;
  lang: string;
  pages: string[];
}

export function scanCorpus(): ScanEntry[] {
  return JSON.parse(readFileSync(new URL('scans.json', OCR_FIXTURES), 'utf8')) as ScanEntry[];
}

export function fixtureBytes(file: string): Buffer {
  return readFileSync(new URL(file, OCR_FIXTURES));
}

/** Words of a text, lower-cased, punctuation stripped (for recall: how many were found). */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\p{N}']+/u)
    .filter((word) => word.length >= 3);
}

/** Share of the expected words found in the recognised text. */
export function wordRecall(expected: string, recognised: string): number {
  const found = new Set(wordsOf(recognised));
  const words = wordsOf(expected);
  return words.filter((word) => found.has(word)).length / words.length;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A decompression bomb: a greyscale PNG declaring width x height pixels, all white, whose
 * rows deflate to almost nothing (a 20,000 x 20,000 image is about 400 KB on disk, 400 MB once
 * decoded).
 */
export function pngBomb(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const row = Buffer.alloc(width + 1, 0xff);
  row[0] = 0; // filter: none
  const rows = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(rows, y * row.length);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PNG header declaring huge dimensions, followed by nothing useful. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
