import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES, chunkOffset } from '../../src/core/attachments/blob-format';
import { useTestVaults } from '../helpers/vault';
import { collect, expectCode, fromBuffer, seededBytes } from './helpers';

const vaults = useTestVaults();
const C = BLOB_CHUNK_BYTES;
const SIZE = C * 40 + 4567;

async function setup(size = SIZE) {
  const { vault, dir } = await vaults.create();
  const recordId = vault.addRecord({ title: 'r' }).id;
  const bytes = seededBytes(size, 'range');
  const info = await vault.attachments.attachStream(recordId, fromBuffer(bytes, 300_000), {
    name: 'video.mp4',
  });
  return { vault, dir, bytes, info };
}

/** A small seeded PRNG (mulberry32), so that failures reproduce. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('range reads', () => {
  it('random ranges equal the same slice of the original', async () => {
    const { vault, bytes, info } = await setup();
    const random = prng(42);
    for (let i = 0; i < 60; i++) {
      const start = Math.floor(random() * SIZE);
      const length = 1 + Math.floor(random() * (i % 3 === 0 ? 5 * C : 2000));
      const end = Math.min(SIZE - 1, start + length - 1);
      const got = await collect(vault.attachments.readStream(info.id, { start, end }));
      expect(got.equals(bytes.subarray(start, end + 1)), `range ${start}-${end}`).toBe(true);
    }
  });

  it('ranges at and across chunk boundaries, first and last byte, the whole file', async () => {
    const { vault, bytes, info } = await setup();
    const ranges: [number, number][] = [
      [0, 0],
      [SIZE - 1, SIZE - 1],
      [0, SIZE - 1],
      [C - 1, C],
      [C, C],
      [C - 1, C - 1],
      [C - 10, 2 * C + 10],
      [3 * C, 4 * C - 1],
      [40 * C, SIZE - 1],
      [16 * C - 1, 33 * C + 1],
    ];
    for (const [start, end] of ranges) {
      const got = await collect(vault.attachments.readStream(info.id, { start, end }));
      expect(got.equals(bytes.subarray(start, end + 1)), `range ${start}-${end}`).toBe(true);
    }
  });

  it('rejects ranges outside the file at once, with INPUT.INVALID', async () => {
    const { vault, info } = await setup();
    const bad = [
      { start: -1, end: 5 },
      { start: 10, end: 9 },
      { start: 0, end: SIZE },
      { start: SIZE, end: SIZE },
      { start: 0.5, end: 3 },
      { start: Number.NaN, end: 3 },
      { start: 0, end: Number.POSITIVE_INFINITY },
    ];
    for (const range of bad) {
      const error = await expectCode(
        () => vault.attachments.readStream(info.id, range),
        'INPUT.INVALID',
      );
      expect(error.details).toMatchObject({ reason: 'range', size: SIZE });
    }
    const empty = await setup(0);
    await expectCode(
      () => empty.vault.attachments.readStream(empty.info.id, { start: 0, end: 0 }),
      'INPUT.INVALID',
    );
    expect((await collect(empty.vault.attachments.readStream(empty.info.id))).length).toBe(0);
  });

  it('decrypts only the chunks a range covers (a damaged chunk elsewhere does not matter)', async () => {
    const { vault, dir, bytes, info } = await setup();
    const blob = join(dir, 'blobs', info.id);
    const damaged = Buffer.from(readFileSync(blob));
    damaged[chunkOffset(30) + 77]! ^= 1;
    writeFileSync(blob, damaged);
    const early = await collect(vault.attachments.readStream(info.id, { start: 5, end: 3 * C }));
    expect(early.equals(bytes.subarray(5, 3 * C + 1))).toBe(true);
    const late = await collect(
      vault.attachments.readStream(info.id, { start: 35 * C, end: SIZE - 1 }),
    );
    expect(late.equals(bytes.subarray(35 * C))).toBe(true);
    const error = await expectCode(
      collect(vault.attachments.readStream(info.id, { start: 30 * C + 1, end: 30 * C + 2 })),
      'INTEGRITY.FAILED',
    );
    expect(error.details).toMatchObject({ id: info.id, chunk: 30 });
  });

  it('yielded arrays belong to the caller (not overwritten by later reads)', async () => {
    const { vault, bytes, info } = await setup();
    const parts: Uint8Array[] = [];
    for await (const part of vault.attachments.readStream(info.id)) parts.push(part);
    expect(parts.length).toBeGreaterThan(2);
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
  });
});
