import { randomBytes } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
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

  it('worker: the last slots count even when DONE is set while the worker is between checks', async () => {
    // Widens one race window to half a second: in the worker, right after it finds itself
    // caught up (HEAD read equals the TAIL read just before), it announces so and stalls. The
    // test then feeds the last bytes and asks for the digest during the stall, as a busy machine
    // can do when it preempts the worker there. A worker that read HEAD before DONE would see
    // DONE, believe it had hashed everything and drop the last slot.
    const name = `tvault-hasher-race-${randomBytes(8).toString('hex')}`;
    const preamble = `{
      const { BroadcastChannel } = require('node:worker_threads');
      const channel = new BroadcastChannel(${JSON.stringify(name)});
      const load = Atomics.load.bind(Atomics);
      const nap = new Int32Array(new SharedArrayBuffer(4));
      let lastTail = -1;
      let stalled = false;
      Atomics.load = (array, index) => {
        const value = load(array, index);
        if (index === 1) lastTail = value;
        if (index === 0 && !stalled && value > 0 && value === lastTail) {
          stalled = true;
          channel.postMessage('caught up');
          Atomics.wait(nap, 0, 0, 500);
        }
        return value;
      };
    }`;
    const channel = new BroadcastChannel(name);
    const caughtUp = new Promise<void>((resolve) => {
      channel.onmessage = () => resolve();
    });
    const first = seededBytes(8 * 1024 * 1024, 'race-first');
    const last = seededBytes(1000, 'race-last');
    const hasher = workerHasher({ preamble });
    try {
      // Enough slots to wake a sleeping worker; it hashes them and stalls, caught up.
      await hasher.update(first);
      await caughtUp;
      await hasher.update(last);
      expect(await hasher.digest()).toBe(sha256Hex(Buffer.concat([first, last])));
    } finally {
      hasher.dispose();
      channel.close();
    }
  });
});
