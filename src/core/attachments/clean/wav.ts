import { concat } from './jpeg';
import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

/**
 * Chunks of a WAV file that describe it rather than hold its sound: LIST (INFO: artist,
 * comment, creation date, software), ID3 tags, bext (Broadcast Wave: originator, reference,
 * date), iXML and XMP (_PMX). Removed with their bytes; the RIFF size is rewritten.
 */
const DROPPED = new Set(['LIST', 'id3 ', 'ID3 ', 'bext', 'iXML', '_PMX']);

/** Removes the metadata chunks of a RIFF WAVE file; fmt, data and the others are copied. */
export function cleanWav(input: Uint8Array): CleanedCopy {
  const damaged = (reason: string) => new DamagedFileError('wav', reason);
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  if (input.length < 12 || ascii(input, 0) !== 'RIFF' || ascii(input, 8) !== 'WAVE')
    throw damaged('no RIFF WAVE header');
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > input.length || riffEnd < 12) throw damaged('RIFF size past the end');
  const chunks: Uint8Array[] = [];
  const removed: RemovedPart[] = [];
  let sawData = false;
  for (let pos = 12; pos < riffEnd;) {
    if (pos + 8 > riffEnd) throw damaged('truncated chunk header');
    const id = ascii(input, pos);
    const size = view.getUint32(pos + 4, true);
    if (pos + 8 + size > riffEnd) throw damaged('chunk runs past the end');
    // The pad byte after an odd-sized chunk may be missing at the very end.
    const end = Math.min(pos + 8 + size + (size & 1), riffEnd);
    if (DROPPED.has(id)) removed.push(id === '_PMX' ? 'xmp' : 'media-tags');
    else {
      if (id === 'data') sawData = true;
      chunks.push(input.subarray(pos, end));
    }
    pos = end;
  }
  if (!sawData) throw damaged('no data chunk');
  if (riffEnd < input.length) removed.push('trailer');
  const body = concat(chunks);
  const header = new Uint8Array(input.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return { bytes: concat([header, body]), removed: sortedParts(removed) };
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}
