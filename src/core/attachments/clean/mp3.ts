import type { CleanEdits, ReadRange } from './edits';
import { DamagedFileError, type RemovedPart, sortedParts } from './types';

/**
 * Removes the tags of an MP3: ID3v2 tags at the start (artist, comments, dates, pictures,
 * private frames; several in a row are all removed), an APEv2 tag and an ID3v1 tag at the end.
 * The MPEG audio frames between them are copied as they are: an MP3 has no offsets to fix.
 * An ID3v2 tag appended at the end (with a footer, "3DI") goes too. Only the tag headers and
 * footers are read.
 */
export async function planMp3(read: ReadRange, size: number): Promise<CleanEdits> {
  const damaged = (reason: string) => new DamagedFileError('mp3', reason);
  const removed: RemovedPart[] = [];
  let start = 0;
  for (let tags = 0; start + 10 <= size; tags += 1) {
    const head = await read(start, start + 10);
    if (ascii(head, 0, 3) !== 'ID3') break;
    if (tags > 10_000) throw damaged('too many ID3v2 tags');
    const length = syncsafe(head, 6);
    if (length === null) throw damaged('bad ID3v2 size');
    const footer = head[5]! & 0x10 ? 10 : 0;
    const end = start + 10 + length + footer;
    if (end > size) throw damaged('ID3v2 tag runs past the end');
    removed.push('media-tags');
    start = end;
  }
  let end = size;
  for (let changed = true, tags = 0; changed; tags += 1) {
    changed = false;
    if (tags > 10_000) throw damaged('too many tags at the end');
    if (end - start >= 128 && ascii(await read(end - 128, end - 125), 0, 3) === 'TAG') {
      end -= 128;
      removed.push('media-tags');
      changed = true;
    }
    if (end - start >= 32) {
      const footer = await read(end - 32, end);
      if (ascii(footer, 0, 8) === 'APETAGEX') {
        const view = new DataView(footer.buffer, footer.byteOffset, footer.byteLength);
        const length = view.getUint32(12, true);
        const header = view.getUint32(20, true) & 0x80000000 ? 32 : 0;
        if (length + header > end - start) throw damaged('APE tag runs past the start');
        end -= length + header;
        removed.push('media-tags');
        changed = true;
      }
    }
    if (end - start >= 10) {
      const footer = await read(end - 10, end);
      if (ascii(footer, 0, 3) === '3DI') {
        const length = syncsafe(footer, 6);
        if (length === null || length + 20 > end - start) throw damaged('bad appended ID3v2 tag');
        end -= length + 20;
        removed.push('media-tags');
        changed = true;
      }
    }
  }
  if (end <= start) throw damaged('no audio frames');
  const edits = [];
  if (start > 0) edits.push({ start: 0, end: start, bytes: new Uint8Array(0) });
  if (end < size) edits.push({ start: end, end: size, bytes: new Uint8Array(0) });
  return { edits, removed: sortedParts(removed) };
}

/** A 28-bit ID3v2 size (7 bits a byte), null when a byte has its high bit set. */
function syncsafe(bytes: Uint8Array, at: number): number | null {
  let value = 0;
  for (let i = 0; i < 4; i += 1) {
    const b = bytes[at + i]!;
    if (b & 0x80) return null;
    value = (value << 7) | b;
  }
  return value;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
