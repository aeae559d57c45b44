import type { CleanEdits, Edit, ReadRange } from './edits';
import { DamagedFileError, type RemovedPart, sortedParts } from './types';

/**
 * Chunks of a WAV file that describe it rather than hold its sound: LIST (INFO: artist,
 * comment, creation date, software), ID3 tags, bext (Broadcast Wave: originator, reference,
 * date), iXML and XMP (_PMX). Removed with their bytes; the RIFF size is rewritten.
 */
const DROPPED = new Set(['LIST', 'id3 ', 'ID3 ', 'bext', 'iXML', '_PMX']);

/**
 * Removes the metadata chunks of a RIFF WAVE file; fmt, data and the others are copied. Only
 * the chunk headers are read.
 */
export async function planWav(read: ReadRange, size: number): Promise<CleanEdits> {
  const damaged = (reason: string) => new DamagedFileError('wav', reason);
  const header = await read(0, 12);
  if (size < 12 || ascii(header, 0) !== 'RIFF' || ascii(header, 8) !== 'WAVE')
    throw damaged('no RIFF WAVE header');
  const riffEnd = 8 + view(header).getUint32(4, true);
  if (riffEnd > size || riffEnd < 12) throw damaged('RIFF size past the end');
  const edits: Edit[] = [];
  const removed: RemovedPart[] = [];
  let sawData = false;
  let dropped = 0;
  let chunks = 0;
  for (let pos = 12; pos < riffEnd;) {
    if (pos + 8 > riffEnd) throw damaged('truncated chunk header');
    const chunk = await read(pos, pos + 8);
    const id = ascii(chunk, 0);
    const length = view(chunk).getUint32(4, true);
    if (pos + 8 + length > riffEnd) throw damaged('chunk runs past the end');
    // The pad byte after an odd-sized chunk may be missing at the very end.
    const end = Math.min(pos + 8 + length + (length & 1), riffEnd);
    if (DROPPED.has(id)) {
      removed.push(id === '_PMX' ? 'xmp' : 'media-tags');
      edits.push({ start: pos, end, bytes: new Uint8Array(0) });
      dropped += end - pos;
    } else if (id === 'data') sawData = true;
    pos = end;
    chunks += 1;
    if (chunks > 100_000) throw damaged('too many chunks');
  }
  if (!sawData) throw damaged('no data chunk');
  if (riffEnd < size) {
    removed.push('trailer');
    edits.push({ start: riffEnd, end: size, bytes: new Uint8Array(0) });
  }
  const riffSize = new Uint8Array(4);
  view(riffSize).setUint32(0, riffEnd - 8 - dropped, true);
  edits.unshift({ start: 4, end: 8, bytes: riffSize });
  return { edits, removed: sortedParts(removed) };
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}
