import {
  constants,
  existsSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  statSync,
  unlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  SequentialWriter,
  openDirect,
  type SequentialWriterOptions,
  type WriteMode,
} from '../../src/core/fs/sequential-writer';
import { seededBytes } from '../attachments/helpers';
import { useTempDirs } from '../helpers/temp-dirs';

const temp = useTempDirs();

const KiB = 1024;
const MiB = 1024 * KiB;
/** An attachment chunk: 64 KiB of ciphertext plus its 16-byte tag. */
const PIECE = 65_552;
const OPTIONS: SequentialWriterOptions = { batchBytes: MiB, maxReserve: PIECE };

/** A 16-byte header, then whole chunks, then what is left: `size` bytes in all. */
function chunked(size: number): number[] {
  if (size === 0) return [];
  const sizes = [Math.min(16, size)];
  let left = size - sizes[0]!;
  while (left > 0) {
    const piece = Math.min(PIECE, left);
    sizes.push(piece);
    left -= piece;
  }
  return sizes;
}

/** Byte lengths of the pieces the producer hands over, one after the other. */
const SHAPES: Record<string, number[]> = {
  'no bytes at all': [],
  'a single byte': [1],
  'fewer bytes than a block (1000)': chunked(1000),
  'exactly one block (4096)': chunked(4096),
  'one byte past a block (4097)': chunked(4097),
  'one byte past many blocks (4096 * 300 + 1)': chunked(4096 * 300 + 1),
  'exactly one batch (1 MiB)': chunked(MiB),
  'a batch reached one byte at a time': [...chunked(MiB - 3), 1, 1, 1, 1, 1, 4097],
  'a header, 40 whole chunks and an odd last one': [16, ...Array<number>(40).fill(PIECE), 12_345],
  'whole chunks only (no header)': Array<number>(48).fill(PIECE),
  'an odd header (17 bytes), 40 chunks and 3 bytes': [17, ...Array<number>(40).fill(PIECE), 3],
  'four batches and a short tail (buffers reused)': chunked(4 * MiB + 100),
};

function total(sizes: number[]): number {
  return sizes.reduce((sum, size) => sum + size, 0);
}

/** Follows the producer protocol: reserve, fill in place, commit, flushIfFull; then finish. */
async function writeAll(writer: SequentialWriter, content: Buffer, sizes: number[]) {
  let at = 0;
  for (const size of sizes) {
    const slot = writer.reserve(size);
    expect(slot.length).toBe(size);
    slot.set(content.subarray(at, at + size));
    writer.commit(size);
    at += size;
    await writer.flushIfFull();
  }
  expect(at).toBe(content.length);
  return writer.finish();
}

/** Stops at the first rejection and says which step it came from. */
async function writeUntilFailure(
  writer: SequentialWriter,
  content: Buffer,
  sizes: number[],
): Promise<{ step: 'flushIfFull' | 'finish'; error: unknown }> {
  let at = 0;
  for (const size of sizes) {
    writer.reserve(size).set(content.subarray(at, at + size));
    writer.commit(size);
    at += size;
    try {
      await writer.flushIfFull();
    } catch (error) {
      return { step: 'flushIfFull', error };
    }
  }
  try {
    await writer.finish();
  } catch (error) {
    return { step: 'finish', error };
  }
  throw new Error('expected the writer to fail');
}

function expectFileContent(path: string, expected: Buffer): void {
  const actual = readFileSync(path);
  expect(actual.length).toBe(expected.length);
  // Buffer.equals, not toEqual: a mismatch in megabytes must not be diffed byte by byte.
  const firstDifference = actual.findIndex((byte, i) => byte !== expected[i]);
  expect(firstDifference, 'offset of the first wrong byte').toBe(-1);
  expect(actual.equals(expected)).toBe(true);
}

function errnoError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

interface FakeDirect {
  handle: FileHandle;
  /** The real descriptor behind the fake (fd is -1 once closed). */
  real: FileHandle;
  writes: number;
  failures: number;
  /** Every write it passed on: where, and a copy of the bytes (copied when called). */
  calls: { position: number; bytes: Buffer }[];
}

