import { associatedData } from '../crypto/associated-data';
import {
  STREAM_CHUNK_BYTES,
  STREAM_SEALED_CHUNK_BYTES,
  streamChunkCount,
  streamSealedLength,
} from '../crypto/stream';

/**
 * The blob file of one attachment, blobs/<attachment id> (docs/attachments.md, "Blob file"):
 *
 *     offset  size  field
 *     0       6     magic "TVBLOB" (54 56 42 4c 4f 42)
 *     6       1     format version, 0x01
 *     7       1     algorithm, 0x01 = STREAM with ChaCha20-Poly1305 (IETF)
 *     8       4     chunk size in bytes, big-endian: 65536
 *     12      4     reserved, zero
 *     16      ...   the sealed chunks: (65536 + 16) bytes each, the final one 16 + 0..65536
 *
 * The header is not secret; it is bound into every chunk's associated data together with the
 * attachment id, so any change to it fails authentication, and so does a blob moved under
 * another attachment's name (its key differs too, but the id makes the failure explicit).
 */
export const BLOB_MAGIC = 'TVBLOB';
export const BLOB_VERSION = 1;
export const BLOB_ALG_STREAM_CHACHA20POLY1305 = 1;
export const BLOB_HEADER_BYTES = 16;
export const BLOB_CHUNK_BYTES = STREAM_CHUNK_BYTES;

/** The only header version 1 allows: every field is fixed. */
export function blobHeader(): Uint8Array {
  const header = new Uint8Array(BLOB_HEADER_BYTES);
  for (let i = 0; i < BLOB_MAGIC.length; i++) header[i] = BLOB_MAGIC.charCodeAt(i);
  header[6] = BLOB_VERSION;
  header[7] = BLOB_ALG_STREAM_CHACHA20POLY1305;
  new DataView(header.buffer).setUint32(8, BLOB_CHUNK_BYTES);
  return header;
}

export function headerMatches(bytes: Uint8Array): boolean {
  const expected = blobHeader();
  if (bytes.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (bytes[i] !== expected[i]) return false;
  return true;
}

/** The associated data of every chunk of one attachment's blob. */
export function chunkAssociatedData(attachmentId: string): Uint8Array {
  const hex = Buffer.from(blobHeader()).toString('hex');
  return associatedData('tvault-attachment-chunk', BLOB_VERSION, attachmentId, hex);
}

export function blobChunkCount(size: number): number {
  return streamChunkCount(size, BLOB_CHUNK_BYTES);
}

/** The exact length of the blob file of a `size`-byte attachment. */
export function blobFileLength(size: number): number {
  return BLOB_HEADER_BYTES + streamSealedLength(size, BLOB_CHUNK_BYTES);
}

/** Where chunk `index` starts in the blob file. */
export function chunkOffset(index: number): number {
  return BLOB_HEADER_BYTES + index * STREAM_SEALED_CHUNK_BYTES;
}

/** Name of the file being written for an attachment; leftovers are removed at the next open. */
export const PARTIAL_SUFFIX = '.partial';

export function isBlobName(name: string): boolean {
  return /^[0-9a-f]{32}$/.test(name);
}
