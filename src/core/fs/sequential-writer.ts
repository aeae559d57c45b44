import { constants } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { isPageAligned, pageAlignedBytes } from './page-aligned';

/**
 * Writes a new file front to back, fast and durably, for attachment blobs (docs/attachments.md,
 * "Ingest"). The producer fills the writer's buffers in place (`reserve`, `commit`: sealing
 * straight into them, no copy), and each full buffer is written on libuv's thread pool while
 * the producer fills the next one.
 *
 * Where the platform and the file system allow it (Linux, O_DIRECT), the data bypasses the page
 * cache: the disk writes while we encrypt, no copy into the cache is paid for, and the final
 * fsync has only metadata left. Direct writes need aligned memory (page-aligned buffers),
 * aligned file offsets and lengths: every write is a multiple of ALIGN bytes at a multiple of
 * ALIGN, the few bytes beyond the last whole block move to the front of the next buffer, and
 * the final block is padded with zeros, then cut off with ftruncate before the fsync.
 * If the file system refuses direct I/O at any point (EINVAL: tmpfs, some FUSE or network file
 * systems), the same write is redone through an ordinary handle and the rest of the file goes
 * that way, with a data sync started every EARLY_SYNC_BYTES so that write-back runs while we
 * work instead of all in the final fsync.
 *
 * Nothing is durable until `finish` resolves: it writes the tail, syncs and closes. On any
 * failure call `abort` (it waits for writes in flight and closes), then remove the file.
 */
const ALIGN = 4096;
const EARLY_SYNC_BYTES = 64 * 1024 * 1024;
const BUFFERS = 3;

export type WriteMode = 'direct' | 'buffered';

export interface SequentialWriterOptions {
  /** Bytes collected before a write is started (the producer adds up to `maxReserve` more). */
  batchBytes: number;
  /** The largest single `reserve`. */
  maxReserve: number;
  /** 'buffered' skips direct I/O (tests, and file systems known not to want it). */
  mode?: WriteMode;
  /**
   * Opens the second, direct descriptor (null: not available). Tests replace it to make the
   * file system refuse direct writes part-way through.
   */
  openDirect?: (path: string, created: FileHandle) => Promise<FileHandle | null>;
}

/**
 * A second descriptor of the file just created as `created`, with O_DIRECT; null where the
 * platform or the file system has none. It is opened by name, so it is checked to be the same
 * file (device and inode): in a folder others can write to (an extraction's destination), the
 * name could have been swapped in between, and the bytes must never go to someone else's file.
 */
export async function openDirect(
  path: string,
  created: FileHandle,
  /** False for /proc/self/fd/N, the only name of an unnamed file (a link that must be followed). */
  noFollow = true,
): Promise<FileHandle | null> {
  const O_DIRECT = (constants as { O_DIRECT?: number }).O_DIRECT;
  if (typeof O_DIRECT !== 'number') return null;
  let direct: FileHandle;
  try {
    direct = await open(
      path,
      constants.O_WRONLY | O_DIRECT | (noFollow ? constants.O_NOFOLLOW : 0),
    );
  } catch {
    // The file system has no direct I/O: the ordinary handle does all the work.
    return null;
  }
  try {
    const [a, b] = await Promise.all([
      created.stat({ bigint: true }),
      direct.stat({ bigint: true }),
    ]);
    if (a.dev === b.dev && a.ino === b.ino) return direct;
  } catch {
    // Treated as a mismatch.
  }
  await direct.close().catch(() => undefined);
  return null;
}

/** Errors by which a file system refuses a direct write it accepted to open. */
const DIRECT_REFUSED = new Set(['EINVAL', 'EOPNOTSUPP', 'ENOTSUP']);