/**
 * A stand-in for the O_DIRECT descriptor: an ordinary `r+` handle of the same file, whose
 * write() does `okWrites` real writes and then rejects with `code` (never, when null).
 * `maxChunk` makes each write a short one, to exercise the write-the-rest loop.
 */
async function fakeDirect(
  path: string,
  okWrites: number,
  code: string | null,
  maxChunk = Infinity,
): Promise<FakeDirect> {
  const real = await open(path, 'r+');
  const fake: FakeDirect = {
    handle: undefined as unknown as FileHandle,
    real,
    writes: 0,
    failures: 0,
    calls: [],
  };
  const handle = {
    write(buffer: Uint8Array, offset: number, length: number, position: number) {
      if (code !== null && fake.writes >= okWrites) {
        fake.failures += 1;
        return Promise.reject(errnoError(code));
      }
      fake.writes += 1;
      const bytes = Buffer.from(buffer.subarray(offset, offset + Math.min(length, maxChunk)));
      fake.calls.push({ position, bytes });
      return real.write(bytes, 0, bytes.length, position);
    },
    close: () => real.close(),
  };
  fake.handle = handle as unknown as FileHandle;
  return fake;
}

/** Descriptors of this process that point at `path`, or null where /proc/self/fd is missing. */
function descriptorsOf(path: string): string[] | null {
  if (!existsSync('/proc/self/fd')) return null;
  const target = realpathSync(path);
  const found: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(join('/proc/self/fd', fd)) === target) found.push(fd);
    } catch {
      // The descriptor readdir itself used, closed meanwhile.
    }
  }
  return found;
}

describe('SequentialWriter: content', () => {
  for (const mode of ['direct', 'buffered'] as WriteMode[]) {
    describe(`mode '${mode}'`, () => {
      for (const [name, sizes] of Object.entries(SHAPES)) {
        it(`writes ${name} exactly, returns the length, mode 0600`, async () => {
          const path = temp.path('blob');
          const content = seededBytes(total(sizes), `${mode} ${name}`);
          const writer = await SequentialWriter.create(path, { ...OPTIONS, mode });
          if (mode === 'buffered') expect(writer.mode).toBe('buffered');
          const length = await writeAll(writer, content, sizes);
          expect(length).toBe(content.length);
          expectFileContent(path, content);
          expect(statSync(path).mode & 0o777).toBe(0o600);
          expect(descriptorsOf(path) ?? []).toEqual([]);
        });
      }
    });
  }

  it('uses direct I/O when the temp file system has it (the mode is reported)', async ({
    annotate,
  }) => {
    const path = temp.path('blob');
    const sizes = SHAPES['a header, 40 whole chunks and an odd last one']!;
    const content = seededBytes(total(sizes), 'report');
    const writer = await SequentialWriter.create(path, OPTIONS);
    const opened = writer.mode;
    await writeAll(writer, content, sizes);
    await annotate(`temp dir ${dirname(path)}: opened '${opened}', finished '${writer.mode}'`);
    expect(['direct', 'buffered']).toContain(opened);
    expectFileContent(path, content);
  });

  it("mode 'buffered' never opens a direct descriptor", async () => {
    const path = temp.path('blob');
    const openDirect = vi.fn(async () => null);
    const writer = await SequentialWriter.create(path, {
      ...OPTIONS,
      mode: 'buffered',
      openDirect,
    });
    expect(writer.mode).toBe('buffered');
    expect(await writeAll(writer, Buffer.alloc(0), [])).toBe(0);
    expect(openDirect).not.toHaveBeenCalled();
  });

  it('writes buffered when no direct descriptor can be opened', async () => {
    const path = temp.path('blob');
    const sizes = [16, PIECE, PIECE, 7];
    const content = seededBytes(total(sizes), 'no direct');
    const openDirect = vi.fn(async () => null);
    const writer = await SequentialWriter.create(path, { ...OPTIONS, openDirect });
    expect(openDirect).toHaveBeenCalledWith(path, expect.anything());
    expect(writer.mode).toBe('buffered');
    expect(await writeAll(writer, content, sizes)).toBe(content.length);
    expectFileContent(path, content);
  });
});

