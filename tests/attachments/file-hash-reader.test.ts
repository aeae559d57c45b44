import { writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILE_SLOT_BYTES, FileHashReader } from '../../src/core/attachments/file-hash-reader';
import { useTempDirs } from '../helpers/temp-dirs';
import { expectCode, sha256Hex, writeSeededFile } from './helpers';

const temp = useTempDirs();

/** Reads a file through a FileHashReader; returns what it yielded (copied) and the digest. */
async function readAll(path: string, preamble?: string) {
  const handle = await open(path, 'r');
  const reader = new FileHashReader({ handle, path }, preamble ? { preamble } : {});
  try {
    const seen: Buffer[] = [];
    for await (const batch of reader.batches()) {
      expect(batch.length).toBeGreaterThan(0);
      expect(batch.length).toBeLessThanOrEqual(FILE_SLOT_BYTES);
      seen.push(Buffer.from(batch)); // a copy: the slot comes round again later
    }
    return { bytes: Buffer.concat(seen), digest: await reader.digest() };
  } finally {
    await reader.close();
    await handle.close();
  }
}

describe('FileHashReader: a worker reads and hashes a file into the ring the sealing reads', () => {
  for (const size of [1, FILE_SLOT_BYTES, 9 * FILE_SLOT_BYTES + 12_345]) {
    it(`yields every byte once, in order, and hashes exactly those (${size} bytes)`, async () => {
      const path = join(temp.make(), 'in.bin');
      const expected = writeSeededFile(path, size, `reader-${size}`);
      const { bytes, digest } = await readAll(path);
      expect(bytes.length).toBe(size);
      expect(sha256Hex(bytes)).toBe(expected);
      expect(digest).toBe(expected);
    });
  }

  it('a slow consumer holding each batch sees it intact: the worker never laps the ring', async () => {
    const path = join(temp.make(), 'in.bin');
    const expected = writeSeededFile(path, 20 * FILE_SLOT_BYTES, 'slow');
    const handle = await open(path, 'r');
    const reader = new FileHashReader({ handle, path });
    try {
      const seen: Buffer[] = [];
      for await (const batch of reader.batches()) {
        // Valid until the next batch is asked for, however long the sealing takes.
        await new Promise((resolve) => setTimeout(resolve, 3));
        seen.push(Buffer.from(batch));
      }
      expect(sha256Hex(Buffer.concat(seen))).toBe(expected);
      expect(await reader.digest()).toBe(expected);
    } finally {
      await reader.close();
      await handle.close();
    }
  });

  it('an empty file yields nothing and has the SHA-256 of nothing', async () => {
    const path = join(temp.make(), 'empty.bin');
    writeFileSync(path, '');
    const { bytes, digest } = await readAll(path);
    expect(bytes.length).toBe(0);
    expect(digest).toBe(sha256Hex(new Uint8Array(0)));
  });

  it('reads cut short in the middle of the file lose and repeat nothing', async () => {
    const path = join(temp.make(), 'in.bin');
    const expected = writeSeededFile(path, 4 * FILE_SLOT_BYTES + 999, 'short');
    // In the worker: every third read returns less than asked although the file goes on.
    const preamble = `{
      const fs = require('node:fs');
      const real = fs.readSync;
      let calls = 0;
      fs.readSync = (fd, buffer, offset, length, position) =>
        real(fd, buffer, offset, ++calls % 3 === 0 ? Math.min(length, 123457) : length, position);
    }`;
    const { bytes, digest } = await readAll(path, preamble);
    expect(sha256Hex(bytes)).toBe(expected);
    expect(digest).toBe(expected);
  });

  it('a read failing midway ends the batches with FILE.IO naming the file', async () => {
    const path = join(temp.make(), 'witness-statement.pdf');
    writeSeededFile(path, 6 * FILE_SLOT_BYTES, 'failing');
    const preamble = `{
      const fs = require('node:fs');
      const real = fs.readSync;
      let calls = 0;
      fs.readSync = (...args) => {
        if (++calls === 3) throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
        return real(...args);
      };
    }`;
    const handle = await open(path, 'r');
    const reader = new FileHashReader({ handle, path }, { preamble });
    let batches = 0;
    try {
      const error = await expectCode(async () => {
        for await (const batch of reader.batches()) {
          expect(batch.length).toBe(FILE_SLOT_BYTES);
          batches += 1;
        }
      }, 'FILE.IO');
      expect(error.message).toContain('witness-statement.pdf');
      expect(error.details.reason).toBe('EIO');
      expect(batches).toBe(2);
      await expect(reader.digest()).rejects.toMatchObject({ code: 'FILE.IO' });
    } finally {
      await reader.close();
      await handle.close();
    }
  });

  it('a worker that dies ends the batches with an error instead of waiting forever', async () => {
    const path = join(temp.make(), 'in.bin');
    writeSeededFile(path, 3 * FILE_SLOT_BYTES, 'crash');
    const handle = await open(path, 'r');
    const reader = new FileHashReader(
      { handle, path },
      { preamble: `throw new Error('worker crashed');` },
    );
    try {
      await expect(
        (async () => {
          for await (const _ of reader.batches()) void _;
        })(),
      ).rejects.toThrow('worker crashed');
    } finally {
      await reader.close();
      await handle.close();
    }
  });

  it('close() after the consumer stopped early ends the worker while it waits for a free slot', async () => {
    const path = join(temp.make(), 'in.bin');
    writeSeededFile(path, 20 * FILE_SLOT_BYTES, 'early');
    const handle = await open(path, 'r');
    const reader = new FileHashReader({ handle, path });
    try {
      for await (const batch of reader.batches()) {
        expect(batch.length).toBe(FILE_SLOT_BYTES);
        break; // the worker fills the ring and then waits for slots that never come free
      }
    } finally {
      await reader.close(); // resolves only once the worker has exited
      await reader.close(); // idempotent
      await handle.close();
    }
  });
});
