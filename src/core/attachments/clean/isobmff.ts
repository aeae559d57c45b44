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

/**
 * The box whose header starts at file offset `at`, its header bytes read from `head` at
 * `offset` (at least 8 bytes there; 16 when the size is 64-bit), within a parent that ends at
 * `to`: for boxes in memory and for boxes read header by header from a stream alike.
 */
export function boxAt(head: Uint8Array, offset: number, at: number, to: number): Box {
  if (at + 8 > to) throw new BoxError('truncated box header');
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let size = view.getUint32(offset);
  const type = fourcc(head, offset + 4);
  let body = at + 8;
  if (size === 1) {
    if (at + 16 > to) throw new BoxError('truncated box header');
    size = Number(view.getBigUint64(offset + 8));
    body = at + 16;
  } else if (size === 0) size = to - at;
  const end = at + size;
  if (size < body - at || end > to) throw new BoxError(`box ${printable(type)} runs past its end`);
  return { type, start: at, body, end };
}

/** The boxes laid end to end in [from, to) of `bytes`. */
export function childBoxes(bytes: Uint8Array, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  for (let at = from; at < to;) {
    const box = boxAt(bytes, at, at, to);
    boxes.push(box);
    if (boxes.length > MAX_BOXES) throw new BoxError('too many boxes');
    at = box.end;
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
