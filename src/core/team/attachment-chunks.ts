import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { associatedData } from '../crypto/associated-data';
import { type FileKey, asKey } from '../crypto/keys';
import { sodium, wipe } from '../crypto/sodium';
import {
  STREAM_CHUNK_BYTES,
  STREAM_SEALED_CHUNK_BYTES,
  StreamCodec,
  streamChunkCount,
  streamSealedLength,
} from '../crypto/stream';
import { writeFileAtomic } from '../fs/atomic';
import { paddedLength } from './changeset-format';

/**
 * An attachment in the team folder (docs/team.md, "Attachments"): its plaintext, padded with
 * zeros to its Padmé size, sealed as one STREAM (crypto/stream.ts) under the attachment's own
 * team key, cut into chunk files of 64 sealed STREAM chunks (4 MiB of plaintext) each, every
 * file named by the SHA-256 of its bytes. The key is random per attachment and seals one
 * plaintext only, so writing the same attachment again (after a crash) gives the same files.
 */
export const CHUNK_SUFFIX = '.tvch';
export const CHUNK_NAME = /^([0-9a-f]{64})\.tvch$/;
const STREAM_CHUNKS_PER_FILE = 64;
export const CHUNK_FILE_PLAIN_BYTES = STREAM_CHUNKS_PER_FILE * STREAM_CHUNK_BYTES;
const SEALED_FILE_BYTES = STREAM_CHUNKS_PER_FILE * STREAM_SEALED_CHUNK_BYTES;
const AD_LABEL = 'tvault-team-attachment-v1';

/** What the change set says of an attachment's bytes (the rest of its entry is metadata). */
export interface ChunkedContent {
  id: string;
  /** The team key, 64 hex. */
  key: string;
  size: number;
  sha256: string;
  padded: number;
  chunks: string[];
}

/** A chunk file is not there yet, or its bytes are not (yet) those its name promises: wait. */
export class ChunkNotReady extends Error {}

/** A chunk file the author signed (its hash matches) that does not open: refuse for good. */
export class ChunkInvalid extends Error {}

/** The number of chunk files, and the size of each, for a padded plaintext of this length. */
export function chunkLayout(padded: number): { files: number; sizeOf: (index: number) => number } {
  const sealed = streamSealedLength(padded);
  const files = Math.ceil(sealed / SEALED_FILE_BYTES);
  return {
    files,
    sizeOf: (index) =>
      index < files - 1 ? SEALED_FILE_BYTES : sealed - (files - 1) * SEALED_FILE_BYTES,
  };
}

/** Whether an entry's numbers agree with each other (size, padding, number of chunks). */
export function layoutValid(content: ChunkedContent): boolean {
  return (
    content.padded === paddedLength(content.size) &&
    content.chunks.length === chunkLayout(content.padded).files
  );
}

function codecFor(content: { id: string; key: string }): { codec: StreamCodec; key: FileKey } {
  const key = asKey(Buffer.from(content.key, 'hex'), 'file');
  return {
    key,
    codec: new StreamCodec({ sodium: sodium(), key, ad: associatedData(AD_LABEL, content.id) }),
  };
}

async function sameFileThere(path: string, size: number): Promise<boolean> {
  try {
    return (await stat(path)).size === size;
  } catch {
    return false;
  }
}

/**
 * Seals `source` (the attachment's plaintext, `size` bytes, SHA-256 `sha256`) into chunk files
 * in `folder`, one chunk file in memory at a time, each written under a temporary name, fsynced
 * and renamed to its hash; a file already there (an earlier, interrupted run) is kept. Returns
 * the chunk names in order. Throws if the source does not have the size and hash expected.
 */
