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
