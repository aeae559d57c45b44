import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import type { Vault } from '../src/core/vault/vault';
import { makePdf } from '../tests/helpers/pdf';
import { measure } from './hostile-measure';

/**
 * Hostile files for bench/hostile-child.ts (issue 11, "worst-case time and memory on hostile
 * inputs"): one operation on a hostile input, or the same operation on a benign input of the
 * same size (its baseline, measured in the same benchmark run). Imports go through `Vault.importFile`, as `tvault import` does;
 * files through `attachStream`, as `tvault attach` and the app do.
 */
const MiB = 1024 * 1024;
const FIXTURES = new URL('../tests/fixtures/metadata/', import.meta.url);

type Figures = Record<string, unknown>;

async function* chunks(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += MiB) yield bytes.subarray(i, i + MiB);
}

/**
 * Lines from `line(i)` until the file holds `bytes` bytes (a whole line more at most), written
 * a batch at a time so that making the input does not raise the process's peak memory.
 */
function linesFile(path: string, bytes: number, line: (i: number) => Buffer, head = ''): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    let size = head.length;
    let batch: Buffer[] = [];
    for (let i = 0; size < bytes; i++) {
      const next = line(i);
      batch.push(next);
      size += next.length;
      if (batch.length === 1000) {
        writeSync(fd, Buffer.concat(batch));
        batch = [];
      }
    }
    writeSync(fd, Buffer.concat(batch));
  } finally {
    closeSync(fd);
  }
}

/** `count` bytes of `byte`, written a MiB at a time, after `head` and before `tail`. */
function runFile(path: string, head: string, byte: string, count: number, tail: string): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, head);
    const block = Buffer.alloc(MiB, byte);
    for (let left = count; left > 0; left -= MiB) writeSync(fd, block, 0, Math.min(MiB, left));
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}

const BODY = 'what the witness told, slowly and in detail, at the hearing. '.repeat(16);
/** Bytes that are not UTF-8: a lone continuation byte, an overlong form, a cut sequence. */
const NOT_UTF8 = Buffer.from([0x80, 0xc0, 0xaf, 0xff, 0xfe, 0xe2, 0x82]);

const jsonLine = (i: number, bad: boolean) =>
  Buffer.concat([
    Buffer.from(`{"title":"Testimony ${i}","body":"${BODY.slice(0, 400)}`),
    bad ? NOT_UTF8 : Buffer.from('abcdefg'),
    Buffer.from(`${BODY.slice(400)}"}\n`),
  ]);
const csvLine = (i: number, bad: boolean) =>
  Buffer.concat([
    Buffer.from(`Testimony ${i},"${BODY.slice(0, 400)}`),
    bad ? NOT_UTF8 : Buffer.from('abcdefg'),
    Buffer.from(`${BODY.slice(400)}"\n`),
  ]);

/** One import, with what it kept and refused beside its cost. */
async function importCost(vault: Vault, path: string): Promise<Figures> {
  const { result, cost } = await measure(async () => {
    try {
      const report = await vault.importFile(path);
      return { imported: report.imported, rejected: report.rejected.length, outcome: 'done' };
    } catch (error) {
      return { imported: 0, rejected: 0, outcome: (error as { code?: string }).code ?? 'error' };
    }
  });
  return { bytes: statSync(path).size, ...result, ...cost };
}

/** One attach of `bytes` as `name`, with what the vault made of it beside its cost. */
async function attachCost(
  vault: Vault,
  recordId: string,
  bytes: Uint8Array,
  name: string,
): Promise<Figures> {
  const { result, cost } = await measure(() =>
    vault.attachments.attachStream(recordId, chunks(bytes), { name }),
  );
  const info = result as { mime?: string; textSkipped?: string };
  return {
    bytes: bytes.length,
    mime: info.mime ?? '',
    textSkipped: info.textSkipped ?? '',
    ...cost,
  };
}