export async function writeChunks(
  folder: string,
  content: Omit<ChunkedContent, 'chunks'>,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<string[]> {
  const { codec, key } = codecFor(content);
  const count = streamChunkCount(content.padded);
  const layout = chunkLayout(content.padded);
  const hash = createHash('sha256');
  const plain = new Uint8Array(STREAM_CHUNK_BYTES);
  let sealed = new Uint8Array(layout.sizeOf(0));
  let filled = 0; // bytes in `plain`
  let sealedAt = 0; // bytes in `sealed`
  let counter = 0;
  let read = 0;
  const names: string[] = [];
  const flushFile = async () => {
    const name = createHash('sha256').update(sealed).digest('hex');
    const path = join(folder, name + CHUNK_SUFFIX);
    if (!(await sameFileThere(path, sealed.length))) writeFileAtomic(path, sealed);
    names.push(name);
    if (names.length < layout.files) sealed = new Uint8Array(layout.sizeOf(names.length));
    sealedAt = 0;
  };
  const sealPlain = async (length: number) => {
    const last = counter === count - 1;
    const out = sealed.subarray(sealedAt, sealedAt + length + 16);
    codec.seal({ out, plain: plain.subarray(0, length), counter, last });
    sealedAt += length + 16;
    counter += 1;
    filled = 0;
    if (sealedAt === sealed.length) await flushFile();
  };
  try {
    for await (const piece of source) {
      read += piece.length;
      if (read > content.size) throw new Error('the attachment is longer than its size');
      hash.update(piece);
      for (let offset = 0; offset < piece.length;) {
        const take = Math.min(plain.length - filled, piece.length - offset);
        plain.set(piece.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === plain.length && counter < count - 1) await sealPlain(filled);
      }
    }
    if (read !== content.size || hash.digest('hex') !== content.sha256)
      throw new Error('the attachment does not have the size and SHA-256 recorded for it');
    // Zero padding up to the padded length, then the final chunk.
    let remaining = content.padded - read;
    for (;;) {
      const take = Math.min(plain.length - filled, remaining);
      plain.fill(0, filled, filled + take);
      filled += take;
      remaining -= take;
      if (counter === count - 1) {
        if (remaining !== 0) throw new Error('padding layout');
        await sealPlain(filled);
        break;
      }
      if (filled === plain.length) await sealPlain(filled);
    }
    return names;
  } finally {
    plain.fill(0);
    wipe(key);
  }
}

/**
 * Whether every chunk file is in the folder with the size its place gives it (its hash is
 * checked as it is read). Cheap: a waiting change set asks again at each sync.
 */
export async function chunksPresent(folder: string, content: ChunkedContent): Promise<boolean> {
  const layout = chunkLayout(content.padded);
  for (const [index, name] of content.chunks.entries())
    if (!(await sameFileThere(join(folder, name + CHUNK_SUFFIX), layout.sizeOf(index))))
      return false;
  return true;
}

/**
 * The attachment's plaintext, one chunk file in memory at a time: each file must hash to its
 * name (else ChunkNotReady: the engine has not finished it, or it was damaged), each STREAM
 * chunk must open at its place and the padding must be zeros (else ChunkInvalid).
 */
export async function* readChunks(
  folder: string,
  content: ChunkedContent,
): AsyncGenerator<Uint8Array> {
  const { codec, key } = codecFor(content);
  const count = streamChunkCount(content.padded);
  let counter = 0;
  let left = content.size;
  try {
    for (const name of content.chunks) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(join(folder, name + CHUNK_SUFFIX));
      } catch {
        throw new ChunkNotReady('chunk-missing');
      }
      if (createHash('sha256').update(bytes).digest('hex') !== name)
        throw new ChunkNotReady('chunk-damaged');
      for (let offset = 0; offset < bytes.length; offset += STREAM_SEALED_CHUNK_BYTES) {
        const sealed = bytes.subarray(
          offset,
          Math.min(offset + STREAM_SEALED_CHUNK_BYTES, bytes.length),
        );
        const out = new Uint8Array(sealed.length - 16);
        if (counter >= count || !codec.open({ out, sealed, counter, last: counter === count - 1 }))
          throw new ChunkInvalid('a chunk does not open');
        counter += 1;
        const data = Math.min(left, out.length);
        if (out.subarray(data).some((byte) => byte !== 0))
          throw new ChunkInvalid('the padding is not zeros');
        left -= data;
        if (data > 0) yield out.subarray(0, data);
      }
    }
    if (counter !== count) throw new ChunkInvalid('chunks are missing from the list');
  } finally {
    wipe(key);
  }
}
