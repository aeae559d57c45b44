import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { batchBytesFor, writeBlob } from '../../src/core/attachments/blob-writer';
import { SequentialWriter } from '../../src/core/fs/sequential-writer';
import { decryptBlob } from '../../src/core/attachments/blob-reader';
import { readFileBatches } from '../../src/core/attachments/file-source';
import { WORKER_HASH_THRESHOLD } from '../../src/core/attachments/hasher';
import { asKey } from '../../src/core/crypto/keys';
import { type SodiumPort, loadSodium, sodiumBackends } from '../../src/core/crypto/sodium';
import { useTempDirs } from '../helpers/temp-dirs';
import { expectCode, fromBuffer, seededBytes, sha256Hex, writeSeededFile } from './helpers';

await loadSodium();

const temp = useTempDirs();
const MiB = 1024 * 1024;
const ID = '0123456789abcdef0123456789abcdef';
const KEY = asKey(
  new Uint8Array(32).map((_, i) => i * 7),
  'file',
);
const BACKENDS = await sodiumBackends();

function ciphers(): SodiumPort[] {
  if (BACKENDS.length !== 2) throw new Error('sodium-native should load on this machine');
  return BACKENDS;
}

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
            sodium: cipher,
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

  it('copying path: a read failing midway gives FILE.IO and leaves no blob file', async () => {
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
        writeBlob({ blobsDir, id: ID, fileKey: KEY, source: readFileBatches(failing, path) }),
        'FILE.IO',
      );
    } finally {
      await real.close();
    }
    expect(reads).toBe(5);
    expect(readdirSync(blobsDir)).toEqual([]);
  });

  it('worker path: a descriptor the worker cannot read gives FILE.IO and leaves no blob file', async () => {
    // A folder's descriptor: every read fails (EISDIR), as a vanished disk's would.
    const folder = temp.make();
    const handle = await open(folder, 'r');
    const blobsDir = temp.make();
    try {
      const error = await expectCode(
        writeBlob({
          blobsDir,
          id: ID,
          fileKey: KEY,
          source: readFileBatches(handle, join(folder, 'evidence.mp4')),
          sizeHint: size,
        }),
        'FILE.IO',
      );
      expect(error.message).toContain('evidence.mp4');
    } finally {
      await handle.close();
    }
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

describe('write buffers sized to the file (docs/attachments.md, "Many small files")', () => {
  it('a tiny file gets buffers of one chunk, not of 4 MiB', async () => {
    const create = vi.spyOn(SequentialWriter, 'create');
    try {
      const blobsDir = temp.make();
      await writeBlob({
        blobsDir,
        id: ID,
        fileKey: KEY,
        source: fromBuffer(Buffer.from('a tiny file')),
        sizeHint: 11,
      });
      expect(create.mock.calls[0]![1].batchBytes).toBeLessThanOrEqual(80 * 1024);
      expect(batchBytesFor(undefined)).toBe(4 * MiB);
      expect(batchBytesFor(64 * MiB)).toBe(4 * MiB);
    } finally {
      create.mockRestore();
    }
  });

  it('a size hint that proves short still writes the whole file', async () => {
    const bytes = seededBytes(3 * MiB + 17, 'short hint');
    const blobsDir = temp.make();
    const written = await writeBlob({
      blobsDir,
      id: ID,
      fileKey: KEY,
      source: fromBuffer(Buffer.from(bytes), 100_000),
      sizeHint: 10,
    });
    expect(written.size).toBe(bytes.length);
    expect(written.sha256).toBe(sha256Hex(bytes));
    const back: Uint8Array[] = [];
    const blob = { id: ID, path: join(blobsDir, ID), fileKey: KEY, size: bytes.length };
    for await (const piece of decryptBlob(blob)) back.push(piece);
    expect(sha256Hex(Buffer.concat(back))).toBe(sha256Hex(bytes));
  });
});