export class SequentialWriter {
  readonly #direct: FileHandle | null;
  readonly #buffered: FileHandle;
  readonly #buffers: Uint8Array[];
  /**
   * How far into each buffer anything was ever put: only that much is wiped. Wiping the three
   * buffers whole touched 12 MiB of fresh pages per file, most of a tiny received file's cost.
   */
  readonly #used: number[];
  readonly #inflight: (Promise<void> | null)[];
  readonly #batchBytes: number;
  #useDirect: boolean;
  #turn = 0;
  #fill = 0;
  /** File offset of the current buffer's first byte (a multiple of ALIGN). */
  #position = 0;
  #syncedUpTo = 0;
  #syncing: Promise<void> | null = null;
  #syncError: unknown = null;
  #closed = false;
  /** False when the caller owns the file's descriptor (adopt): only the direct one is closed. */
  readonly #ownsBuffered: boolean;

  private constructor(
    direct: FileHandle | null,
    buffered: FileHandle,
    options: SequentialWriterOptions,
    ownsBuffered = true,
  ) {
    this.#ownsBuffered = ownsBuffered;
    this.#direct = direct;
    this.#buffered = buffered;
    this.#batchBytes = options.batchBytes;
    const capacity = options.batchBytes + options.maxReserve + ALIGN;
    this.#buffers = Array.from({ length: BUFFERS }, () => pageAlignedBytes(capacity));
    this.#used = this.#buffers.map(() => 0);
    this.#inflight = this.#buffers.map(() => null);
    this.#useDirect = direct !== null && this.#buffers.every(isPageAligned);
  }

  /**
   * Creates `path` (exclusively, mode 0600: an existing file is an error, never overwritten)
   * and opens it for writing. The direct handle is a second descriptor of the same new file.
   */
  static async create(path: string, options: SequentialWriterOptions): Promise<SequentialWriter> {
    const buffered = await open(path, 'wx', 0o600);
    let direct: FileHandle | null = null;
    try {
      if (options.mode !== 'buffered')
        direct = await (options.openDirect ?? openDirect)(path, buffered);
    } catch (error) {
      // Ours alone (created exclusively just now): nothing is left behind.
      await buffered.close().catch(() => undefined);
      await unlink(path).catch(() => undefined);
      throw error;
    }
    return new SequentialWriter(direct, buffered, options);
  }

  /**
   * Writes into a file the caller created and keeps (an unnamed O_TMPFILE file that is linked
   * after `finish`): `finish` and `abort` leave `handle` open. The direct descriptor is opened
   * through `directPath` (for an unnamed file, /proc/self/fd/N).
   */
  static async adopt(
    handle: FileHandle,
    directPath: string,
    options: SequentialWriterOptions,
  ): Promise<SequentialWriter> {
    const direct =
      options.mode === 'buffered'
        ? null
        : options.openDirect
          ? await options.openDirect(directPath, handle)
          : await openDirect(directPath, handle, false);
    return new SequentialWriter(direct, handle, options, false);
  }

  /** How the data is going to disk now ('buffered' after a fallback). */
  get mode(): WriteMode {
    return this.#useDirect ? 'direct' : 'buffered';
  }

