import { dirname } from 'node:path';
import { checkOutputPath } from '../fs/output-path';
import { SequentialWriter } from '../fs/sequential-writer';
import { StagedOutput } from '../fs/staged-output';
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
 * The bytes go to a staged file in the destination folder (StagedOutput: unnamed on Linux, so
 * that even a killed process leaves nothing readable); every chunk is authenticated on the way
 * and the SHA-256 of the whole is compared with the one recorded at ingest (chain of custody).
 * Only then is the file fsynced and given its name. On any failure the stage is discarded: no
 * partial output is ever left behind. Without `force` an existing file is never replaced, even
 * one that appears while extracting (the final step is a link, which fails if the name exists).
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

  let stage: StagedOutput | null = null;
  let writer: SequentialWriter | null = null;
  const hasher: StreamHasher = hasherFor(ref.size);
  const batchBytes = SEQUENTIAL_BATCH_CHUNKS * BLOB_CHUNK_BYTES;
  const buffers = [0, 1].map(() => new Uint8Array(batchBytes)) as [Uint8Array, Uint8Array];
  try {
    try {
      stage = await StagedOutput.create(out);
      writer = await SequentialWriter.adopt(stage.handle, stage.directPath, {
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
    const staged = stage;
    stage = null;
    await staged.commit(options.force === true);
    return { path: out, size, sha256, verified: true };
  } catch (error) {
    // Writes may still be running: let them end before the file is closed and removed.
    await (writer as SequentialWriter | null)?.abort();
    await (stage as StagedOutput | null)?.discard();
    if (isNodeError(error, 'ENOSPC', 'EIO', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EFBIG'))
      throw new FileIoError('Cannot write the extracted file', out, error);
    throw error;
  } finally {
    hasher.dispose();
    // Plaintext (the writer wipes its own buffers when it finishes or aborts).
    for (const buffer of buffers) buffer.fill(0);
  }
}
