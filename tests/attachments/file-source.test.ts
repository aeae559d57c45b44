import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeBlob } from '../../src/core/attachments/blob-writer';
import { readFileBatches, readFileIntoSlots } from '../../src/core/attachments/file-source';
import {
  READ_AHEAD_LIMIT,
  SLOT_BYTES,
  WORKER_HASH_THRESHOLD,
  workerHasher,
} from '../../src/core/attachments/hasher';
import { loadSodium } from '../../src/core/crypto/sodium';
import {
  type ChunkCipher,
  loadSodiumNative,
  nativeChunkCipher,
  wasmChunkCipher,
} from '../../src/core/crypto/stream-cipher';
import { useTempDirs } from '../helpers/temp-dirs';
import { expectCode, fromBuffer, seededBytes, sha256Hex, writeSeededFile } from './helpers';

await loadSodium();

const temp = useTempDirs();
const MiB = 1024 * 1024;
const ID = '0123456789abcdef0123456789abcdef';
const KEY = new Uint8Array(32).map((_, i) => i * 7);

function ciphers(): ChunkCipher[] {
  const native = loadSodiumNative();
  if (!native) throw new Error('sodium-native should load on this machine');
  return [nativeChunkCipher(native), wasmChunkCipher()];
}

describe('reading a file straight into the hash ring', () => {
  it('yields every byte once, in order, each batch within one slot, and hashes exactly those', async () => {
    const path = join(temp.make(), 'in.bin');
    const size = 5 * SLOT_BYTES + 12_345;
    const expected = writeSeededFile(path, size, 'slots');
    const hasher = workerHasher();
    const handle = await open(path, 'r');
    try {
      const seen: Buffer[] = [];
      for await (const batch of readFileIntoSlots({ handle, path }, hasher)) {
        expect(batch.length).toBeGreaterThan(0);
        expect(batch.length).toBeLessThanOrEqual(SLOT_BYTES);
        seen.push(Buffer.from(batch)); // a copy: the slot comes round again later
      }
      const all = Buffer.concat(seen);
      expect(all.length).toBe(size);
      expect(sha256Hex(all)).toBe(expected);
      expect(await hasher.digest()).toBe(expected);
    } finally {
      hasher.dispose();
      await handle.close();
    }
  });

  it('short reads in the middle of the file lose and repeat nothing (reads ahead restart)', async () => {
    const path = join(temp.make(), 'in.bin');
    const size = 4 * SLOT_BYTES + 999;
    const expected = writeSeededFile(path, size, 'short');
    const real = await open(path, 'r');
    let calls = 0;
    // Every third read returns less than asked although the file goes on (allowed by POSIX).
    const shortReads = {
      read: (buffer: Uint8Array, offset: number, length: number, position: number) => {
        calls += 1;
        const cut = calls % 3 === 0 ? Math.min(length, 123_457) : length;
        return real.read(buffer, offset, cut, position);
      },
    } as unknown as FileHandle;
    const hasher = workerHasher();
    try {
      const seen: Buffer[] = [];
      for await (const batch of readFileIntoSlots({ handle: shortReads, path }, hasher))
        seen.push(Buffer.from(batch));
      expect(sha256Hex(Buffer.concat(seen))).toBe(expected);
      expect(await hasher.digest()).toBe(expected);
    } finally {
      hasher.dispose();
      await real.close();
    }
  });

  it('a consumer that stops early leaves no read writing into the ring', async () => {
    const path = join(temp.make(), 'in.bin');
    writeSeededFile(path, 6 * SLOT_BYTES, 'early');
    const real = await open(path, 'r');
    let running = 0;
    let started = 0;
    const counting = {
      read: async (buffer: Uint8Array, offset: number, length: number, position: number) => {
        running += 1;
        started += 1;
        try {
          return await real.read(buffer, offset, length, position);
        } finally {
          running -= 1;
        }
      },
    } as unknown as FileHandle;
    const hasher = workerHasher();
    try {
      let batches = 0;
      for await (const batch of readFileIntoSlots({ handle: counting, path }, hasher)) {
        expect(batch.length).toBe(SLOT_BYTES);
        if (++batches === 2) break;
      }
      expect(started).toBeGreaterThan(2); // reads did run ahead...
      expect(running).toBe(0); // ...and all of them ended before the generator returned
    } finally {
      hasher.dispose();
      await real.close();
    }
  });

  it('the ring refuses a slot further ahead than the read-ahead limit', async () => {
    const hasher = workerHasher();
    try {
      await expect(hasher.acquire(READ_AHEAD_LIMIT)).rejects.toThrow(RangeError);
      await expect(hasher.acquire(-1)).rejects.toThrow(RangeError);
      expect((await hasher.acquire(READ_AHEAD_LIMIT - 1)).length).toBe(SLOT_BYTES);
    } finally {
      hasher.dispose();
    }
  });
});

