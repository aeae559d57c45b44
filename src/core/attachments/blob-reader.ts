import { type FileHandle, open } from 'node:fs/promises';
import { STREAM_SEALED_CHUNK_BYTES, StreamCodec, streamChunkPlainLength } from '../crypto/stream';
import type { FileKey } from '../crypto/keys';
import { type SodiumPort, sodium } from '../crypto/sodium';
import { pageAlignedBytes } from '../fs/page-aligned';
import {
  BLOB_CHUNK_BYTES,
  BLOB_HEADER_BYTES,
  blobChunkCount,
  blobFileLength,
  chunkAssociatedData,
  chunkOffset,
  headerMatches,
} from './blob-format';
import { attachmentIntegrity, isNodeError } from './errors';

/** Chunks read per system call, unless the caller asks for more (`batchChunks`). */
const BATCH_CHUNKS = 16;
/** Chunks per read for a whole-file pass: 4 MiB reads keep an uncached blob's disk busier. */
export const SEQUENTIAL_BATCH_CHUNKS = 64;

export interface BlobRef {
  id: string;
  path: string;
  fileKey: FileKey;
  /** Plaintext size, from the sealed metadata: it fixes the chunk count and the last chunk. */
  size: number;
}

export interface DecryptOptions {
  /** Inclusive byte range; the whole file when absent. */
  range?: { start: number; end: number };
  /**
   * Two plaintext buffers of batchChunks x 64 KiB, owned by the caller, used in turn: each yielded
   * view stays valid until the second next request after it (so a caller may write one batch
   * while the next is decrypted). The caller wipes them when done. For callers that write at
   * once (extraction); without them each batch gets a fresh array the caller may keep.
   */
  buffers?: readonly [Uint8Array, Uint8Array];
  /** Chunks per read (default 16, about 1 MiB: a seek in a video needs no more). */
  batchChunks?: number;
  /** The libsodium build to decrypt with (tests pass each); the process's choice by default. */
  sodium?: SodiumPort;
}

/**
 * Decrypts the chunks of a blob that cover a byte range, and only those (random access: video
 * seeking). Checks before any output that the file has exactly the length the sealed size
 * implies and the expected header (so a truncated, extended or re-headed blob fails at once),
 * then authenticates each chunk under its counter, with the last flag on the final chunk only.
 * Any failure is an IntegrityError naming the attachment. Plaintext exists only in memory.
 */
export async function* decryptBlob(
  ref: BlobRef,
  options: DecryptOptions = {},
): AsyncGenerator<Uint8Array, void, undefined> {
  const { id, size } = ref;
  const batchChunks = options.batchChunks ?? BATCH_CHUNKS;
  if (!Number.isInteger(batchChunks) || batchChunks < 1) throw new RangeError('invalid batch size');
  const count = blobChunkCount(size);
  const start = options.range?.start ?? 0;
  const end = options.range?.end ?? size - 1;
  // An empty file has one empty chunk, still checked so that a missing final chunk is caught.
  const firstChunk = size === 0 ? 0 : Math.floor(start / BLOB_CHUNK_BYTES);
  const lastChunk = size === 0 ? 0 : Math.floor(end / BLOB_CHUNK_BYTES);
  const codec = new StreamCodec({
    sodium: options.sodium ?? sodium(),
    key: ref.fileKey,
    ad: chunkAssociatedData(id),
  });

  const shared = options.buffers ?? null;
  if (shared && shared.some((buffer) => buffer.length < batchChunks * BLOB_CHUNK_BYTES))
    throw new RangeError('decrypt buffers too small');

  let handle: FileHandle;
  try {
    handle = await open(ref.path, 'r');
  } catch (error) {
    if (isNodeError(error, 'ENOENT')) throw attachmentIntegrity(id, 'missing');
    throw error;
  }
  // Page-aligned: reads into a buffer 16 bytes into a page cost 4x (fs/page-aligned.ts).
  const sealedBuffers = [0, 1].map(() => pageAlignedBytes(batchChunks * STREAM_SEALED_CHUNK_BYTES));
  let pending: Promise<number> | null = null;
  try {
    const { size: fileLength } = await handle.stat();
    const expected = blobFileLength(size);
    if (fileLength !== expected)
      throw attachmentIntegrity(id, 'length', { expected, actual: fileLength });
    const header = Buffer.alloc(BLOB_HEADER_BYTES);
    await readFully(handle, header, 0, BLOB_HEADER_BYTES, id);
    if (!headerMatches(header)) throw attachmentIntegrity(id, 'header');

    const sealedLength = (index: number) =>
      streamChunkPlainLength(size, index, BLOB_CHUNK_BYTES) +
      STREAM_SEALED_CHUNK_BYTES -
      BLOB_CHUNK_BYTES;
    /** Reads chunks [from, to] into a buffer; resolves to the byte count. */
    const readBatch = (buffer: Uint8Array, from: number, to: number) => {
      const length = chunkOffset(to) + sealedLength(to) - chunkOffset(from);
      return readFully(handle, buffer, chunkOffset(from), length, id).then(() => length);
    };

    let turn = 0;
    let from = firstChunk;
    let to = Math.min(lastChunk, from + batchChunks - 1);
    pending = readBatch(sealedBuffers[0]!, from, to);
    while (pending) {
      await pending;
      pending = null;
      const sealed = sealedBuffers[turn]!;
      // Start reading the next batch before decrypting this one.
      const nextFrom = to + 1;
      const nextTo = Math.min(lastChunk, nextFrom + batchChunks - 1);
      if (nextFrom <= lastChunk) {
        pending = readBatch(sealedBuffers[turn ^ 1]!, nextFrom, nextTo);
        // Awaited next turn; its failure may come while the consumer holds this batch, so it is
        // marked handled now (an unhandled rejection would stop the process).
        pending.catch(() => undefined);
      }

      const plain = shared?.[turn] ?? new Uint8Array((to - from + 1) * BLOB_CHUNK_BYTES);
      let inOffset = 0;
      let outOffset = 0;
      for (let index = from; index <= to; index++) {
        const length = sealedLength(index);
        const plainLength = length - (STREAM_SEALED_CHUNK_BYTES - BLOB_CHUNK_BYTES);
        const ok = codec.open({
          out: plain.subarray(outOffset, outOffset + plainLength),
          sealed: sealed.subarray(inOffset, inOffset + length),
          counter: index,
          last: index === count - 1,
        });
        if (!ok) throw attachmentIntegrity(id, 'chunk', { chunk: index });
        inOffset += length;
        outOffset += plainLength;
      }
      // The part of this batch inside the range.
      const batchStart = from * BLOB_CHUNK_BYTES;
      const sliceStart = Math.max(start, batchStart) - batchStart;
      const sliceEnd = Math.min(end + 1, batchStart + outOffset) - batchStart;
      if (sliceEnd > sliceStart) yield plain.subarray(sliceStart, sliceEnd);

      from = nextFrom;
      to = nextTo;
      turn ^= 1;
    }
  } finally {
    await pending?.catch(() => undefined);
    await handle.close().catch(() => undefined);
  }
}

async function readFully(
  handle: FileHandle,
  buffer: Uint8Array,
  position: number,
  length: number,
  id: string,
): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    // The length was checked; a short read means the file changed under us.
    if (bytesRead === 0) throw attachmentIntegrity(id, 'length');
    done += bytesRead;
  }
}
