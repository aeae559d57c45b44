import { describe, expect, it } from 'vitest';
import {
  WORKER_HASH_THRESHOLD,
  hasherFor,
  inlineHasher,
  workerHasher,
} from '../../src/core/attachments/hasher';
import { seededBytes, sha256Hex } from './helpers';

describe('SHA-256 hashers', () => {
  const bytes = seededBytes(9 * 1024 * 1024 + 123, 'hasher');

  for (const [label, make] of [
    ['inline', inlineHasher],
    ['worker thread', workerHasher],
  ] as const) {
    it(`${label}: equals node:crypto over uneven pieces, reusing the caller's buffer`, async () => {
      const hasher = make();
      const reused = new Uint8Array(3 * 1024 * 1024 + 7);
      try {
        for (let offset = 0; offset < bytes.length; offset += reused.length) {
          const piece = bytes.subarray(offset, offset + reused.length);
          reused.set(piece);
          await hasher.update(reused.subarray(0, piece.length));
          reused.fill(0xee); // overwritten at once: the hasher must have copied it
        }
        expect(await hasher.digest()).toBe(sha256Hex(bytes));
      } finally {
        hasher.dispose();
        hasher.dispose();
      }
    });
  }

  it('the empty input', async () => {
    const hasher = workerHasher();
    expect(await hasher.digest()).toBe(sha256Hex(new Uint8Array(0)));
    hasher.dispose();
  });

  it('large inputs go to a worker, small ones stay inline', async () => {
    for (const size of [undefined, 10, WORKER_HASH_THRESHOLD]) {
      const hasher = hasherFor(size);
      await hasher.update(new Uint8Array([1, 2, 3]));
      expect(await hasher.digest()).toBe(sha256Hex(new Uint8Array([1, 2, 3])));
      hasher.dispose();
    }
  });
});