describe('blob writer: the zero-copy file path', () => {
  // Above the worker threshold, so that a file source takes the direct path.
  const size = WORKER_HASH_THRESHOLD + 3 * MiB + 777;

  it('writes the same blob and SHA-256 as the generic path, with both cipher backends', async () => {
    const work = temp.make();
    const path = join(work, 'in.bin');
    const expected = writeSeededFile(path, size, 'identical');
    const bytes = readFileSync(path);
    const blobs: Buffer[] = [];
    for (const cipher of ciphers()) {
      for (const direct of [true, false]) {
        const blobsDir = temp.make();
        const handle = await open(path, 'r');
        try {
          const written = await writeBlob({
            blobsDir,
            id: ID,
            fileKey: KEY,
            cipher,
            // The generic path: any iterable of bytes, cut unevenly, hashed with copies.
            source: direct ? readFileBatches(handle, path) : fromBuffer(bytes, 3 * MiB + 1),
            sizeHint: size,
          });
          expect(written.size).toBe(size);
          expect(written.sha256).toBe(expected);
          blobs.push(readFileSync(join(blobsDir, ID)));
        } finally {
          await handle.close();
        }
      }
    }
    expect(blobs).toHaveLength(4);
    for (const blob of blobs.slice(1)) expect(blob.equals(blobs[0]!)).toBe(true);
  }, 60_000);

  for (const [label, sizeHint] of [
    ['zero-copy path', size],
    ['copying path', undefined],
  ] as const)
    it(`${label}: a read failing midway gives FILE.IO and leaves no blob file`, async () => {
      const path = join(temp.make(), 'in.bin');
      writeSeededFile(path, size, 'failing');
      const real = await open(path, 'r');
      let reads = 0;
      // A handle whose fifth read fails, as a disk error or a removed USB stick would.
      const failing = {
        read: (buffer: Uint8Array, offset: number, length: number, position: number) => {
          reads += 1;
          if (reads === 5) return Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
          return real.read(buffer, offset, length, position);
        },
      } as unknown as FileHandle;
      const blobsDir = temp.make();
      try {
        await expectCode(
          writeBlob({
            blobsDir,
            id: ID,
            fileKey: KEY,
            source: readFileBatches(failing, path),
            ...(sizeHint !== undefined ? { sizeHint } : {}),
          }),
          'FILE.IO',
        );
      } finally {
        await real.close();
      }
      // Reads run ahead of the sealing, so a few more may have started before the failure showed.
      expect(reads).toBeGreaterThanOrEqual(5);
      expect(readdirSync(blobsDir)).toEqual([]);
    });

  it('a file source below the worker threshold still hashes inline and round-trips', async () => {
    const small = seededBytes(3 * MiB + 5, 'small');
    const path = join(temp.make(), 'small.bin');
    writeFileSync(path, small);
    const handle = await open(path, 'r');
    const blobsDir = temp.make();
    try {
      const written = await writeBlob({
        blobsDir,
        id: ID,
        fileKey: KEY,
        source: readFileBatches(handle, path),
        sizeHint: small.length,
      });
      expect(written.sha256).toBe(sha256Hex(small));
      expect(readdirSync(blobsDir)).toEqual([ID]);
    } finally {
      await handle.close();
    }
  });
});
