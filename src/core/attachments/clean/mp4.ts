import type { CleanEdits, Edit, ReadRange } from './edits';
import { type Box, BoxError, MAX_BOXES, boxAt } from './isobmff';
import { DamagedFileError, type RemovedPart, sortedParts } from './types';

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
const FREE = new Uint8Array([0x66, 0x72, 0x65, 0x65]);

/**
 * Removes the metadata of an MP4, M4A or MOV file in place: every `udta` box (user data: ©xyz
 * location, ©ART, ©day, ©mak/©mod, ©too, iTunes `meta`), every `meta` box (QuickTime `mdta`
 * keys such as com.apple.quicktime.location.ISO6709, make, model, software, creation date) and
 * every XMP `uuid` box, at any depth of moov and its tracks and at the top, become `free` boxes
 * of the same size, their bodies zeroed. Nothing moves: the sample offsets (stco/co64) that
 * point into mdat stay valid and the audio and video samples are untouched. The creation times
 * in mvhd/tkhd/mdhd (a date, not a person or a place) are kept.
 *
 * Only box headers are read (and the first 16 bytes of `uuid` boxes): a 2 GB video is planned
 * from a few kilobytes of it.
 */
export async function planMp4(read: ReadRange, size: number): Promise<CleanEdits> {
  const damaged = (reason: string) => new DamagedFileError('mp4', reason);
  const edits: Edit[] = [];
  const removed: RemovedPart[] = [];
  let count = 0;
  const free = (box: Box) => {
    // A 64-bit size stays as it is; only the type and the body change.
    edits.push({ start: box.start + 4, end: box.start + 8, bytes: FREE });
    if (box.end > box.body)
      edits.push({ start: box.body, end: box.end, zeros: box.end - box.body });
  };
  const walk = async (from: number, to: number, depth: number): Promise<Box[]> => {
    if (depth > 16) throw damaged('boxes nested too deep');
    const boxes = await boxesIn(read, from, to, () => {
      count += 1;
      if (count > MAX_BOXES) throw new BoxError('too many boxes');
    });
    for (const box of boxes) {
      if (box.type === 'udta' || box.type === 'meta') {
        removed.push('media-tags');
        free(box);
      } else if (box.type === 'uuid' && hex(await read(box.body, box.body + 16)) === XMP_UUID) {
        removed.push('xmp');
        free(box);
      } else if (CONTAINERS.has(box.type)) await walk(box.body, box.end, depth + 1);
    }
    return boxes;
  };
  try {
    const top = await walk(0, size, 0);
    if (!top.some((box) => box.type === 'moov' || box.type === 'moof'))
      throw damaged('no moov box');
  } catch (error) {
    if (error instanceof BoxError || error instanceof RangeError) throw damaged(error.message);
    throw error;
  }
  return { edits, removed: sortedParts(removed) };
}

/** The boxes laid end to end in [from, to), read header by header. */
async function boxesIn(
  read: ReadRange,
  from: number,
  to: number,
  counted: () => void,
): Promise<Box[]> {
  const boxes: Box[] = [];
  for (let at = from; at < to;) {
    const box = boxAt(await read(at, Math.min(to, at + 16)), 0, at, to);
    boxes.push(box);
    counted();
    at = box.end;
  }
  return boxes;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}
