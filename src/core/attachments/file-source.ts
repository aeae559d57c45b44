import type { FileHandle } from 'node:fs/promises';
import { FileIoError } from './errors';

/** Reads of 1 MiB: few enough system calls, small enough to keep memory flat. */
export const READ_BATCH_BYTES = 1024 * 1024;

/**
 * The bytes of an open file as an async iterable of batches, with the next read already in
 * flight while the consumer works on the current batch (reads run on libuv's thread pool, so
 * they overlap hashing and encryption on the main thread). Two buffers, reused: a yielded
 * batch is valid only until the consumer asks for the next one.
 */
export async function* readFileBatches(
  handle: FileHandle,
  path: string,
  batchBytes = READ_BATCH_BYTES,
): AsyncGenerator<Uint8Array, void, undefined> {
  const buffers = [Buffer.allocUnsafe(batchBytes), Buffer.allocUnsafe(batchBytes)];
  let position = 0;
  let turn = 0;
  const read = (buffer: Buffer) =>
    handle.read(buffer, 0, buffer.length, position).catch((error: unknown) => {
      throw new FileIoError('Cannot read the file to attach', path, error);
    });
  let pending: ReturnType<typeof read> | null = read(buffers[0]!);
  try {
    while (pending) {
      const { bytesRead } = await pending;
      pending = null;
      if (bytesRead === 0) return;
      const current = buffers[turn]!;
      position += bytesRead;
      turn ^= 1;
      pending = read(buffers[turn]!);
      yield current.subarray(0, bytesRead);
    }
  } finally {
    // Never leave a read writing into a buffer after the consumer is gone.
    await pending?.catch(() => undefined);
    for (const buffer of buffers) buffer.fill(0);
  }
}
