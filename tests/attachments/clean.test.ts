import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
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

/** The data of the first chunk named `name` of a WebP. */
function webpChunk(bytes: Uint8Array, name: string): Buffer | undefined {
  const view = Buffer.from(bytes);
  for (let at = 12; at + 8 <= view.length;) {
    const size = view.readUInt32LE(at + 4);
    if (view.toString('latin1', at, at + 4) === name) return view.subarray(at + 8, at + 8 + size);
    at += 8 + size + (size & 1);
  }
  return undefined;
}

/** The chunks of a PNG: type, whole chunk in hex, and whether its CRC matches. */
function pngChunks(bytes: Uint8Array) {
  const view = Buffer.from(bytes);
  const chunks: { type: string; hex: string; crcOk: boolean }[] = [];
  for (let at = 8; at + 12 <= view.length;) {
    const length = view.readUInt32BE(at);
    const end = at + 12 + length;
    chunks.push({
      type: view.toString('latin1', at + 4, at + 8),
      hex: view.subarray(at, end).toString('hex'),
      crcOk: crc32(view.subarray(at + 4, end - 4)) === view.readUInt32BE(end - 4),
    });
    at = end;
  }
  return chunks;
}

/** What exifr reports of a PNG's own header (IHDR), not of its EXIF. */
const PNG_HEADER_TAGS = new Set([
  'ImageWidth',
  'ImageHeight',
  'BitDepth',
  'ColorType',
  'Compression',
  'Filter',
  'Interlace',
]);

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

  it('PNG: a non-default orientation is kept alone in a new eXIf; the pixel data is unchanged', async () => {
    // photo-gps.png given Orientation 3 (180 degrees) by exiftool 12.57.
    const original = fixture('photo-rotated.png');
    expect(await exifr.orientation(Buffer.from(original))).toBe(3);
    expect(await gps(original)).toBeDefined();
    const { bytes, removed } = await cleanBytes(original, 'png');
    expect(removed).toEqual(expect.arrayContaining(['exif', 'png-text']));
    expect(await exifr.orientation(Buffer.from(bytes))).toBe(3);
    const all = await exifr.parse(Buffer.from(bytes), { tiff: true, exif: true, gps: true });
    expect(Object.keys(all ?? {}).filter((k) => !PNG_HEADER_TAGS.has(k))).toEqual(['Orientation']);
    expect(has(bytes, 'Amina')).toBe(false);
    // eXIf before the image data, as the spec wants; every other chunk the same bytes.
    const before = pngChunks(original).filter((c) => !['tEXt', 'iTXt', 'eXIf'].includes(c.type));
    const after = pngChunks(bytes);
    expect(after.map((c) => c.type)).toEqual(['IHDR', 'eXIf', 'IDAT', 'IEND']);
    expect(after.filter((c) => c.type !== 'eXIf').map((c) => c.hex)).toEqual(
      before.map((c) => c.hex),
    );
    // The CRC of the new chunk is right (a reader would otherwise reject it).
    const exif = after.find((c) => c.type === 'eXIf')!;
    expect(exif.crcOk).toBe(true);
    // Upright images get no eXIf at all.
    expect(
      pngChunks((await cleanBytes(fixture('photo-gps.png'), 'png')).bytes).map((c) => c.type),
    ).not.toContain('eXIf');
  });

  it('WebP: EXIF and XMP go, the orientation is kept alone; flags, RIFF size and image data follow', async () => {
    // exifr does not read WebP: the chunks are listed, and the EXIF chunk read as the TIFF it is.
    const original = fixture('photo-gps.webp');
    expect(webpChunks(original)).toEqual(['VP8X', 'ICCP', 'VP8 ', 'EXIF', 'XMP ']);
    expect(await exifr.orientation(webpChunk(original, 'EXIF')!)).toBe(6);
    const { bytes, removed } = await cleanBytes(original, 'webp');
    expect(removed).toEqual(['exif', 'xmp']);
    expect(webpChunks(bytes)).toEqual(['VP8X', 'ICCP', 'VP8 ', 'EXIF']);
    const exif = webpChunk(bytes, 'EXIF')!;
    const all = await exifr.parse(exif, { tiff: true, exif: true, gps: true });
    expect(all).toEqual({ Orientation: 'Rotate 90 CW' });
    expect(has(bytes, 'Amina')).toBe(false);
    for (const name of ['VP8 ', 'ICCP'])
      expect(Buffer.compare(webpChunk(bytes, name)!, webpChunk(original, name)!)).toBe(0);
    const view = Buffer.from(bytes);
    expect(view.readUInt32LE(4)).toBe(bytes.length - 8);
    const vp8x = view.indexOf('VP8X');
    // EXIF flag set again, XMP flag cleared.
    expect(view[vp8x + 8]! & 0x0c).toBe(0x08);
  });

  it('WebP: without an orientation to keep, no EXIF chunk and no EXIF flag', async () => {
    const original = Buffer.from(fixture('photo-gps.webp'));
    // The same file with its EXIF block's Orientation set to 1 (upright).
    const exif = webpChunk(original, 'EXIF')!;
    const at = exif.indexOf(Buffer.from([0x01, 0x12, 0x00, 0x03]));
    expect(at).toBeGreaterThan(0);
    const upright = Buffer.from(original);
    upright.writeUInt16BE(1, original.indexOf(exif) + at + 8);
    expect(await exifr.orientation(webpChunk(upright, 'EXIF')!)).toBe(1);
    const { bytes } = await cleanBytes(upright, 'webp');
    expect(webpChunks(bytes)).toEqual(['VP8X', 'ICCP', 'VP8 ']);
    expect(Buffer.from(bytes)[Buffer.from(bytes).indexOf('VP8X') + 8]! & 0x0c).toBe(0);
  });

  it("WebP: cleaning a Node Buffer leaves the caller's bytes as they were", async () => {
    // Buffer#slice is a view, not a copy: the VP8X header patched through one changed the input.
    const input = Buffer.from(fixture('photo-gps.webp'));
    const before = Buffer.from(input);
    await cleanBytes(input, 'webp');
    expect(Buffer.compare(input, before)).toBe(0);
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
    expect(
      sniffCleanable(Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81])),
    ).toBeNull(); // WebM
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
