import { type Box, BoxError, childBoxes } from './isobmff';
import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

/** Boxes that only group others: walked for metadata inside them. */
const CONTAINERS = new Set([
  'moov',
  'trak',
  'mdia',
  'minf',
  'stbl',
  'edts',
  'dinf',
  'moof',
  'traf',
]);
/** uuid of an XMP box (Adobe XMP specification, part 3, MP4). */
const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';

/**
 * Removes the metadata of an MP4, M4A or MOV file in place: every `udta` box (user data: ©xyz
 * location, ©ART, ©day, ©mak/©mod, ©too, iTunes `meta`), every `meta` box (QuickTime `mdta`
 * keys such as com.apple.quicktime.location.ISO6709, make, model, software, creation date) and
 * every XMP `uuid` box, at any depth of moov and its tracks and at the top, become `free` boxes
 * of the same size, their bodies zeroed. Nothing moves: the sample offsets (stco/co64) that
 * point into mdat stay valid and the audio and video samples are untouched. The creation times
 * in mvhd/tkhd/mdhd (a date, not a person or a place) are kept.
 */
export function cleanMp4(input: Uint8Array): CleanedCopy {
  const damaged = (reason: string) => new DamagedFileError('mp4', reason);
  // A copy: Buffer.slice would give a view, and cleaning would change the caller's bytes.
  const out = new Uint8Array(input);
  const removed: RemovedPart[] = [];
  const free = (box: Box) => {
    out.set([0x66, 0x72, 0x65, 0x65], box.start + 4); // 'free'
    // A 64-bit size stays as it is; only the body goes.
    out.fill(0, box.body, box.end);
  };
  const walk = (from: number, to: number, depth: number) => {
    if (depth > 16) throw damaged('boxes nested too deep');
    for (const box of childBoxes(out, from, to)) {
      if (box.type === 'udta' || box.type === 'meta') {
        removed.push('media-tags');
        free(box);
      } else if (box.type === 'uuid' && hex(out.subarray(box.body, box.body + 16)) === XMP_UUID) {
        removed.push('xmp');
        free(box);
      } else if (CONTAINERS.has(box.type)) walk(box.body, box.end, depth + 1);
    }
  };
  try {
    const top = childBoxes(out, 0, out.length);
    if (!top.some((box) => box.type === 'moov' || box.type === 'moof'))
      throw damaged('no moov box');
    walk(0, out.length, 0);
  } catch (error) {
    if (error instanceof BoxError || error instanceof RangeError) throw damaged(error.message);
    throw error;
  }
  return { bytes: out, removed: sortedParts(removed) };
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
