import type { CleanEdits, Edit, ReadRange } from './edits';
import { DamagedFileError, type RemovedPart, sortedParts } from './types';

const PADDING = 1;
const APPLICATION = 2;
const VORBIS_COMMENT = 4;
const PICTURE = 6;

/**
 * Empties the metadata blocks of a FLAC file in place: VORBIS_COMMENT (artist, comments,
 * dates, encoder), PICTURE (cover photos) and APPLICATION blocks become PADDING blocks of the
 * same length, zeroed, the last-block flag kept. STREAMINFO, SEEKTABLE (offsets relative to the
 * first frame, still valid as nothing moves) and CUESHEET stay, and so do the audio frames.
 * Only the block headers are read.
 */
export async function planFlac(read: ReadRange, size: number): Promise<CleanEdits> {
  const damaged = (reason: string) => new DamagedFileError('flac', reason);
  const magic = await read(0, 4);
  if (size < 8 || String.fromCharCode(...magic) !== 'fLaC') throw damaged('no fLaC marker');
  const edits: Edit[] = [];
  const removed: RemovedPart[] = [];
  let pos = 4;
  for (let blocks = 0; ; blocks += 1) {
    if (pos + 4 > size) throw damaged('truncated metadata block');
    if (blocks > 10_000) throw damaged('too many metadata blocks');
    const head = await read(pos, pos + 4);
    const last = head[0]! & 0x80;
    const type = head[0]! & 0x7f;
    const length = (head[1]! << 16) | (head[2]! << 8) | head[3]!;
    const end = pos + 4 + length;
    if (type === 127 || end > size) throw damaged('bad metadata block');
    if (blocks === 0 && type !== 0) throw damaged('no STREAMINFO first');
    if (type === VORBIS_COMMENT || type === PICTURE || type === APPLICATION) {
      removed.push('media-tags');
      edits.push({ start: pos, end: pos + 1, bytes: new Uint8Array([last | PADDING]) });
      if (length > 0) edits.push({ start: pos + 4, end, zeros: length });
    }
    pos = end;
    if (last) break;
  }
  return { edits, removed: sortedParts(removed) };
}