describe('openDirect: the second descriptor is the file just created, or none', () => {
  it('opens the same file, refuses another file and a symbolic link in its place', async () => {
    const dir = temp.make();
    const created = join(dir, 'created.partial');
    const other = join(dir, 'other');
    writeFileSync(other, 'someone else');
    const handle = await open(created, 'wx', 0o600);
    try {
      const same = await openDirect(created, handle);
      // Where the file system has direct I/O (ext4 here), the same file is accepted.
      const O_DIRECT = (constants as { O_DIRECT?: number }).O_DIRECT;
      const directHere =
        O_DIRECT !== undefined &&
        (await open(created, constants.O_WRONLY | O_DIRECT).then(
          async (probe) => (await probe.close(), true),
          () => false,
        ));
      expect(same !== null).toBe(directHere);
      await same?.close();
      // A name swapped for another file between the two opens: refused.
      expect(await openDirect(other, handle)).toBeNull();
      // ...and for a link to it: O_NOFOLLOW.
      const link = join(dir, 'link');
      symlinkSync(created, link);
      expect(await openDirect(link, handle)).toBeNull();
    } finally {
      await handle.close();
    }
  });
});

describe('SequentialWriter: the direct path, through a stand-in descriptor', () => {
  const sizes = SHAPES['a header, 40 whole chunks and an odd last one']!;

  for (const name of [
    'fewer bytes than a block (1000)',
    'exactly one block (4096)',
    'one byte past many blocks (4096 * 300 + 1)',
    'a batch reached one byte at a time',
    'a header, 40 whole chunks and an odd last one',
    'an odd header (17 bytes), 40 chunks and 3 bytes',
    'four batches and a short tail (buffers reused)',
  ]) {
    it(`writes ${name} in whole blocks at block offsets, zero-padded, then trims`, async () => {
      const path = temp.path('blob');
      const shape = SHAPES[name]!;
      const content = seededBytes(total(shape), `padded ${name}`);
      let fake: FakeDirect | null = null;
      const writer = await SequentialWriter.create(path, {
        ...OPTIONS,
        openDirect: async (p) => (fake = await fakeDirect(p, 0, null)).handle,
      });
      expect(writer.mode).toBe('direct');
      expect(await writeAll(writer, content, shape)).toBe(content.length);
      expect(writer.mode).toBe('direct');
      expect(fake!.real.fd).toBe(-1);
      expectFileContent(path, content);
      // What went to the direct descriptor: contiguous whole blocks, the last one zero-padded.
      let position = 0;
      for (const call of fake!.calls) {
        expect(call.position).toBe(position);
        expect(call.bytes.length % 4096, `length ${call.bytes.length}`).toBe(0);
        position += call.bytes.length;
      }
      const padded = Buffer.alloc(Math.ceil(content.length / 4096) * 4096);
      content.copy(padded);
      expect(Buffer.concat(fake!.calls.map((call) => call.bytes)).equals(padded)).toBe(true);
    });
  }

  it('finishes the rest of a short write', async () => {
    const path = temp.path('blob');
    const content = seededBytes(total(sizes), 'short writes');
    const writer = await SequentialWriter.create(path, {
      ...OPTIONS,
      openDirect: async (p) => (await fakeDirect(p, 0, null, 3 * 4096)).handle,
    });
    expect(await writeAll(writer, content, sizes)).toBe(content.length);
    expectFileContent(path, content);
  });

  for (const okWrites of [0, 1, 2]) {
    it(`falls back to buffered writes on EINVAL after ${okWrites} direct writes, content intact`, async () => {
      const path = temp.path('blob');
      const content = seededBytes(total(sizes), `einval ${okWrites}`);
      let fake: FakeDirect | null = null;
      const writer = await SequentialWriter.create(path, {
        ...OPTIONS,
        openDirect: async (p) => (fake = await fakeDirect(p, okWrites, 'EINVAL')).handle,
      });
      expect(writer.mode).toBe('direct');
      expect(await writeAll(writer, content, sizes)).toBe(content.length);
      expect(writer.mode).toBe('buffered');
      expect(fake!.writes).toBe(okWrites);
      expect(fake!.failures).toBeGreaterThanOrEqual(1);
      expect(fake!.real.fd).toBe(-1);
      expectFileContent(path, content);
      expect(statSync(path).mode & 0o777).toBe(0o600);
    });
  }

  it('falls back on EINVAL at the padded last write of a small file', async () => {
    const path = temp.path('blob');
    const content = seededBytes(4097, 'einval tail');
    const writer = await SequentialWriter.create(path, {
      ...OPTIONS,
      openDirect: async (p) => (await fakeDirect(p, 0, 'EINVAL')).handle,
    });
    expect(await writeAll(writer, content, [16, 4081])).toBe(4097);
    expect(writer.mode).toBe('buffered');
    expectFileContent(path, content);
  });
});

