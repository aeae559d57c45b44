import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

const PADDING = 1;
const APPLICATION = 2;
const VORBIS_COMMENT = 4;
const PICTURE = 6;

/**
 * Empties the metadata blocks of a FLAC file in place: VORBIS_COMMENT (artist, comments,
 * dates, encoder), PICTURE (cover photos) and APPLICATION blocks become PADDING blocks of the
 * same length, zeroed, the last-block flag kept. STREAMINFO, SEEKTABLE (offsets relative to the
 * first frame, still valid as nothing moves) and CUESHEET stay, and so do the audio frames.
 */
export function cleanFlac(input: Uint8Array): CleanedCopy {
  const damaged = (reason: string) => new DamagedFileError('flac', reason);
  if (input.length < 8 || String.fromCharCode(...input.subarray(0, 4)) !== 'fLaC')
    throw damaged('no fLaC marker');
  // A copy: Buffer.slice would give a view, and cleaning would change the caller's bytes.
  const out = new Uint8Array(input);
  const removed: RemovedPart[] = [];
  let pos = 4;
  for (let blocks = 0; ; blocks += 1) {
    if (pos + 4 > out.length) throw damaged('truncated metadata block');
    if (blocks > 10_000) throw damaged('too many metadata blocks');
    const last = out[pos]! & 0x80;
    const type = out[pos]! & 0x7f;
    const size = (out[pos + 1]! << 16) | (out[pos + 2]! << 8) | out[pos + 3]!;
    const end = pos + 4 + size;
    if (type === 127 || end > out.length) throw damaged('bad metadata block');
    if (blocks === 0 && type !== 0) throw damaged('no STREAMINFO first');
    if (type === VORBIS_COMMENT || type === PICTURE || type === APPLICATION) {
      removed.push('media-tags');
      out[pos] = last | PADDING;
      out.fill(0, pos + 4, end);
    }
    pos = end;
    if (last) break;
  }
  return { bytes: out, removed: sortedParts(removed) };
}
