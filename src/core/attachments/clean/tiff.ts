import { zeroOutside } from './ranges';
import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

/** Bytes per value of each TIFF field type (TIFF 6.0 section 2, plus 13 = IFD from TIFF/EP). */
const TYPE_SIZES = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];

/**
 * The tags an image IFD keeps: what a reader needs to draw the image (TIFF 6.0 baseline and
 * extensions, the ICC profile) and the orientation. Everything else goes.
 */
const KEPT = new Set([
  0x00fe, 0x00ff, 0x0100, 0x0101, 0x0102, 0x0103, 0x0106, 0x0107, 0x0108, 0x0109, 0x010a, 0x0111,
  0x0112, 0x0115, 0x0116, 0x0117, 0x0118, 0x0119, 0x011a, 0x011b, 0x011c, 0x0122, 0x0123, 0x0124,
  0x0125, 0x0128, 0x012d, 0x013d, 0x013e, 0x013f, 0x0140, 0x0141, 0x0142, 0x0143, 0x0144, 0x0145,
  0x014a, 0x014c, 0x0150, 0x0151, 0x0152, 0x0153, 0x0154, 0x0155, 0x0156, 0x015b, 0x0200, 0x0201,
  0x0202, 0x0203, 0x0205, 0x0206, 0x0207, 0x0208, 0x0209, 0x0211, 0x0212, 0x0213, 0x0214, 0x8773,
]);
const STRIP_OFFSETS = 0x0111;
const STRIP_BYTE_COUNTS = 0x0117;
const TILE_OFFSETS = 0x0144;
const TILE_BYTE_COUNTS = 0x0145;
const JPEG_OFFSET = 0x0201;
const JPEG_LENGTH = 0x0202;
const SUB_IFDS = 0x014a;
/** Exif, GPS and Interoperability IFD pointers: the whole sub-IFD goes. */
const METADATA_IFDS = new Set([0x8769, 0x8825, 0xa005]);
const XMP = 0x02bc;
const IPTC = new Set([0x83bb, 0x8649]);

/** Bounds against hostile files: a real TIFF has a few pages, each of a few dozen tags. */
const MAX_IFDS = 1024;
const MAX_ENTRIES = 100_000;

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** Where the value is: inside the entry (4 bytes) or at an offset. */
  at: number;
  size: number;
  /** Where the 12-byte entry itself is. */
  entryAt: number;
}

/**
 * Removes identifying tags from a TIFF in place, so that every offset in the file (strips,
 * tiles, other IFDs) stays valid and the image data is not touched: each image IFD is rewritten
 * at the same place with only the tags a reader needs to draw the image and its orientation
 * (KEPT), the removed entries' values and the Exif, GPS and Interoperability IFDs are overwritten
 * with zeros. Removed: Artist, Copyright, Make, Model, serial numbers, DateTime, Software,
 * HostComputer, ImageDescription and any other descriptive tag ('tiff-tags'), the Exif and GPS
 * IFDs with maker notes ('exif'), XMP ('xmp'), IPTC and Photoshop resources ('iptc').
 * The output has the input's size. Classic TIFF only (BigTIFF is not sniffed as cleanable).
 */