  /** The next `length` bytes of the file, to fill in place; `commit` hands them over. */
  reserve(length: number): Uint8Array {
    const buffer = this.#buffers[this.#turn]!;
    if (length < 0 || this.#fill + length > buffer.length)
      throw new RangeError('reserve beyond the write buffer: flush first');
    this.#touch(this.#turn, this.#fill + length);
    return buffer.subarray(this.#fill, this.#fill + length);
  }

  commit(length: number): void {
    this.#fill += length;
  }

  /** Starts writing the current buffer once it holds a batch; resolves when the next is free. */
  async flushIfFull(): Promise<void> {
    if (this.#fill >= this.#batchBytes) await this.#flush(false);
  }

  /**
   * Writes what is left, trims the padding, fsyncs and closes. `sync: false` leaves the fsync
   * to the caller (a batch of small blobs synced together: BlobSyncBatch).
   */
  async finish({ sync = true }: { sync?: boolean } = {}): Promise<number> {
    await this.#flush(true);
    await Promise.all(this.#inflight);
    await this.#syncing;
    if (this.#syncError !== null) throw this.#syncError;
    const length = this.#position + this.#fill;
    const handle = this.#buffered;
    if ((await handle.stat()).size !== length) await handle.truncate(length);
    if (sync) await handle.sync();
    await this.#close();
    this.#wipe();
    return length;
  }

  /** After a failure: lets writes in flight end, then closes. Never throws. */
  async abort(): Promise<void> {
    await Promise.all(this.#inflight.map((write) => write?.catch(() => undefined)));
    await this.#syncing?.catch(() => undefined);
    await this.#close().catch(() => undefined);
    this.#wipe();
  }

  /** The buffers may hold plaintext when the writer is used for an extraction. */
  #wipe(): void {
    this.#buffers.forEach((buffer, i) => buffer.fill(0, 0, this.#used[i]));
    this.#used.fill(0);
  }

  #touch(turn: number, end: number): void {
    if (end > this.#used[turn]!) this.#used[turn] = end;
  }

  /** Closes both descriptors, the second even if the first fails (the first error is thrown). */
  async #close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const results = await Promise.allSettled([
      this.#direct?.close(),
      this.#ownsBuffered ? this.#buffered.close() : undefined,
    ]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /**
   * Sends the aligned part of the current buffer (all of it, padded, when `final`) and moves
   * the unaligned rest to the next buffer, once that one's previous write has ended.
   */
  async #flush(final: boolean): Promise<void> {
    const buffer = this.#buffers[this.#turn]!;
    const fill = this.#fill;
    let length = final ? fill : fill - (fill % ALIGN);
    if (final && this.#useDirect && length % ALIGN !== 0) {
      const padded = length + ALIGN - (length % ALIGN);
      buffer.fill(0, length, padded);
      this.#touch(this.#turn, padded);
      length = padded;
    }
    const at = this.#position;
    const turn = this.#turn;
    if (length > 0) {
      const write = this.#write(buffer, length, at);
      // Marked handled now (finish/abort await it): a failure must not go unhandled meanwhile.
      write.catch(() => undefined);
      this.#inflight[turn] = write;
    }
    const rest = final ? 0 : fill - length;
    const next = (turn + 1) % BUFFERS;
    const previous = this.#inflight[next];
    if (previous) {
      this.#inflight[next] = null;
      await previous;
    }
    if (final) {
      this.#fill = fill;
      return;
    }
    this.#buffers[next]!.set(buffer.subarray(length, fill), 0);
    this.#touch(next, rest);
    this.#turn = next;
    this.#position = at + length;
    this.#fill = rest;
    this.#maybeStartSync();
  }

  async #write(buffer: Uint8Array, length: number, at: number): Promise<void> {
    if (this.#useDirect) {
      try {
        await writeAll(this.#direct!, buffer, length, at);
        return;
      } catch (error) {
        if (!DIRECT_REFUSED.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
        // Refused by the file system or device: the rest goes through the page cache.
        this.#useDirect = false;
      }
    }
    await writeAll(this.#buffered, buffer, length, at);
  }

  /** Buffered mode only: direct writes are on the device already when they return. */
  #maybeStartSync(): void {
    if (this.#useDirect || this.#syncing) return;
    if (this.#position - this.#syncedUpTo < EARLY_SYNC_BYTES) return;
    this.#syncedUpTo = this.#position;
    // Kept, not dropped: Linux reports a write-back error to one fsync only, so the final sync
    // might not see it again.
    this.#syncing = this.#buffered.datasync().then(
      () => void (this.#syncing = null),
      (error: unknown) => void ((this.#syncError ??= error), (this.#syncing = null)),
    );
  }
}

async function writeAll(
  handle: FileHandle,
  buffer: Uint8Array,
  length: number,
  at: number,
): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesWritten } = await handle.write(buffer, done, length - done, at + done);
    done += bytesWritten;
  }
}
