import { orientationOfTiff, orientationTiff } from './exif-orientation';
import { concat } from './jpeg';
import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

/** VP8X flag bits (WebP container spec, "Extended file format"). */
const EXIF_FLAG = 0x08;
const XMP_FLAG = 0x04;
const IMAGE_CHUNKS = new Set(['VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF']);

/**
 * Removes the EXIF and XMP chunks of a WebP, clears their flags in the VP8X header and rewrites
 * the RIFF size; the image chunks (VP8, VP8L, ALPH, ANIM/ANMF, ICCP) are copied as they are.
 * Anything past the RIFF size goes too. When the EXIF turned the picture (Orientation 2-8), a new
 * EXIF chunk holding only Orientation goes where the container spec puts EXIF (after the image
 * data), with its VP8X flag set. A WebP without VP8X (the simple format) cannot carry EXIF, so
 * readers never applied an EXIF chunk found there: it goes with nothing kept.
 */
export async function cleanWebp(input: Uint8Array): Promise<CleanedCopy> {
  const damaged = (reason: string) => new DamagedFileError('webp', reason);
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  if (input.length < 20 || ascii(input, 0) !== 'RIFF' || ascii(input, 8) !== 'WEBP')
    throw damaged('no RIFF WEBP header');
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > input.length || riffEnd < 12) throw damaged('RIFF size past the end');
  const chunks: Uint8Array[] = [];
  const removed: RemovedPart[] = [];
  let pos = 12;
  let orientation = 1;
  let vp8x: Uint8Array | null = null;
  // Where a kept EXIF goes: after the last image chunk, before XMP and unknown chunks.
  let afterImage = 0;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) throw damaged('truncated chunk header');
    const fourcc = ascii(input, pos);
    const size = view.getUint32(pos + 4, true);
    const end = pos + 8 + size + (size & 1);
    if (end > riffEnd) throw damaged('chunk runs past the end');
    if (fourcc === 'EXIF') {
      removed.push('exif');
      if (orientation === 1)
        orientation = await orientationOfTiff(input.subarray(pos + 8, pos + 8 + size));
    } else if (fourcc === 'XMP ') removed.push('xmp');
    else if (fourcc === 'VP8X') {
      if (size < 10) throw damaged('short VP8X chunk');
      // A copy: the flags are patched below, and on a Node Buffer slice() is a view of the input.
      vp8x = new Uint8Array(input.subarray(pos, end));
      vp8x[8] = vp8x[8]! & ~(EXIF_FLAG | XMP_FLAG);
      chunks.push(vp8x);
    } else {
      chunks.push(input.subarray(pos, end));
      if (IMAGE_CHUNKS.has(fourcc)) afterImage = chunks.length;
    }
    pos = end;
  }
  if (chunks.length === 0) throw damaged('no image chunk');
  if (riffEnd < input.length) removed.push('trailer');
  if (orientation !== 1 && vp8x) {
    vp8x[8] = vp8x[8]! | EXIF_FLAG;
    chunks.splice(afterImage, 0, exifChunk(orientationTiff(orientation)));
  }
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(input.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return { bytes: concat([header, body]), removed: sortedParts(removed) };
}

/** A RIFF chunk "EXIF": fourcc, little-endian size, data, a pad byte to an even size. */
function exifChunk(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length + (data.length & 1));
  out.set([0x45, 0x58, 0x49, 0x46]);
  new DataView(out.buffer).setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}