export function cleanTiff(input: Uint8Array): CleanedCopy {
  const damaged = (reason: string) => new DamagedFileError('tiff', reason);
  if (input.length < 8) throw damaged('shorter than a header');
  const little = input[0] === 0x49 && input[1] === 0x49;
  if (!little && !(input[0] === 0x4d && input[1] === 0x4d)) throw damaged('no byte order');
  // A copy: Buffer.slice would give a view, and cleaning would change the caller's bytes.
  const out = new Uint8Array(input);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  if (u16(2) !== 42) throw damaged('not a classic TIFF');

  const removed: RemovedPart[] = [];
  const gone: [number, number][] = [];
  const kept: [number, number][] = [[0, 8]];
  const visited = new Set<number>();
  let entries = 0;

  /** The entries of the IFD at `at`, every value checked to lie inside the file. */
  const readIfd = (at: number): { entries: Entry[]; end: number } => {
    if (visited.has(at)) throw damaged('an IFD is reached twice');
    visited.add(at);
    if (visited.size > MAX_IFDS) throw damaged('too many IFDs');
    if (at < 8 || at + 2 > out.length) throw damaged('IFD offset past the end');
    const count = u16(at);
    const end = at + 2 + 12 * count + 4;
    if (end > out.length) throw damaged('IFD runs past the end');
    entries += count;
    if (entries > MAX_ENTRIES) throw damaged('too many entries');
    const list: Entry[] = [];
    for (let i = 0; i < count; i += 1) {
      const entryAt = at + 2 + 12 * i;
      const type = u16(entryAt + 2);
      const typeSize = TYPE_SIZES[type];
      if (!typeSize) throw damaged('unknown field type');
      const valueCount = u32(entryAt + 4);
      const size = typeSize * valueCount;
      const inline = size <= 4;
      const valueAt = inline ? entryAt + 8 : u32(entryAt + 8);
      if (!inline && valueAt + size > out.length) throw damaged('a value runs past the end');
      list.push({ tag: u16(entryAt), type, count: valueCount, at: valueAt, size, entryAt });
    }
    return { entries: list, end };
  };

  const values = (entry: Entry): number[] => {
    if (entry.type !== 3 && entry.type !== 4 && entry.type !== 13)
      throw damaged('an offset of a wrong type');
    const step = entry.type === 3 ? 2 : 4;
    const list: number[] = [];
    for (let i = 0; i < entry.count; i += 1)
      list.push(step === 2 ? u16(entry.at + 2 * i) : u32(entry.at + 4 * i));
    return list;
  };

  /** A metadata IFD (Exif, GPS, Interop) and everything it points to, zeroed. */
  const dropIfd = (at: number) => {
    const ifd = readIfd(at);
    gone.push([at, ifd.end]);
    for (const entry of ifd.entries) {
      if (entry.size > 4) gone.push([entry.at, entry.at + entry.size]);
      if (METADATA_IFDS.has(entry.tag)) for (const sub of values(entry)) dropIfd(sub);
    }
  };

  /** Pairs of offsets and lengths (strips, tiles) as ranges the cleaning must not touch. */
  const keepData = (list: Entry[], offsetsTag: number, lengthsTag: number) => {
    const offsets = list.find((e) => e.tag === offsetsTag);
    const lengths = list.find((e) => e.tag === lengthsTag);
    if (!offsets && !lengths) return;
    if (!offsets || !lengths) throw damaged('image data offsets without their lengths');
    const starts = values(offsets);
    const sizes = values(lengths);
    if (starts.length !== sizes.length) throw damaged('image data offsets and lengths differ');
    starts.forEach((start, i) => {
      if (start + sizes[i]! > out.length) throw damaged('image data runs past the end');
      kept.push([start, start + sizes[i]!]);
    });
  };

  const pending = [u32(4)];
  while (pending.length > 0) {
    const at = pending.shift()!;
    const ifd = readIfd(at);
    kept.push([at, ifd.end]);
    const keep = ifd.entries.filter((entry) => KEPT.has(entry.tag));
    for (const entry of ifd.entries) {
      if (KEPT.has(entry.tag)) {
        if (entry.size > 4) kept.push([entry.at, entry.at + entry.size]);
        continue;
      }
      if (METADATA_IFDS.has(entry.tag)) {
        removed.push('exif');
        for (const sub of values(entry)) dropIfd(sub);
      } else if (entry.tag === XMP) removed.push('xmp');
      else if (IPTC.has(entry.tag)) removed.push('iptc');
      else removed.push('tiff-tags');
      if (entry.size > 4) gone.push([entry.at, entry.at + entry.size]);
    }
    keepData(ifd.entries, STRIP_OFFSETS, STRIP_BYTE_COUNTS);
    keepData(ifd.entries, TILE_OFFSETS, TILE_BYTE_COUNTS);
    keepData(ifd.entries, JPEG_OFFSET, JPEG_LENGTH);
    for (const entry of keep) if (entry.tag === SUB_IFDS) pending.push(...values(entry));
    const next = u32(ifd.end - 4);
    if (next !== 0) pending.push(next);
    if (keep.length < ifd.entries.length) rewriteIfd(out, at, ifd.end, keep, little);
  }
  zeroOutside(out, gone, kept);
  return { bytes: out, removed: sortedParts(removed) };
}

/** The IFD at `at` with only `keep` (in their order), its next-IFD offset, then zeros. */
function rewriteIfd(out: Uint8Array, at: number, end: number, keep: Entry[], little: boolean) {
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const next = view.getUint32(end - 4, little);
  const table = keep.map((entry) => out.slice(entry.entryAt, entry.entryAt + 12));
  out.fill(0, at, end);
  view.setUint16(at, keep.length, little);
  table.forEach((entry, i) => out.set(entry, at + 2 + 12 * i));
  view.setUint32(at + 2 + 12 * keep.length, next, little);
}
