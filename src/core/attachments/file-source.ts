import type { FileHandle } from 'node:fs/promises';
import { pageAlignedBytes } from '../fs/page-aligned';
import { FileIoError } from './errors';

/** Reads of 1 MiB: few enough system calls, small enough to keep memory flat. */
export const READ_BATCH_BYTES = 1024 * 1024;

/** Marks a source that is an open file, which the blob writer can read zero-copy. */
export const FILE_SOURCE = Symbol('tvault.fileSource');

export interface OpenFile {
  handle: FileHandle;
  /** For error messages only. */
  path: string;
}

/** An open file's bytes: iterable like any source, and recognisable as a file (`fileOf`). */
export interface FileBatchSource extends AsyncIterable<Uint8Array> {
  readonly [FILE_SOURCE]: OpenFile;
}

/** Where the bytes go: the hash worker's ring (hasher.ts, SlotHasher). */
export interface SlotSink {
  /** The slot `ahead` places after the next one to publish (hasher.ts, SlotHasher). */
  acquire(ahead: number): Promise<Uint8Array>;
  publish(length: number): void;
}

export function readFileBatches(
  handle: FileHandle,
  path: string,
  batchBytes = READ_BATCH_BYTES,
): FileBatchSource {
  return {
    [FILE_SOURCE]: { handle, path },
    [Symbol.asyncIterator]: () => readBatches(handle, path, batchBytes),
  };
}

/** The open file behind a source made by readFileBatches, if it is one. */
export function fileOf(source: unknown): OpenFile | null {
  const file = (source as Partial<FileBatchSource> | null)?.[FILE_SOURCE];
  return file ?? null;
}

/**
 * One read at `position`. Its failure may come while the consumer is still busy with the
 * previous batch, before anyone awaits it: marked handled here (the awaiting code still gets
 * the error), so that it never surfaces as an unhandled rejection, which stops the process.
 */
function readAt(file: OpenFile, buffer: Uint8Array, position: number): Promise<number> {
  const read = file.handle.read(buffer, 0, buffer.length, position).then(
    ({ bytesRead }) => bytesRead,
    (error: unknown) => {
      throw new FileIoError('Cannot read the file to attach', file.path, error);
    },
  );
  read.catch(() => undefined);
  return read;
}

/**
 * The bytes of an open file as an async iterable of batches, with the next read already in
 * flight while the consumer works on the current batch (reads run on libuv's thread pool, so
 * they overlap hashing and encryption on the main thread). Two buffers, reused: a yielded
 * batch is valid only until the consumer asks for the next one.
 */
async function* readBatches(
  handle: FileHandle,
  path: string,
  batchBytes: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  const file = { handle, path };
  const buffers = [pageAlignedBytes(batchBytes), pageAlignedBytes(batchBytes)];
  let position = 0;
  let turn = 0;
  let pending: Promise<number> | null = readAt(file, buffers[0]!, 0);
  try {
    while (pending) {
      const bytesRead = await pending;
      pending = null;
      if (bytesRead === 0) return;
      const current = buffers[turn]!;
      position += bytesRead;
      turn ^= 1;
      pending = readAt(file, buffers[turn]!, position);
      yield current.subarray(0, bytesRead);
    }
  } finally {
    // Never leave a read writing into a buffer after the consumer is gone.
    await pending?.catch(() => undefined);
    for (const buffer of buffers) buffer.fill(0);
  }
}

/** Reads in flight ahead of the consumer when reading into the hash ring. */
const READS_IN_FLIGHT = 3;

/**
 * The same bytes, read straight into the hash worker's shared ring: each batch is handed to the
 * worker as soon as it is read, then yielded for sealing, so it is hashed and encrypted side by
 * side without a copy and without buffers of its own. READS_IN_FLIGHT reads run ahead on
 * libuv's pool meanwhile, so that a read held up behind the busy cores does not stall the
 * sealing (one read in flight left the main thread waiting a quarter of the time on two cores).
 * A yielded batch is valid until the consumer asks for the next one (the slots being read into
 * are always others: the ring is larger than the read-ahead).
 */
export async function* readFileIntoSlots(
  file: OpenFile,
  sink: SlotSink,
): AsyncGenerator<Uint8Array, void, undefined> {
  // Reads in order of position; reads[i] fills the slot i places after the next to publish.
  const reads: { slot: Uint8Array; at: number; read: Promise<number> }[] = [];
  /** Where the next read to start begins. */
  let next = 0;
  const fill = async (): Promise<void> => {
    while (reads.length < READS_IN_FLIGHT) {
      const slot = await sink.acquire(reads.length);
      reads.push({ slot, at: next, read: readAt(file, slot, next) });
      next += slot.length;
    }
  };
  try {
    await fill();
    for (;;) {
      const { slot, at, read } = reads.shift()!;
      const bytesRead = await read;
      if (bytesRead === 0) return;
      sink.publish(bytesRead);
      if (bytesRead < slot.length) {
        // Short: the end of the file, or a read cut short. Either way the reads ahead started
        // at the wrong positions: drop them and go on from the true one.
        await settle(reads.splice(0));
        next = at + bytesRead;
      }
      await fill();
      yield slot.subarray(0, bytesRead);
    }
  } finally {
    // Never leave a read writing into the ring after the consumer is gone (the hasher wipes it).
    await settle(reads);
  }
}

async function settle(reads: { read: Promise<number> }[]): Promise<void> {
  await Promise.all(reads.map(({ read }) => read.catch(() => undefined)));
}
