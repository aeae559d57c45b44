import { describe, expect, it } from 'vitest';
import {
  type Edit,
  applyEdits,
  editedSize,
  memoryReader,
  streamEdits,
  windowedReader,
} from '../../src/core/attachments/clean/edits';

// The edits that clean audio and video, applied in memory and to a stream cut anywhere.

let state = 5;
const random = () => {
  state = (state * 1664525 + 1013904223) >>> 0;
  return state / 2 ** 32;
};
const int = (n: number) => Math.floor(random() * n);

function randomEdits(size: number): Edit[] {
  const edits: Edit[] = [];
  let at = 0;
  while (at < size) {
    const start = at + int(Math.max(1, size / 4));
    if (start > size) break;
    const end = Math.min(size, start + int(50));
    const kind = int(3);
    if (kind === 0) edits.push({ start, end, bytes: new Uint8Array(0) });
    else if (kind === 1) edits.push({ start, end, zeros: int(3 * 1024 * 1024) });
    else
      edits.push({ start, end, bytes: Uint8Array.from({ length: int(40) }, () => 1 + int(255)) });
    at = end + (random() < 0.2 ? 0 : 1);
  }
  // Sometimes an edit at the very end (a trailer dropped, or something added after the file).
  if (random() < 0.3) edits.push({ start: size, end: size, bytes: Uint8Array.from([9, 9]) });
  return edits;
}

async function* pieces(bytes: Uint8Array) {
  for (let at = 0; at < bytes.length;) {
    const n = random() < 0.2 ? 0 : 1 + int(300);
    yield bytes.subarray(at, at + n);
    at += n;
  }
}

async function gather(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of source) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

describe('edits', () => {
  it('streamed through pieces of any size, they make the same copy as in memory', async () => {
    for (let round = 0; round < 300; round += 1) {
      const size = int(2000);
      const original = Uint8Array.from({ length: size }, () => int(256));
      const edits = randomEdits(size);
      const expected = applyEdits(original, edits);
      expect(expected.length).toBe(editedSize(size, edits));
      const streamed = await gather(streamEdits(pieces(original), edits));
      expect(Buffer.compare(streamed, expected), `round ${round}`).toBe(0);
      expect(original.length).toBe(size); // the source is not changed
    }
  });

  it('applies a hand-checked example', async () => {
    const original = Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const edits: Edit[] = [
      { start: 1, end: 3, bytes: Uint8Array.from([7]) },
      { start: 4, end: 6, zeros: 3 },
      { start: 8, end: 10, bytes: new Uint8Array(0) },
    ];
    const expected = [0, 7, 3, 0, 0, 0, 6, 7];
    expect([...applyEdits(original, edits)]).toEqual(expected);
    expect([...(await gather(streamEdits(pieces(original), edits)))]).toEqual(expected);
  });

  it('a windowed reader answers from one read of the blob for nearby headers', async () => {
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff);
    const reads: [number, number][] = [];
    const inner = memoryReader(bytes);
    const read = windowedReader(
      (start, end) => {
        reads.push([start, end]);
        return inner(start, end);
      },
      bytes.length,
      1024,
    );
    expect([...(await read(10, 14))]).toEqual([10, 11, 12, 13]);
    expect([...(await read(500, 502))]).toEqual([500 & 0xff, 501 & 0xff]);
    expect([...(await read(4998, 6000))]).toEqual([4998 & 0xff, 4999 & 0xff]);
    expect((await read(7000, 7010)).length).toBe(0);
    expect(reads).toEqual([
      [10, 1034],
      [4998, 5000],
    ]);
  });
});
