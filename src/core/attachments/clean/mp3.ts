import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

/**
 * Removes the tags of an MP3: ID3v2 tags at the start (artist, comments, dates, pictures,
 * private frames; several in a row are all removed), an APEv2 tag and an ID3v1 tag at the end.
 * The MPEG audio frames between them are copied as they are: an MP3 has no offsets to fix.
 * An ID3v2 tag appended at the end (with a footer, "3DI") goes too.
 */
export function cleanMp3(input: Uint8Array): CleanedCopy {
  const damaged = (reason: string) => new DamagedFileError('mp3', reason);
  const removed: RemovedPart[] = [];
  let start = 0;
  while (start + 10 <= input.length && ascii(input, start, 3) === 'ID3') {
    const size = syncsafe(input, start + 6);
    if (size === null) throw damaged('bad ID3v2 size');
    const footer = input[start + 5]! & 0x10 ? 10 : 0;
    const end = start + 10 + size + footer;
    if (end > input.length) throw damaged('ID3v2 tag runs past the end');
    removed.push('media-tags');
    start = end;
  }
  let end = input.length;
  for (let changed = true; changed;) {
    changed = false;
    if (end - start >= 128 && ascii(input, end - 128, 3) === 'TAG') {
      end -= 128;
      removed.push('media-tags');
      changed = true;
    }
    if (end - start >= 32 && ascii(input, end - 32, 8) === 'APETAGEX') {
      const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
      const size = view.getUint32(end - 32 + 12, true);
      const header = view.getUint32(end - 32 + 20, true) & 0x80000000 ? 32 : 0;
      if (size + header > end - start) throw damaged('APE tag runs past the start');
      end -= size + header;
      removed.push('media-tags');
      changed = true;
    }
    if (end - start >= 10 && ascii(input, end - 10, 3) === '3DI') {
      const size = syncsafe(input, end - 10 + 6);
      if (size === null || size + 20 > end - start) throw damaged('bad appended ID3v2 tag');
      end -= size + 20;
      removed.push('media-tags');
      changed = true;
    }
  }
  if (end <= start) throw damaged('no audio frames');
  return { bytes: new Uint8Array(input.subarray(start, end)), removed: sortedParts(removed) };
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
