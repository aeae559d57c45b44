import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

/**
 * Removes metadata segments from a JPEG without touching the compressed image: the file is a
 * list of marker segments (ITU T.81, B.1.1.4), and the image data is copied as it is.
 * Kept: the tables and frame/scan headers, APP0 JFIF (pixel density), APP2 ICC_PROFILE (colours)
 * and APP14 Adobe (colour transform), which rendering needs. Removed: APP1 (EXIF, XMP), APP13
 * (IPTC), COM, APP2 MPF (it points at the extra images after EOI, which go too), every other APPn,
 * and anything after EOI. The EXIF orientation, which rendering needs, is written back alone in a
 * minimal EXIF segment when it is not the default (see `orientation`).
 *
 * Our own code rather than a library: the maintained JPEG libraries decode and re-encode (sharp,
 * jimp) or only edit EXIF (piexifjs, unmaintained since 2019); walking segments is a short loop.
 */
export function cleanJpeg(input: Uint8Array, orientation: number): CleanedCopy {
  const damaged = (reason: string) => new DamagedFileError('jpeg', reason);
  if (input.length < 4 || input[0] !== 0xff || input[1] !== 0xd8) throw damaged('no SOI marker');
  const parts: Uint8Array[] = [input.subarray(0, 2)];
  const removed: RemovedPart[] = [];
  let pos = 2;
  let inserted = false;
  const insertOrientation = () => {
    if (inserted) return;
    inserted = true;
    if (orientation >= 2 && orientation <= 8) parts.push(orientationSegment(orientation));
  };
  let sawScan = false;
  for (;;) {
    if (pos >= input.length) throw damaged('ends before EOI');
    if (input[pos] !== 0xff) {
      if (!sawScan) throw damaged('bytes between segments');
      // Entropy-coded data of the scan: copy up to the next marker that is not a stuffed
      // 0xFF00 or a restart marker.
      const start = pos;
      pos = nextMarker(input, pos);
      parts.push(input.subarray(start, pos));
      continue;
    }
    // Fill bytes (0xFF repeated) before a marker are allowed; keep one.
    let m = pos + 1;
    while (m < input.length && input[m] === 0xff) m += 1;
    if (m >= input.length) throw damaged('ends inside a marker');
    const marker = input[m]!;
    if (marker === 0x00 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      if (!sawScan && marker !== 0x01) throw damaged('scan data before a scan');
      parts.push(input.subarray(pos, m + 1));
      pos = m + 1;
      continue;
    }
    if (marker === 0xd9) {
      if (!sawScan) throw damaged('EOI before any scan');
      insertOrientation();
      parts.push(input.subarray(m - 1, m + 1));
      if (m + 1 < input.length) removed.push('trailer');
      break;
    }
    if (marker === 0xd8) throw damaged('a second SOI');
    if (m + 3 > input.length) throw damaged('truncated segment length');
    const length = (input[m + 1]! << 8) | input[m + 2]!;
    const end = m + 1 + length;
    if (length < 2 || end > input.length) throw damaged('segment runs past the end');
    const segment = input.subarray(m - 1, end);
    const body = input.subarray(m + 3, end);
    const drop = dropReason(marker, body);
    if (drop) removed.push(drop);
    else {
      // The orientation segment goes after APP0 JFIF when there is one (JFIF wants to be first).
      if (!(marker === 0xe0 && startsWith(body, 'JFIF\0'))) insertOrientation();
      parts.push(segment);
    }
    if (marker === 0xda) sawScan = true;
    pos = end;
  }
  return { bytes: concat(parts), removed: sortedParts(removed) };
}

function dropReason(marker: number, body: Uint8Array): RemovedPart | null {
  if (marker === 0xfe) return 'comment';
  if (marker < 0xe0 || marker > 0xef) return null;
  if (marker === 0xe0) return startsWith(body, 'JFIF\0') ? null : 'app-segment';
  if (marker === 0xe1) {
    if (startsWith(body, 'Exif\0')) return 'exif';
    if (startsWith(body, 'http://ns.adobe.com/')) return 'xmp';
    return 'app-segment';
  }
  if (marker === 0xe2) {
    if (startsWith(body, 'ICC_PROFILE\0')) return null;
    if (startsWith(body, 'MPF\0')) return 'mpf';
    return 'app-segment';
  }
  if (marker === 0xed) return 'iptc';
  if (marker === 0xee && startsWith(body, 'Adobe')) return null;
  return 'app-segment';
}

/** Index of the next 0xFF that starts a real marker (not 0xFF00, not RSTn), or the end. */
function nextMarker(input: Uint8Array, from: number): number {
  let i = from;
  for (;;) {
    i = input.indexOf(0xff, i);
    if (i < 0 || i + 1 >= input.length) return input.length;
    const next = input[i + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) {
      i += 2;
      continue;
    }
    return i;
  }
}

/** APP1 "Exif" with a big-endian TIFF header and one IFD holding only Orientation (0x0112). */
function orientationSegment(orientation: number): Uint8Array {
  const body = [
    ...[0x45, 0x78, 0x69, 0x66, 0, 0], // "Exif\0\0"
    ...[0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8], // "MM", 42, IFD0 at offset 8
    ...[0, 1], // one entry
    ...[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0], // Orientation, SHORT, 1 value
    ...[0, 0, 0, 0], // no next IFD
  ];
  const length = body.length + 2;
  return Uint8Array.from([0xff, 0xe1, length >> 8, length & 0xff, ...body]);
}

function startsWith(bytes: Uint8Array, ascii: string): boolean {
  if (bytes.length < ascii.length) return false;
  for (let i = 0; i < ascii.length; i += 1) if (bytes[i] !== ascii.charCodeAt(i)) return false;
  return true;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