describe('SequentialWriter: failures', () => {
  /** Six batch writes and the tail: an error of the i-th write surfaces two flushes later. */
  const sizes = chunked(6 * MiB + 12_345);

  /** How many writes the direct descriptor gets for `sizes` when nothing fails. */
  async function directWrites(): Promise<number> {
    const path = temp.path('dry-run');
    let fake: FakeDirect | null = null;
    const writer = await SequentialWriter.create(path, {
      ...OPTIONS,
      openDirect: async (p) => (fake = await fakeDirect(p, 0, null)).handle,
    });
    await writeAll(writer, seededBytes(total(sizes), 'dry run'), sizes);
    return fake!.writes;
  }

  for (const [failAt, step] of [
    ['the first write', 'flushIfFull'],
    ['the third write', 'flushIfFull'],
    ['the last write', 'finish'],
  ] as const) {
    it(`an ENOSPC at ${failAt} rejects ${step}(); abort closes every descriptor`, async () => {
      const okWrites =
        failAt === 'the first write'
          ? 0
          : failAt === 'the third write'
            ? 2
            : (await directWrites()) - 1;
      const path = temp.path('blob');
      const content = seededBytes(total(sizes), 'enospc');
      let fake: FakeDirect | null = null;
      const writer = await SequentialWriter.create(path, {
        ...OPTIONS,
        openDirect: async (p) => (fake = await fakeDirect(p, okWrites, 'ENOSPC')).handle,
      });
      const failure = await writeUntilFailure(writer, content, sizes);
      expect((failure.error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      expect(failure.step).toBe(step);
      expect(fake!.writes).toBe(okWrites);
      // Not a reason to change paths: the rest must not have gone to the buffered descriptor.
      expect(writer.mode).toBe('direct');
      await expect(writer.abort()).resolves.toBeUndefined();
      expect(fake!.real.fd).toBe(-1);
      const open = descriptorsOf(path);
      if (open !== null) expect(open).toEqual([]);
      unlinkSync(path);
      expect(existsSync(path)).toBe(false);
    });
  }

  it('abort is harmless after finish and when called twice', async () => {
    const path = temp.path('blob');
    const content = seededBytes(5000, 'abort twice');
    const writer = await SequentialWriter.create(path, OPTIONS);
    await writeAll(writer, content, [5000]);
    await expect(writer.abort()).resolves.toBeUndefined();
    await expect(writer.abort()).resolves.toBeUndefined();
    expectFileContent(path, content);
  });

  it('create refuses an existing file and leaves it untouched', async () => {
    const path = join(temp.make(), 'existing');
    const before = seededBytes(10_000, 'existing');
    writeFileSync(path, before, { mode: 0o644 });
    const openDirect = vi.fn(async () => null);
    for (const mode of ['direct', 'buffered'] as WriteMode[]) {
      await expect(
        SequentialWriter.create(path, { ...OPTIONS, mode, openDirect }),
      ).rejects.toMatchObject({
        code: 'EEXIST',
      });
    }
    expect(openDirect).not.toHaveBeenCalled();
    expectFileContent(path, before);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(descriptorsOf(path) ?? []).toEqual([]);
  });

  it('closes the new file when opening the direct descriptor throws', async () => {
    const path = temp.path('blob');
    await expect(
      SequentialWriter.create(path, {
        ...OPTIONS,
        openDirect: () => Promise.reject(errnoError('EMFILE')),
      }),
    ).rejects.toMatchObject({ code: 'EMFILE' });
    // Removed, and no descriptor of it (a deleted file's link reads "<path> (deleted)").
    expect(existsSync(path)).toBe(false);
    if (existsSync('/proc/self/fd')) {
      const links = readdirSync('/proc/self/fd').map((fd) => {
        try {
          return readlinkSync(join('/proc/self/fd', fd));
        } catch {
          return '';
        }
      });
      expect(links.filter((link) => link.startsWith(path))).toEqual([]);
    }
  });

  it('a direct descriptor whose close() fails leaves no descriptor open after finish + abort', async () => {
    const path = temp.path('blob');
    const writer = await SequentialWriter.create(path, {
      ...OPTIONS,
      openDirect: async (p) => {
        const real = await open(p, 'r+');
        return {
          write: (b: Uint8Array, o: number, l: number, at: number) => real.write(b, o, l, at),
          close: async () => {
            await real.close();
            throw errnoError('EIO');
          },
        } as unknown as FileHandle;
      },
    });
    writer.reserve(10).fill(7);
    writer.commit(10);
    await expect(writer.finish()).rejects.toMatchObject({ code: 'EIO' });
    await writer.abort();
    expect(descriptorsOf(path) ?? []).toEqual([]);
  });

  it('reserve beyond the buffer throws a RangeError', async () => {
    const path = temp.path('blob');
    const writer = await SequentialWriter.create(path, OPTIONS);
    try {
      expect(() => writer.reserve(-1)).toThrow(RangeError);
      expect(() => writer.reserve(2 * (MiB + PIECE))).toThrow(RangeError);
      // The contract: a maxReserve slice always fits while the buffer holds less than a batch.
      writer.reserve(MiB - 1);
      writer.commit(MiB - 1);
      expect(writer.reserve(PIECE).length).toBe(PIECE);
      writer.commit(PIECE);
      // Without the flush the protocol asks for, the next slice no longer fits.
      expect(() => writer.reserve(PIECE)).toThrow(RangeError);
      expect(() => writer.reserve(PIECE)).toThrow('reserve beyond the write buffer');
      await writer.flushIfFull();
      expect(writer.reserve(PIECE).length).toBe(PIECE);
    } finally {
      await writer.abort();
    }
  });
});

describe('wiping the buffers (they may hold plaintext)', () => {
  /** Bytes zeroed by Uint8Array.prototype.fill(0, …) while `run` runs. */
  async function zeroed(run: () => Promise<unknown>): Promise<number> {
    const fill = vi.spyOn(Uint8Array.prototype, 'fill');
    try {
      await run();
      return fill.mock.calls.reduce((sum, call, i) => {
        const target = fill.mock.contexts[i] as Uint8Array;
        const [value, start = 0, end = target.length] = call as [number, number?, number?];
        return value === 0 ? sum + (end - start) : sum;
      }, 0);
    } finally {
      fill.mockRestore();
    }
  }

  it('a small file wipes only what it used, not every buffer whole', async () => {
    // 4 MiB batches as attachments use: three buffers of 4 MiB + a chunk each. Wiping them all
    // (touching 12 MiB of fresh pages) was most of a tiny received file's 55-66 ms.
    const options = { batchBytes: 4 * MiB, maxReserve: PIECE };
    for (const mode of ['direct', 'buffered'] as const) {
      const writer = await SequentialWriter.create(temp.path(`small-${mode}`), {
        ...options,
        mode,
      });
      const bytes = await zeroed(() => writeAll(writer, Buffer.from('a tiny file'), [11]));
      expect(bytes).toBeLessThanOrEqual(8 * KiB);
    }
  });

  it('everything written into the buffers is zero once finished or aborted', async () => {
    const content = Buffer.from(seededBytes(3 * MiB + 12_345, 'wipe'));
    for (const end of ['finish', 'abort'] as const) {
      const writer = await SequentialWriter.create(temp.path(`wipe-${end}`), OPTIONS);
      const views: Uint8Array[] = [];
      let at = 0;
      for (const size of chunked(content.length)) {
        const slot = writer.reserve(size);
        slot.set(content.subarray(at, at + size));
        views.push(slot);
        writer.commit(size);
        at += size;
        await writer.flushIfFull();
      }
      if (end === 'finish') await writer.finish();
      else await writer.abort();
      // Each view is a window on one of the buffers: all of them zero, whatever moved where.
      const buffers = new Set(views.map((view) => view.buffer));
      for (const buffer of buffers) expect(new Uint8Array(buffer).every((b) => b === 0)).toBe(true);
    }
  });
});
