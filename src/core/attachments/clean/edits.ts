import type { RemovedPart } from './types';

/**
 * Cleaning as a list of edits to the original (docs/attachments.md, "Cleaning big files"): the
 * audio and video cleaners find the metadata by reading a few headers, and say what to change;
 * everything else is copied. The same edits make the copy of a file held in memory and, for a
 * file of any size, the copy streamed from its decrypted blob with bounded memory.
 */

/** The original's bytes [start, end) replaced by `bytes`, or by `zeros` zero bytes. */
export type Edit = { start: number; end: number } & ({ bytes: Uint8Array } | { zeros: number });

export interface CleanEdits {
  /** Sorted by start, disjoint. */
  edits: Edit[];
  removed: RemovedPart[];
}

/** Reads [start, end) of the original; the result may be shorter only past its end. */
export type ReadRange = (start: number, end: number) => Promise<Uint8Array>;

/** The length of the copy the edits make of a file of `size` bytes. */
export function editedSize(size: number, edits: Edit[]): number {
  let out = size;
  for (const e of edits) out += ('bytes' in e ? e.bytes.length : e.zeros) - (e.end - e.start);
  return out;
}

/** The copy of a file held in memory. */
export function applyEdits(input: Uint8Array, edits: Edit[]): Uint8Array {
  const out = new Uint8Array(editedSize(input.length, edits));
  let from = 0;
  let to = 0;
  for (const e of edits) {
    out.set(input.subarray(from, e.start), to);
    to += e.start - from;
    if ('bytes' in e) {
      out.set(e.bytes, to);
      to += e.bytes.length;
    } else to += e.zeros; // a new array is zeroed
    from = e.end;
  }
  out.set(input.subarray(from), to);
  return out;
}

/** Pieces of zeros are handed out at most this large. */
const ZERO_PIECE = 1024 * 1024;

/**
 * The copy, streamed: the original's pieces go through as views where nothing changes (no
 * copy), edited bytes are replaced. Memory: one piece of the source at a time.
 */
export async function* streamEdits(
  source: AsyncIterable<Uint8Array>,
  edits: Edit[],
): AsyncGenerator<Uint8Array> {
  let next = 0; // the first edit not yet passed
  let at = 0; // the original's offset of the piece's first byte
  const replacement = function* (e: Edit): Generator<Uint8Array> {
    if ('bytes' in e) {
      if (e.bytes.length > 0) yield e.bytes;
      return;
    }
    for (let left = e.zeros; left > 0; left -= ZERO_PIECE)
      yield new Uint8Array(Math.min(left, ZERO_PIECE));
  };
  for await (const piece of source) {
    const end = at + piece.length;
    let from = at; // the original's bytes before `from` are dealt with
    while (from < end) {
      const e = edits[next];
      if (!e || e.start >= end) {
        yield piece.subarray(from - at);
        break;
      }
      if (e.start > from) yield piece.subarray(from - at, e.start - at);
      if (e.start >= from) yield* replacement(e);
      if (e.end > end) {
        from = end;
        break;
      }
      from = Math.max(from, e.end);
      next += 1;
    }
    at = end;
  }
  // Edits at the very end of the file (an insertion after it, or nothing read past it).
  for (; next < edits.length; next += 1)
    if (edits[next]!.start >= at) yield* replacement(edits[next]!);
}

/** Reads ranges of a byte array (the in-memory case). */
export function memoryReader(bytes: Uint8Array): ReadRange {
  return (start, end) => Promise.resolve(bytes.subarray(start, Math.min(end, bytes.length)));
}

/**
 * Reads ranges through a window of `window` bytes: the cleaners read many small headers near
 * each other, and each read of a blob decrypts whole chunks.
 */
export function windowedReader(read: ReadRange, size: number, window = 1024 * 1024): ReadRange {
  let cached: { start: number; bytes: Uint8Array } | null = null;
  return async (start, end) => {
    end = Math.min(end, size);
    if (start >= end) return new Uint8Array(0);
    if (cached && start >= cached.start && end <= cached.start + cached.bytes.length)
      return cached.bytes.subarray(start - cached.start, end - cached.start);
    if (end - start >= window) return read(start, end);
    const bytes = await read(start, Math.min(size, start + window));
    cached = { start, bytes };
    return bytes.subarray(0, end - start);
  };
}
