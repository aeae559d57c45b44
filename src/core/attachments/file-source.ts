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
  acquire(): Promise<Uint8Array>;
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

/**
 * The same bytes, read straight into the hash worker's shared ring: each batch is handed to the
 * worker as soon as it is read, then yielded for sealing, so it is hashed and encrypted side by
 * side without a copy and without buffers of its own. The next read is in flight meanwhile.
 * A yielded batch is valid until the consumer asks for the next one (the ring holds more slots
 * than the two in use here, so the worker never has a slot overwritten before it is hashed).
 */
export async function* readFileIntoSlots(
  file: OpenFile,
  sink: SlotSink,
): AsyncGenerator<Uint8Array, void, undefined> {
  let position = 0;
  let slot = await sink.acquire();
  let pending: Promise<number> | null = readAt(file, slot, 0);
  try {
    while (pending) {
      const bytesRead = await pending;
      pending = null;
      if (bytesRead === 0) return;
      position += bytesRead;
      sink.publish(bytesRead);
      const current = slot.subarray(0, bytesRead);
      slot = await sink.acquire();
      pending = readAt(file, slot, position);
      yield current;
    }
  } finally {
    // Never leave a read writing into the ring after the consumer is gone (the hasher wipes it).
    await pending?.catch(() => undefined);
  }
}
