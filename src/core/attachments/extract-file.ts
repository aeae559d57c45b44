import { randomBytes } from 'node:crypto';
import { link, lstat, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FileExistsError } from '../../shared/errors';
import { checkOutputPath } from '../fs/output-path';
import { fsyncDir } from '../fs/atomic';
import { SequentialWriter } from '../fs/sequential-writer';
import { BLOB_CHUNK_BYTES } from './blob-format';
import { type BlobRef, SEQUENTIAL_BATCH_CHUNKS, decryptBlob } from './blob-reader';
import { FileIoError, attachmentIntegrity, isNodeError } from './errors';
import { type StreamHasher, hasherFor } from './hasher';

/** Plaintext collected per write of the extracted file. */
const WRITE_BATCH_BYTES = 2 * 1024 * 1024;
/** Copied into the writer this much at a time, which keeps its buffers small. */
const COPY_PIECE_BYTES = 1024 * 1024;

export interface ExtractResult {
  path: string;
  size: number;
  sha256: string;
  verified: true;
}

/**
 * Writes an attachment's plaintext to a file the user chose (docs/attachments.md, "Extract").
 * The bytes go to a hidden temporary file beside the destination; every chunk is authenticated
 * on the way and the SHA-256 of the whole is compared with the one recorded at ingest (chain of
 * custody). Only then is the file fsynced and moved into place. On any failure the temporary
 * file is removed: no partial output is ever left behind. Without `force` an existing file is
 * never replaced, even one that appears while extracting (the final step is a hard link, which
 * fails if the name exists).
 */
export async function extractToFile(
  ref: BlobRef,
  expectedSha256: string,
  outPath: string,
  options: { force?: boolean; vaultDir: string },
): Promise<ExtractResult> {
  const out = checkOutputPath(outPath, {
    vaultDir: options.vaultDir,
    force: options.force === true,
    what: 'the extracted file',
  });
  const parent = dirname(out);

  const temp = join(parent, `.tvault-${ref.id}-${randomBytes(6).toString('hex')}.partial`);
  let writer: SequentialWriter | null = null;
  const hasher: StreamHasher = hasherFor(ref.size);
  const batchBytes = SEQUENTIAL_BATCH_CHUNKS * BLOB_CHUNK_BYTES;
  const buffers = [0, 1].map(() => new Uint8Array(batchBytes)) as [Uint8Array, Uint8Array];
  try {
    try {
      writer = await SequentialWriter.create(temp, {
        batchBytes: WRITE_BATCH_BYTES,
        maxReserve: COPY_PIECE_BYTES,
      });
    } catch (error) {
      throw new FileIoError('Cannot write into the folder', parent, error);
    }
    let size = 0;
    // The reader alternates two buffers; each batch is copied into the writer's, which go to
    // disk a few megabytes at a time while the next batches are decrypted.
    for await (const plain of decryptBlob(ref, { buffers, batchChunks: SEQUENTIAL_BATCH_CHUNKS })) {
      await hasher.update(plain);
      for (let offset = 0; offset < plain.length; offset += COPY_PIECE_BYTES) {
        const piece = plain.subarray(offset, offset + COPY_PIECE_BYTES);
        writer.reserve(piece.length).set(piece);
        writer.commit(piece.length);
        await writer.flushIfFull();
      }
      size += plain.length;
    }
    const sha256 = await hasher.digest();
    if (size !== ref.size || sha256 !== expectedSha256) throw attachmentIntegrity(ref.id, 'sha256');
    await writer.finish();
    writer = null;
    await place(temp, out, options.force === true);
    fsyncDir(parent);
    return { path: out, size, sha256, verified: true };
  } catch (error) {
    // Writes may still be running: let them end before the file is closed and removed.
    await (writer as SequentialWriter | null)?.abort();
    await unlink(temp).catch(() => undefined);
    if (isNodeError(error, 'ENOSPC', 'EIO', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM'))
      throw new FileIoError('Cannot write the extracted file', out, error);
    throw error;
  } finally {
    hasher.dispose();
    // Plaintext (the writer wipes its own buffers when it finishes or aborts).
    for (const buffer of buffers) buffer.fill(0);
  }
}

async function place(temp: string, out: string, force: boolean): Promise<void> {
  if (force) {
    await rename(temp, out);
    return;
  }
  try {
    await link(temp, out);
    await unlink(temp);
  } catch (error) {
    if (isNodeError(error, 'EEXIST')) throw new FileExistsError(out);
    // File systems without hard links (FAT, exFAT on USB sticks): check, then rename.
    if (!isNodeError(error, 'EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK')) throw error;
    if (await lstat(out).catch(() => null)) throw new FileExistsError(out);
    await rename(temp, out);
  }
}
