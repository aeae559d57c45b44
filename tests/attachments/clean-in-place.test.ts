import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import {
  DamagedFileError,
  cleanBytes,
  cleaningPlan,
  sniffCleanable,
} from '../../src/core/attachments/clean/clean-file';

// TIFF and HEIF/AVIF are cleaned in place: same size, same offsets, only metadata bytes change.
// Fixtures: scripts/make-metadata-fixtures.ts.

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/metadata/${name}`, import.meta.url)));
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text);
const ALL = { tiff: true, exif: true, gps: true, xmp: true, iptc: true, mergeOutput: false };

/** The offsets of the bytes that differ between two files of the same length. */
function changed(a: Uint8Array, b: Uint8Array): number[] {
  expect(b.length).toBe(a.length);
  const at: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) at.push(i);
  return at;
}

/** The strips of each page as exifr reads them from the original: the image data. */
async function strips(bytes: Uint8Array): Promise<[number, number][]> {
  const parsed = (await exifr.parse(Buffer.from(bytes), { ...ALL, ifd1: true })) as Record<
    string,
    { StripOffsets?: Record<string, number>; StripByteCounts?: Record<string, number> }
  >;
  const ranges: [number, number][] = [];
  for (const ifd of [parsed.ifd0, parsed.ifd1]) {
    if (!ifd?.StripOffsets) continue;
    for (const [i, start] of Object.entries(ifd.StripOffsets))
      ranges.push([start, start + ifd.StripByteCounts![i]!]);
  }
  return ranges;
}

function tiffEntries(bytes: Uint8Array, little: boolean): Map<number, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ifd = view.getUint32(4, little);
  const entries = new Map<number, number>();
  for (let i = 0; i < view.getUint16(ifd, little); i += 1)
    entries.set(view.getUint16(ifd + 2 + 12 * i, little), ifd + 2 + 12 * i);
  return entries;
}

describe('TIFF: identifying tags removed in place', () => {
  it('GPS, Exif (serials, owner, maker note), XMP, IPTC and names go; strips and orientation stay', async () => {
    const original = fixture('photo-gps.tif');
    expect(await exifr.gps(Buffer.from(original))).toMatchObject({ latitude: 35.69166666666666 });
    const { bytes, removed } = await cleanBytes(original, 'tiff');
    expect(removed).toEqual(['exif', 'iptc', 'tiff-tags', 'xmp']);
    expect(bytes.length).toBe(original.length);
    const parsed = (await exifr.parse(Buffer.from(bytes), ALL)) as Record<string, object>;
    expect(Object.keys(parsed)).toEqual(['ifd0']);
    expect(Object.keys(parsed.ifd0!).sort()).toEqual(
      [
        'BitsPerSample',
        'Compression',
        'ImageHeight',
        'ImageWidth',
        'Orientation',
        'PhotometricInterpretation',
        'PlanarConfiguration',
        'ResolutionUnit',
        'RowsPerStrip',
        'SamplesPerPixel',
        'StripByteCounts',
        'StripOffsets',
        'XResolution',
        'YResolution',
      ].sort(),
    );
    expect(await exifr.orientation(Buffer.from(bytes))).toBe(6);
    for (const text of ['Amina', 'SN-4417', 'Acme', 'ScanApp', '2024:11', 'Oran', 'amina-laptop'])
      expect(has(bytes, text)).toBe(false);
    // The image data is the same bytes at the same offsets.
    const data = await strips(original);
    expect(await strips(bytes)).toEqual(data);
    for (const [start, end] of data)
      expect(Buffer.compare(bytes.subarray(start, end), original.subarray(start, end))).toBe(0);
    // Deterministic: an export hashes one copy and writes another.
    expect(Buffer.compare((await cleanBytes(original, 'tiff')).bytes, bytes)).toBe(0);
  });

  it('big-endian, two pages: every page is cleaned, each keeps its strips', async () => {
    const original = fixture('scan-author-be.tif');
    const before = (await exifr.parse(Buffer.from(original), { ...ALL, ifd1: true })) as {
      ifd1: { Artist?: string };
    };
    expect(before.ifd1.Artist).toBe('Amina K.');
    const { bytes } = await cleanBytes(original, 'tiff');
    const after = (await exifr.parse(Buffer.from(bytes), { ...ALL, ifd1: true })) as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(after).sort()).toEqual(['ifd0', 'ifd1']);
    expect(after.ifd1!.Artist).toBeUndefined();
    expect(after.ifd1!.ImageWidth).toBe(16);
    expect(has(bytes, 'Amina')).toBe(false);
    const data = await strips(original);
    expect(data).toHaveLength(4);
    for (const [start, end] of data)
      expect(Buffer.compare(bytes.subarray(start, end), original.subarray(start, end))).toBe(0);
  });

  it('a removed tag pointing into the image data leaves the image data as it is', async () => {
    const original = fixture('photo-gps.tif');
    const hostile = original.slice();
    const view = new DataView(hostile.buffer);
    const artist = tiffEntries(hostile, true).get(0x013b)!;
    view.setUint32(artist + 4, 300, true); // 300 characters...
    view.setUint32(artist + 8, 8, true); // ...from the first strip
    const { bytes } = await cleanBytes(hostile, 'tiff');
    for (const [start, end] of await strips(original))
      expect(Buffer.compare(bytes.subarray(start, end), original.subarray(start, end))).toBe(0);
  });

  it('malformed: a loop of IFDs, a count past the end, strips past the end, truncation', async () => {
    const original = fixture('photo-gps.tif');
    const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
    const ifd0 = view(original).getUint32(4, true);
    const count = view(original).getUint16(ifd0, true);

    const loop = original.slice();
    view(loop).setUint32(ifd0 + 2 + 12 * count, ifd0, true);
    const huge = original.slice();
    view(huge).setUint32(tiffEntries(huge, true).get(0x013b)! + 4, 0xffffffff, true);
    const hugeIfd = original.slice();
    view(hugeIfd).setUint16(ifd0, 0xffff, true);
    const strip = original.slice();
    const stripCounts = view(strip).getUint32(tiffEntries(strip, true).get(0x0117)! + 8, true);
    view(strip).setUint32(stripCounts, 0x7fffffff, true);
    const badType = original.slice();
    view(badType).setUint16(tiffEntries(badType, true).get(0x013b)! + 2, 99, true);

    for (const bad of [
      loop,
      huge,
      hugeIfd,
      strip,
      badType,
      original.subarray(0, 7),
      original.subarray(0, original.length - 10),
      Uint8Array.from([0x49, 0x49, 0x2b, 0, 8, 0, 0, 0]), // BigTIFF
    ])
      await expect(cleanBytes(bad, 'tiff')).rejects.toBeInstanceOf(DamagedFileError);
  });
});

describe('HEIF/AVIF: Exif and XMP items blanked in place', () => {
  /** Where the original's Exif item and XMP packet are (the only bytes allowed to change). */
  function metadataRanges(original: Uint8Array): [number, number][] {
    const buffer = Buffer.from(original);
    const exif = buffer.indexOf('Exif\0\0', 0, 'latin1') - 4;
    const xmp = buffer.indexOf('<?xpacket begin');
    const xmpEnd = buffer.indexOf('<?xpacket end="w"?>') + '<?xpacket end="w"?>'.length;
    // The Exif item is the TIFF stream after "Exif\0\0"; it ends where the next item starts.
    const exifEnd = buffer.indexOf('<?xpacket begin') > exif ? xmp : buffer.length;
    return [
      [exif, Math.min(exifEnd, exif + 4000)],
      [xmp, xmpEnd],
    ];
  }

  for (const name of ['photo-gps.heic', 'photo-gps.avif']) {
    it(`${name}: GPS, names, serials and XMP go; every other byte stays`, async () => {
      const original = fixture(name);
      expect(sniffCleanable(original)).toBe('heif');
      const { bytes, removed } = await cleanBytes(original, 'heif');
      expect(removed).toEqual(['exif', 'xmp']);
      for (const text of ['Amina', 'SN-4417', 'Acme', 'Oran']) expect(has(bytes, text)).toBe(false);
      const allowed = metadataRanges(original);
      const outside = changed(original, bytes).filter(
        (at) => !allowed.some(([s, e]) => at >= s && at < e),
      );
      expect(outside).toEqual([]);
      expect(has(bytes, 'irot')).toBe(true);
      expect(Buffer.compare((await cleanBytes(original, 'heif')).bytes, bytes)).toBe(0);
    });
  }

  it('HEIC read back with exifr: no GPS, no fields at all', async () => {
    const original = fixture('photo-gps.heic');
    expect(await exifr.gps(Buffer.from(original))).toMatchObject({ latitude: 35.69166666666666 });
    const { bytes } = await cleanBytes(original, 'heif');
    expect(await exifr.gps(Buffer.from(bytes)).catch(() => undefined)).toBeUndefined();
    expect(await exifr.parse(Buffer.from(bytes), ALL)).toBeUndefined();
  });

  it('an Exif item sharing bytes with the image, or stored elsewhere, is refused', async () => {
    const original = fixture('photo-gps.heic');
    const iloc = Buffer.from(original).indexOf('iloc') + 4;
    // iloc version 0, sizes 4/4/0: 4 bytes version and flags, 2 of sizes, 2 of count, then
    // per item: id (2), data reference (2), extent count (2), offset (4), length (4).
    const item = (n: number) => iloc + 8 + 14 * n;
    const view = new DataView(original.buffer.slice(0));
    const overlap = new Uint8Array(view.buffer);
    view.setUint32(item(1) + 6, view.getUint32(item(0) + 6));
    await expect(cleanBytes(overlap, 'heif')).rejects.toBeInstanceOf(DamagedFileError);

    const elsewhere = original.slice();
    new DataView(elsewhere.buffer).setUint16(item(1) + 2, 1);
    await expect(cleanBytes(elsewhere, 'heif')).rejects.toBeInstanceOf(DamagedFileError);

    const pastEnd = original.slice();
    new DataView(pastEnd.buffer).setUint32(item(1) + 10, 0x7fffffff);
    await expect(cleanBytes(pastEnd, 'heif')).rejects.toBeInstanceOf(DamagedFileError);

    const manyItems = original.slice();
    new DataView(manyItems.buffer).setUint16(iloc + 6, 0xffff);
    await expect(cleanBytes(manyItems, 'heif')).rejects.toBeInstanceOf(DamagedFileError);
  });
});

describe('sniffing and plans', () => {
  it('knows TIFF and HEIF still images by their bytes; BigTIFF and image sequences are not cleaned', () => {
    expect(sniffCleanable(fixture('photo-gps.tif'))).toBe('tiff');
    expect(sniffCleanable(fixture('scan-author-be.tif'))).toBe('tiff');
    expect(sniffCleanable(fixture('photo-gps.avif'))).toBe('heif');
    expect(sniffCleanable(Uint8Array.from([0x49, 0x49, 0x2b, 0, 8, 0, 0, 0]))).toBeNull();
    const ftyp = (brand: string) =>
      Uint8Array.from([0, 0, 0, 0x18, ...Buffer.from(`ftyp${brand}`), 0, 0, 2, 0]);
    expect(sniffCleanable(ftyp('isom'))).toBe('mp4');
    // An image sequence holds a still image's items beside a movie: neither cleaner fits.
    expect(sniffCleanable(ftyp('msf1'))).toBeNull();
    for (const mime of ['image/tiff', 'image/heic', 'image/heif', 'image/avif'])
      expect(cleaningPlan(mime, 1000)).toBeNull();
  });
});

describe('fuzz: damaged TIFF and HEIF files', () => {
  it('end in DamagedFileError or a copy of the same size, never a crash or a hang', async () => {
    let state = 11;
    const random = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const sources = [
      ['tiff', fixture('photo-gps.tif')],
      ['tiff', fixture('scan-author-be.tif')],
      ['heif', fixture('photo-gps.heic')],
      ['heif', fixture('photo-gps.avif')],
    ] as const;
    let refused = 0;
    let cleaned = 0;
    for (const [format, original] of sources) {
      for (let i = 0; i < 100; i += 1) {
        const mutant = Uint8Array.from(original);
        for (let f = 0; f < 1 + Math.floor(random() * 8); f += 1)
          mutant[Math.floor(random() * mutant.length)] = Math.floor(random() * 256);
        const input =
          random() < 0.3 ? mutant.subarray(0, Math.floor(random() * mutant.length)) : mutant;
        const started = Date.now();
        try {
          const { bytes } = await cleanBytes(input, format);
          expect(bytes.length).toBe(input.length);
          cleaned += 1;
        } catch (error) {
          expect(error).toBeInstanceOf(DamagedFileError);
          refused += 1;
        }
        expect(Date.now() - started).toBeLessThan(3000);
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(cleaned).toBeGreaterThan(0);
  });
});
