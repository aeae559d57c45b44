import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  DamagedFileError,
  cleanBytes,
  sniffCleanable,
} from '../../src/core/attachments/clean/clean-file';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/metadata/${name}`, import.meta.url)));
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text);
const utf16Hex = (text: string) =>
  Buffer.from(`\ufeff${text}`, 'utf16le').swap16().toString('hex').toUpperCase();

function webpChunks(bytes: Uint8Array): string[] {
  const view = Buffer.from(bytes);
  const names: string[] = [];
  for (let at = 12; at + 8 <= view.length;) {
    const size = view.readUInt32LE(at + 4);
    names.push(view.toString('latin1', at, at + 4));
    at += 8 + size + (size & 1);
  }
  return names;
}

async function gps(bytes: Uint8Array) {
  return exifr.gps(Buffer.from(bytes)).catch(() => undefined);
}

describe('export cleaning, format by format', () => {
  it('JPEG: EXIF, GPS, XMP and IPTC go; the image data stays byte for byte', async () => {
    const original = fixture('photo-gps.jpg');
    expect(await gps(original)).toMatchObject({ latitude: expect.any(Number) });
    const { bytes, removed } = await cleanBytes(original, 'jpeg');
    expect(removed).toEqual(expect.arrayContaining(['exif', 'xmp']));
    expect(await gps(bytes)).toBeUndefined();
    expect(await exifr.parse(Buffer.from(bytes), { xmp: true, iptc: true })).toBeUndefined();
    expect(has(bytes, 'Amina')).toBe(false);
    // The compressed image (from the first SOS to EOI) is the same bytes.
    const scan = (b: Uint8Array) =>
      Buffer.from(b).subarray(Buffer.from(b).indexOf('\xff\xda', 0, 'latin1'));
    expect(Buffer.compare(scan(bytes), scan(original))).toBe(0);
    // Deterministic: an export hashes one copy and writes another.
    expect(
      Buffer.compare(Buffer.from((await cleanBytes(original, 'jpeg')).bytes), Buffer.from(bytes)),
    ).toBe(0);
  });

  it('JPEG: a non-default orientation is kept alone, the comment goes', async () => {
    const original = fixture('photo-rotated.jpg');
    expect(await exifr.orientation(Buffer.from(original))).toBe(6);
    const { bytes, removed } = await cleanBytes(original, 'jpeg');
    expect(removed).toEqual(expect.arrayContaining(['comment', 'exif']));
    expect(await exifr.orientation(Buffer.from(bytes))).toBe(6);
    expect(await gps(bytes)).toBeUndefined();
    const all = await exifr.parse(Buffer.from(bytes), { tiff: true, exif: true, gps: true });
    expect(Object.keys(all ?? {})).toEqual(['Orientation']);
    expect(has(bytes, 'Amina')).toBe(false);
  });

  it('PNG: text, eXIf and tIME chunks go; the other chunks stay', async () => {
    const original = fixture('photo-gps.png');
    expect(await gps(original)).toBeDefined();
    const { bytes, removed } = await cleanBytes(original, 'png');
    expect(removed).toEqual(expect.arrayContaining(['exif', 'png-text']));
    expect(await gps(bytes)).toBeUndefined();
    expect(has(bytes, 'Amina')).toBe(false);
    for (const chunk of ['IHDR', 'IDAT', 'IEND']) expect(has(bytes, chunk)).toBe(true);
  });

  it('WebP: EXIF and XMP chunks go, the VP8X flags and RIFF size follow', async () => {
    // exifr does not read WebP here: the chunks are listed instead.
    const original = fixture('photo-gps.webp');
    expect(webpChunks(original)).toEqual(['VP8X', 'ICCP', 'VP8 ', 'EXIF', 'XMP ']);
    const { bytes, removed } = await cleanBytes(original, 'webp');
    expect(removed).toEqual(['exif', 'xmp']);
    expect(webpChunks(bytes)).toEqual(['VP8X', 'ICCP', 'VP8 ']);
    expect(has(bytes, 'Amina')).toBe(false);
    const view = Buffer.from(bytes);
    expect(view.readUInt32LE(4)).toBe(bytes.length - 8);
    const vp8x = view.indexOf('VP8X');
    expect(view[vp8x + 8]! & 0x0c).toBe(0);
  });

  it('PDF: the info dictionary, XMP and earlier revisions of them go; the pages stay', async () => {
    const original = fixture('letter-author.pdf');
    const { bytes, removed } = await cleanBytes(original, 'pdf');
    expect(removed).toEqual(expect.arrayContaining(['pdf-info', 'xmp']));
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getAuthor()).toBeUndefined();
    expect(doc.getCreator()).toBeUndefined();
    expect(doc.catalog.has(PDFName.of('Metadata'))).toBe(false);
    expect(doc.getPageCount()).toBe(1);
    for (const text of ['Amina', 'SN-4417', utf16Hex('Amina').slice(0, 20)])
      expect(has(bytes, text)).toBe(false);
    expect(
      Buffer.compare(Buffer.from((await cleanBytes(original, 'pdf')).bytes), Buffer.from(bytes)),
    ).toBe(0);
  });

  it('sniffs the format from the bytes, not the name', () => {
    expect(sniffCleanable(fixture('photo-gps.jpg'))).toBe('jpeg');
    expect(sniffCleanable(fixture('photo-gps.png'))).toBe('png');
    expect(sniffCleanable(fixture('photo-gps.webp'))).toBe('webp');
    expect(sniffCleanable(fixture('letter-author.pdf'))).toBe('pdf');
    expect(sniffCleanable(new TextEncoder().encode('OggS an ogg file'))).toBeNull();
  });

  it('fuzz: damaged files end in DamagedFileError or a copy, never a crash or a hang', async () => {
    let state = 7;
    const random = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const sources = [
      ['jpeg', fixture('photo-gps.jpg')],
      ['png', fixture('photo-gps.png')],
      ['webp', fixture('photo-gps.webp')],
      ['pdf', fixture('letter-author.pdf')],
    ] as const;
    let refused = 0;
    for (const [format, original] of sources) {
      for (let i = 0; i < 60; i++) {
        const mutant = Uint8Array.from(original);
        for (let f = 0; f < 1 + Math.floor(random() * 12); f++)
          mutant[Math.floor(random() * Math.min(mutant.length, 8192))] = Math.floor(random() * 256);
        const input =
          random() < 0.4 ? mutant.subarray(0, Math.floor(random() * mutant.length)) : mutant;
        const started = Date.now();
        try {
          const { bytes } = await cleanBytes(input, format);
          expect(bytes.length).toBeLessThanOrEqual(input.length * 2 + 1024);
        } catch (error) {
          expect(error).toBeInstanceOf(DamagedFileError);
          refused += 1;
        }
        expect(Date.now() - started).toBeLessThan(3000);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
