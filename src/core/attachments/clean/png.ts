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
 * a short loop of ours, as for JPEG (docs/attachments.md says why no library).
 */
export function cleanPng(input: Uint8Array): CleanedCopy {
  const damaged = (reason: string) => new DamagedFileError('png', reason);
  if (input.length < 8 || SIGNATURE.some((b, i) => input[i] !== b)) throw damaged('no signature');
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const parts: Uint8Array[] = [input.subarray(0, 8)];
  const removed: RemovedPart[] = [];
  let pos = 8;
  for (;;) {
    if (pos + 12 > input.length) throw damaged('ends before IEND');
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...input.subarray(pos + 4, pos + 8));
    if (length > 0x7fffffff || !/^[A-Za-z]{4}$/.test(type)) throw damaged('bad chunk header');
    const end = pos + 12 + length;
    if (end > input.length) throw damaged('chunk runs past the end');
    const drop = DROPPED[type];
    if (drop) removed.push(drop);
    else parts.push(input.subarray(pos, end));
    pos = end;
    if (type === 'IEND') break;
  }
  if (pos < input.length) removed.push('trailer');
  return { bytes: concat(parts), removed: sortedParts(removed) };
}
