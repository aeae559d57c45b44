/**
 * The boxes of an ISO base media file (ISO/IEC 14496-12, 4.2): HEIF/AVIF images, MP4, MOV.
 * Each box is a 32-bit size (1: a 64-bit size follows; 0: to the end of its parent), a
 * four-character type, then its body.
 */
export interface Box {
  type: string;
  /** Where the box starts (its size field). */
  start: number;
  /** Where its body starts, after the header. */
  body: number;
  end: number;
}

/** Thrown for a box that does not fit its parent; the caller turns it into its own error. */
export class BoxError extends Error {}

/** Bounds against hostile files: real images and videos have a few hundred boxes. */
export const MAX_BOXES = 100_000;

/** The boxes laid end to end in [from, to) of `bytes`. */
export function childBoxes(bytes: Uint8Array, from: number, to: number): Box[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: Box[] = [];
  let at = from;
  while (at < to) {
    if (at + 8 > to) throw new BoxError('truncated box header');
    let size = view.getUint32(at);
    const type = fourcc(bytes, at + 4);
    let body = at + 8;
    if (size === 1) {
      if (at + 16 > to) throw new BoxError('truncated box header');
      size = Number(view.getBigUint64(at + 8));
      body = at + 16;
    } else if (size === 0) size = to - at;
    const end = at + size;
    if (size < body - at || end > to)
      throw new BoxError(`box ${printable(type)} runs past its end`);
    boxes.push({ type, start: at, body, end });
    if (boxes.length > MAX_BOXES) throw new BoxError('too many boxes');
    at = end;
  }
  return boxes;
}

export function fourcc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

/** A box type for an error message: only printable ASCII from a hostile file. */
export function printable(type: string): string {
  return /^[\x20-\x7e]{4}$/.test(type) ? type : '(binary)';
}