/** A PNG whose header declares `side` × `side` pixels (its CRC recomputed), else unchanged. */
function pngWithSide(png: Buffer, side: number): Buffer {
  const out = Buffer.from(png);
  // Signature (8), IHDR length (4), then "IHDR", width, height... and the chunk's CRC.
  out.writeUInt32BE(side, 16);
  out.writeUInt32BE(side, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

/**
 * The JPEG with its EXIF block made hostile: the first IFD claims 65,535 entries and every
 * entry's value offset points back at the IFD itself (a loop), the same bytes long.
 */
function jpegWithBadExif(jpeg: Buffer): Buffer {
  const out = Buffer.from(jpeg);
  const exif = out.indexOf('Exif\0\0');
  if (exif < 0) throw new Error('the fixture JPEG has no EXIF block');
  const tiff = exif + 6;
  const little = out.toString('latin1', tiff, tiff + 2) === 'II';
  const u32 = (at: number) => (little ? out.readUInt32LE(at) : out.readUInt32BE(at));
  const ifd = tiff + u32(tiff + 4);
  const count = little ? out.readUInt16LE(ifd) : out.readUInt16BE(ifd);
  for (let e = 0; e < count; e++) {
    const entry = ifd + 2 + e * 12;
    if (little) out.writeUInt32LE(ifd - tiff, entry + 8);
    else out.writeUInt32BE(ifd - tiff, entry + 8);
  }
  if (little) out.writeUInt16LE(0xffff, ifd);
  else out.writeUInt16BE(0xffff, ifd);
  return out;
}

/** The inputs of this module: each a hostile file and a benign one of the same size. */
export const HOSTILE_FILES = [
  'jsonl-not-utf8',
  'csv-not-utf8',
  'jsonl-nested',
  'jsonl-one-huge-line',
  'png-huge-dimensions',
  'jpeg-bad-exif',
  'jpeg-cut',
  'pdf-cut',
] as const;
export type HostileFile = (typeof HOSTILE_FILES)[number];

/**
 * Measures `which` input, hostile or benign (each in a process of its own: the kernel's peak
 * resident size is the process's, so two measures in one process would share it). Imports
 * are `size` MiB; the images and PDFs are the test fixtures'.
 */
export async function measureHostileFile(
  which: HostileFile,
  variant: 'hostile' | 'benign',
  vault: Vault,
  recordId: string,
  work: string,
  size: number,
): Promise<Figures> {
  const bad = variant === 'hostile';
  const bytes = size * MiB;
  const path = join(work, `input-${which}`);
  const benignJsonl = () => linesFile(`${path}.jsonl`, bytes, (i) => jsonLine(i, false));
  const image = (name: string) => readFileSync(new URL(name, FIXTURES));
  switch (which) {
    case 'jsonl-not-utf8':
      linesFile(`${path}.jsonl`, bytes, (i) => jsonLine(i, bad));
      return importCost(vault, `${path}.jsonl`);
    case 'csv-not-utf8':
      linesFile(`${path}.csv`, bytes, (i) => csvLine(i, bad), 'title,body\n');
      return importCost(vault, `${path}.csv`);
    case 'jsonl-nested':
      // One line of nested arrays as large as the file (under the 64 MiB record limit).
      if (bad) {
        const half = Math.floor(bytes / 2);
        runFile(`${path}.jsonl`, '', '[', half, '');
        appendRun(`${path}.jsonl`, ']', half, '\n');
      } else benignJsonl();
      return importCost(vault, `${path}.jsonl`);
    case 'jsonl-one-huge-line':
      // One record of the file's size with no line end, over the record limit when large.
      if (bad) runFile(`${path}.jsonl`, '{"title":"x","body":"', 'a', bytes, '');
      else benignJsonl();
      return importCost(vault, `${path}.jsonl`);
    case 'png-huge-dimensions': {
      const png = image('photo-gps.png');
      const attached = await attachCost(
        vault,
        recordId,
        bad ? pngWithSide(png, 50_000) : png,
        'photo.png',
      );
      if (!bad) return attached;
      // Then sent to text recognition: refused by its header, before any decoding.
      const id = vault.attachments.list(recordId).find((a) => a.name === 'photo.png')!.id;
      const ocr = await measure(async () => {
        try {
          await vault.attachments.recognize(id);
          return 'recognised';
        } catch (error) {
          return String((error as { details?: { reason?: unknown } }).details?.reason ?? 'error');
        }
      });
      return {
        ...attached,
        ocrOutcome: ocr.result,
        ocrSeconds: ocr.cost.seconds,
        ocrPeakRssMiB: ocr.cost.peakRssMiB,
      };
    }
    case 'jpeg-bad-exif': {
      const jpeg = image('photo-gps.jpg');
      return attachCost(vault, recordId, bad ? jpegWithBadExif(jpeg) : jpeg, 'photo.jpg');
    }
    case 'jpeg-cut': {
      // The benign twin of a cut file is the whole file (twice its size).
      const jpeg = image('photo-gps.jpg');
      return attachCost(vault, recordId, bad ? jpeg.subarray(0, jpeg.length >> 1) : jpeg, 'p.jpg');
    }
    case 'pdf-cut': {
      const pdf = makePdf(`${BODY}\n`.repeat(200));
      return attachCost(vault, recordId, bad ? pdf.subarray(0, pdf.length >> 1) : pdf, 'r.pdf');
    }
  }
}

function appendRun(path: string, byte: string, count: number, tail: string): void {
  const fd = openSync(path, 'a');
  try {
    const block = Buffer.alloc(MiB, byte);
    for (let left = count; left > 0; left -= MiB) writeSync(fd, block, 0, Math.min(MiB, left));
    writeSync(fd, tail);
  } finally {
    closeSync(fd);
  }
}
