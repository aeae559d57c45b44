import { describe, expect, it } from 'vitest';
import { Regrouper } from '../../src/core/search/regroup';
import type { SegmentWorkers } from '../../src/core/search/segment-workers';

/** A pool whose merge joins the parts' bytes (the sizes are what these tests look at). */
function fakePool(merges: number[][]): SegmentWorkers {
  return {
    merge: (_id: string, parts: Uint8Array[]) => {
      merges.push(parts.map((p) => p.length));
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      return Promise.resolve(out);
    },
  } as unknown as SegmentWorkers;
}

async function regroup(
  parts: [docs: number, bytes: number][],
  target: number,
  maxBytes: number,
): Promise<{ kept: [number, number][]; merges: number[][] }> {
  const merges: number[][] = [];
  const kept: [number, number][] = [];
  let n = 0;
  const groups = new Regrouper(
    fakePool(merges),
    () => `m${++n}`,
    (_id, bytes, docCount) => kept.push([docCount, bytes.length]),
    target,
    maxBytes,
  );
  for (const [docs, bytes] of parts) await groups.segment(new Uint8Array(bytes), docs, `p${++n}`);
  await groups.finish();
  return { kept, merges };
}

describe('regrouping a bulk build', () => {
  it('merges small segments up to the target of documents', async () => {
    const { kept } = await regroup(
      Array.from({ length: 10 }, () => [1000, 10] as [number, number]),
      4000,
      1 << 20,
    );
    expect(kept).toEqual([
      [4000, 40],
      [4000, 40],
      [2000, 20],
    ]);
  });

  it('merges long documents before the target, at the byte limit', async () => {
    const { kept, merges } = await regroup(
      Array.from({ length: 7 }, () => [100, 300] as [number, number]),
      4000,
      1000,
    );
    // 300-byte parts: three make 900, a fourth would pass 1,000.
    expect(merges).toEqual([
      [300, 300, 300],
      [300, 300, 300],
    ]);
    expect(kept).toEqual([
      [300, 900],
      [300, 900],
      [100, 300],
    ]);
  });

  it('keeps as they are the segments of half a target or half the byte limit', async () => {
    const { kept, merges } = await regroup(
      [
        [2000, 10],
        [10, 600],
        [100, 10],
      ],
      4000,
      1000,
    );
    expect(merges).toEqual([]);
    expect(kept).toEqual([
      [2000, 10],
      [10, 600],
      [100, 10],
    ]);
  });
});
