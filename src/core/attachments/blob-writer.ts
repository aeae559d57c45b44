import { rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { CancelledError, IntegrityError, InvalidInputError } from '../../shared/errors';
import { fsyncDir } from '../fs/atomic';
import { SequentialWriter } from '../fs/sequential-writer';
import { STREAM_SEALED_CHUNK_BYTES, StreamCodec } from '../crypto/stream';
import type { FileKey } from '../crypto/keys';
import { type SodiumPort, sodium } from '../crypto/sodium';
import {
  BLOB_CHUNK_BYTES,
  BLOB_HEADER_BYTES,
  PARTIAL_SUFFIX,
  blobHeader,
  chunkAssociatedData,
} from './blob-format';
import type { ContentCapture } from './capture';
import { FileIoError, isNodeError } from './errors';
import { FileHashReader } from './file-hash-reader';
import { type OpenFile, fileOf } from './file-source';
import type { BlobSyncBatch } from './blob-sync-batch';
import { hashesOnWorker, hasherFor } from './hasher';

/**
 * Sealed bytes collected per write: 64 chunks, about 4 MiB per system call. Direct writes of
 * 4 MiB keep this disk busy at half the CPU of 1 MiB ones (0.15 against 0.32 s per GiB here).
 */
const BATCH_BYTES = 4 * 1024 * 1024;

/**
 * The batch for a blob of about `sizeHint` bytes: a small one needs no 4 MiB buffers. The
 * writer holds three buffers of a batch and a chunk each; for a tiny file those were 12 MiB
 * allocated and wiped per file, and the garbage collection they caused, most of a tiny received
 * file's cost. A hint that proves short is harmless: the buffers are then flushed more often.
 */
export function batchBytesFor(sizeHint: number | undefined): number {
  if (sizeHint === undefined) return BATCH_BYTES;
  const chunks = Math.max(1, Math.ceil(sizeHint / BLOB_CHUNK_BYTES));
  return Math.min(BATCH_BYTES, BLOB_HEADER_BYTES + chunks * STREAM_SEALED_CHUNK_BYTES);
}

export interface WriteBlobOptions {
  blobsDir: string;
  id: string;
  fileKey: FileKey;
  source: AsyncIterable<Uint8Array>;
  capture?: ContentCapture;
  /** Bytes taken from the source so far. */
  onBytes?: (bytesDone: number) => void;
  signal?: AbortSignal;
  /** Stop as soon as the source gives more than this (a partner's announced size). */
  maxSize?: number;
  /** The expected size, if known: large inputs are hashed on a worker thread. */
  sizeHint?: number;
  /**
   * For a small blob (sizeHint within BATCHED_BLOB_BYTES): written through the page cache and
   * not synced here; its final path is added to the batch, which the caller syncs before
   * anything refers to the blob.
   */
  syncBatch?: BlobSyncBatch;
  /** The libsodium build to encrypt with (tests pass each); the process's choice by default. */
  sodium?: SodiumPort;
}

export interface WrittenBlob {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Encrypts a source into blobs/<id> (docs/attachments.md, "Ingest"). The ciphertext goes to
 * blobs/<id>.partial; only once every byte is written and fsynced is it renamed to its final
 * name and the folder fsynced, so a crash leaves at most a .partial file (removed at the next
 * open), never a blob that looks complete. On any error the partial file is removed.
 *
 * Pipelined, constant memory: whole chunks are sealed straight from the source's buffer (only
 * a chunk that might be the final one waits in a 64 KiB staging buffer, until more input shows
 * it is not) into the buffers of a SequentialWriter (fs/sequential-writer.ts), which writes
 * every 4 MiB on libuv's thread pool, bypassing the page cache where the file system allows,
 * while the next input is read and sealed. A large file (readFileBatches) is read and hashed by
 * one worker thread into a shared ring that the sealing reads from (file-hash-reader.ts): each
 * byte read once, hashed and sealed without a copy. Other large inputs are hashed on a worker
 * meanwhile (hasher.ts), small ones inline. Nothing is allocated per chunk.
 */
export async function writeBlob(options: WriteBlobOptions): Promise<WrittenBlob> {
  const { blobsDir, id, fileKey, source, capture, onBytes, signal, maxSize } = options;
  const partial = join(blobsDir, `${id}${PARTIAL_SUFFIX}`);
  const final = join(blobsDir, id);
  const codec = new StreamCodec({
    sodium: options.sodium ?? sodium(),
    key: fileKey,
    ad: chunkAssociatedData(id),
  });
  // Holds the tail of the input: at most one chunk, the one that may turn out to be the last.
  const staging = Buffer.allocUnsafe(BLOB_CHUNK_BYTES);
  // A large file is read and hashed on a worker, straight into a ring the sealing reads from.
  const file = fileOf(source);
  const reader = file && hashesOnWorker(options.sizeHint) ? startFileHashReader(file) : null;
  const hasher = reader ? null : hasherFor(options.sizeHint);
  // Direct I/O costs a device round trip per write, the sync another: a tiny file in a batch
  // goes through the page cache and is synced with the others (blob-sync-batch.ts).
  const batch = options.syncBatch?.accepts(options.sizeHint) ? options.syncBatch : null;

  let writer: SequentialWriter | null = null;
  let fill = 0;
  let counter = 0;
  let size = 0;
  let renamed = false;

  /** Seals the next chunk straight into the writer's buffer. */
  const emit = async (plain: Uint8Array, last: boolean): Promise<void> => {
    const sealedLength = plain.length + STREAM_SEALED_CHUNK_BYTES - BLOB_CHUNK_BYTES;
    codec.seal({ out: writer!.reserve(sealedLength), plain, counter: counter++, last });
    writer!.commit(sealedLength);
    if (!last) await writer!.flushIfFull();
  };

  try {
    try {
      writer = await SequentialWriter.create(partial, {
        batchBytes: batchBytesFor(options.sizeHint),
        maxReserve: STREAM_SEALED_CHUNK_BYTES,
        ...(batch ? { mode: 'buffered' as const } : {}),
      });
    } catch (error) {
      throw new FileIoError('Cannot create a file in the vault', partial, error);
    }
    writer.reserve(BLOB_HEADER_BYTES).set(blobHeader());
    writer.commit(BLOB_HEADER_BYTES);

    for await (const piece of reader?.batches() ?? source) {
      if (signal?.aborted) throw new CancelledError('Attaching the file');
      if (!(piece instanceof Uint8Array))
        throw new InvalidInputError('An attachment source must give bytes (Uint8Array).');
      size += piece.length;
      if (maxSize !== undefined && size > maxSize)
        throw new IntegrityError(`attachment ${id}`, { id, reason: 'size' });
      // Resolves once the hasher has its own copy (at once unless its pool is all in use).
      if (hasher) await hasher.update(piece);
      capture?.push(piece);
      // A chunk is sealed only once input beyond it exists, so none of these is the final one:
      // whole chunks straight from the source, the remainder via the staging buffer.
      let offset = 0;
      while (offset < piece.length) {
        if (fill === BLOB_CHUNK_BYTES) {
          await emit(staging, false);
          fill = 0;
        }
        if (fill === 0 && piece.length - offset > BLOB_CHUNK_BYTES) {
          await emit(piece.subarray(offset, offset + BLOB_CHUNK_BYTES), false);
          offset += BLOB_CHUNK_BYTES;
          continue;
        }
        const take = Math.min(piece.length - offset, BLOB_CHUNK_BYTES - fill);
        staging.set(piece.subarray(offset, offset + take), fill);
        fill += take;
        offset += take;
      }
      onBytes?.(size);
    }
    if (signal?.aborted) throw new CancelledError('Attaching the file');
    // The final chunk: 1 to 65536 bytes, or empty if the whole input was.
    await emit(staging.subarray(0, fill), true);
    const sha256 = reader ? await reader.digest() : await hasher!.digest();
    await writer.finish({ sync: !batch });
    writer = null;
    await rename(partial, final);
    renamed = true;
    if (batch) batch.add(final);
    else fsyncDir(blobsDir);
    return { path: final, size, sha256 };
  } catch (error) {
    await (writer as SequentialWriter | null)?.abort();
    await unlink(renamed ? final : partial).catch(() => undefined);
    if (isNodeError(error, 'ENOSPC', 'EIO', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM'))
      throw new FileIoError('Cannot write the attachment into the vault', partial, error);
    throw error;
  } finally {
    // The worker reads through the caller's descriptor: it must be gone before that is closed.
    await reader?.close();
    hasher?.dispose();
    staging.fill(0);
  }
}

/** The worker reader for a large file, or null if no worker can start (then hashed inline). */
function startFileHashReader(file: OpenFile): FileHashReader | null {
  try {
    return new FileHashReader(file);
  } catch {
    return null;
  }
}
