import { crc32 } from 'node:zlib';
import { orientationOfTiff, orientationTiff } from './exif-orientation';
import { concat } from './jpeg';
import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DROPPED: Record<string, RemovedPart> = {
  tEXt: 'png-text',
  zTXt: 'png-text',
  iTXt: 'png-text',
  eXIf: 'exif',
  tIME: 'png-time',
};

/**
 * Removes the text chunks (tEXt, zTXt, iTXt: author, comments, XMP), eXIf and tIME from a PNG,
 * copying every other chunk byte for byte (image data, palette, colour profile). Anything after
 * IEND goes too. A PNG is a signature and a list of length-type-data-CRC chunks (PNG spec, 5.3):
 * a short loop of ours, as for JPEG (docs/attachments.md says why no library). When the eXIf
 * chunk turned the picture (Orientation 2-8), a new eXIf holding only Orientation takes its
 * place before the first IDAT, as the PNG spec wants it.
 */
export async function cleanPng(input: Uint8Array): Promise<CleanedCopy> {
  const damaged = (reason: string) => new DamagedFileError('png', reason);
  if (input.length < 8 || SIGNATURE.some((b, i) => input[i] !== b)) throw damaged('no signature');
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const parts: Uint8Array[] = [input.subarray(0, 8)];
  const removed: RemovedPart[] = [];
  let pos = 8;
  let orientation = 1;
  let orientationAt = -1;
  for (;;) {
    if (pos + 12 > input.length) throw damaged('ends before IEND');
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...input.subarray(pos + 4, pos + 8));
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) throw damaged('bad chunk header');
    const end = pos + 12 + length;
    if (end > input.length) throw damaged('chunk runs past the end');
    const drop = DROPPED[type];
    if (type === 'eXIf' && orientation === 1)
      orientation = await orientationOfTiff(input.subarray(pos + 8, end - 4));
    if (type === 'IDAT' && orientationAt < 0) orientationAt = parts.length;
    if (drop) removed.push(drop);
    else parts.push(input.subarray(pos, end));
    pos = end;
    if (type === 'IEND') break;
  }
  if (pos < input.length) removed.push('trailer');
  if (orientation !== 1) {
    if (orientationAt < 0) throw damaged('no IDAT chunk');
    parts.splice(orientationAt, 0, chunk('eXIf', orientationTiff(orientation)));
  }
  return { bytes: concat(parts), removed: sortedParts(removed) };
}

/** One PNG chunk: length, type, data, CRC of type and data (PNG spec, 5.3). */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i += 1) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
