import { concat } from './jpeg';
import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

/** VP8X flag bits (WebP container spec, "Extended file format"). */
const EXIF_FLAG = 0x08;
const XMP_FLAG = 0x04;

/**
 * Removes the EXIF and XMP chunks of a WebP, clears their flags in the VP8X header and rewrites
 * the RIFF size; the image chunks (VP8, VP8L, ALPH, ANIM/ANMF, ICCP) are copied as they are.
 * Anything past the RIFF size goes too.
 */
export function cleanWebp(input: Uint8Array): CleanedCopy {
  const damaged = (reason: string) => new DamagedFileError('webp', reason);
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  if (input.length < 20 || ascii(input, 0) !== 'RIFF' || ascii(input, 8) !== 'WEBP')
    throw damaged('no RIFF WEBP header');
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > input.length || riffEnd < 12) throw damaged('RIFF size past the end');
  const chunks: Uint8Array[] = [];
  const removed: RemovedPart[] = [];
  let pos = 12;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) throw damaged('truncated chunk header');
    const fourcc = ascii(input, pos);
    const size = view.getUint32(pos + 4, true);
    const end = pos + 8 + size + (size & 1);
    if (end > riffEnd) throw damaged('chunk runs past the end');
    if (fourcc === 'EXIF') removed.push('exif');
    else if (fourcc === 'XMP ') removed.push('xmp');
    else if (fourcc === 'VP8X') {
      if (size < 10) throw damaged('short VP8X chunk');
      const copy = input.slice(pos, end);
      copy[8] = copy[8]! & ~(EXIF_FLAG | XMP_FLAG);
      chunks.push(copy);
    } else chunks.push(input.subarray(pos, end));
    pos = end;
  }
  if (chunks.length === 0) throw damaged('no image chunk');
  if (riffEnd < input.length) removed.push('trailer');
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(input.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return { bytes: concat([header, body]), removed: sortedParts(removed) };
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}
