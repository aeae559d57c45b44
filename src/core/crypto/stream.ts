import type { FileKey } from './keys';
import { AEAD_TAG_BYTES, type SodiumPort } from './sodium-port';

/**
 * age's STREAM construction (C2SP age spec, "Payload"; Hoang, Reyhanitabar, Rogaway, Vizár 2015),
 * used for attachment blobs. The plaintext is cut into fixed chunks; chunk i is sealed with
 * ChaCha20-Poly1305 under a key used for this one stream only, with the 12-byte nonce
 *
 *     nonce = i as an 11-byte big-endian integer || last flag (0x01 for the final chunk, else 0x00)
 *
 * Each chunk therefore decrypts on its own (random access), yet a chunk moved to another
 * position fails (its counter differs), a stream cut at a chunk boundary fails (the chunk now at
 * the end was not sealed as last), and chunks appended after the final one fail too. Only a
 * stream that is entirely empty has an empty final chunk; otherwise the final chunk holds 1 to
 * CHUNK bytes. The key must never seal two streams: attachments draw a fresh random key each.
 */
export const STREAM_CHUNK_BYTES = 64 * 1024;
export const STREAM_TAG_BYTES = AEAD_TAG_BYTES;
export const STREAM_NONCE_BYTES = 12;
export const STREAM_SEALED_CHUNK_BYTES = STREAM_CHUNK_BYTES + STREAM_TAG_BYTES;

/** 2^88 chunks would be the spec's limit; ours is what a JS number counts exactly. */
const MAX_COUNTER = Number.MAX_SAFE_INTEGER;

/** Which chunk of a stream: its position and whether it is the final one. */
export interface ChunkPosition {
  counter: number;
  last: boolean;
}

/** Writes the nonce of chunk `counter` into `out` (12 bytes) without allocating a buffer. */
export function writeStreamNonce({
  out,
  counter,
  last,
}: { out: Uint8Array } & ChunkPosition): Uint8Array {
  if (!Number.isSafeInteger(counter) || counter < 0 || counter > MAX_COUNTER)
    throw new RangeError('chunk counter out of range');
  if (out.length !== STREAM_NONCE_BYTES) throw new RangeError('nonce buffer of the wrong size');
  out.fill(0);
  // 11-byte big-endian counter in bytes 0..10; a safe integer fits in the low 7 bytes.
  let value = counter;
  for (let i = 10; i >= 4 && value > 0; i--) {
    out[i] = value % 256;
    value = Math.floor(value / 256);
  }
  out[11] = last ? 1 : 0;
  return out;
}

/** How many chunks a plaintext of `size` bytes makes (an empty one makes one empty chunk). */
export function streamChunkCount(size: number, chunkBytes = STREAM_CHUNK_BYTES): number {
  return size === 0 ? 1 : Math.ceil(size / chunkBytes);
}

/** Plaintext length of chunk `index` in a stream of `size` bytes. */
export function streamChunkPlainLength(
  size: number,
  index: number,
  chunkBytes = STREAM_CHUNK_BYTES,
): number {
  const count = streamChunkCount(size, chunkBytes);
  if (index < 0 || index >= count) throw new RangeError('chunk index out of range');
  return index < count - 1 ? chunkBytes : size - (count - 1) * chunkBytes;
}

/** Ciphertext length of a whole stream of `size` plaintext bytes. */
export function streamSealedLength(size: number, chunkBytes = STREAM_CHUNK_BYTES): number {
  return size + streamChunkCount(size, chunkBytes) * STREAM_TAG_BYTES;
}

/**
 * Seals and opens the chunks of one stream. Holds the key, the associated data (the same for
 * every chunk) and one nonce buffer, so that the hot loop allocates no buffer. `sodium` is the
 * libsodium port to use (sodium() for the process-wide choice; the tests pass each build).
 * Every call names its byte arrays (`out`, `plain`, `sealed`), so two cannot be swapped.
 */
export class StreamCodec {
  readonly #nonce = new Uint8Array(STREAM_NONCE_BYTES);
  readonly #sodium: SodiumPort;
  readonly #key: FileKey;
  readonly #ad: Uint8Array;

  constructor(args: { sodium: SodiumPort; key: FileKey; ad: Uint8Array }) {
    this.#sodium = args.sodium;
    this.#key = args.key;
    this.#ad = args.ad;
  }

  /** Seals chunk `counter` into `out` (plain.length + 16 bytes). */
  seal({
    out,
    plain,
    counter,
    last,
  }: { out: Uint8Array; plain: Uint8Array } & ChunkPosition): void {
    if (plain.length > STREAM_CHUNK_BYTES) throw new RangeError('chunk too large');
    if (!last && plain.length !== STREAM_CHUNK_BYTES)
      throw new RangeError('only the final chunk may be short');
    writeStreamNonce({ out: this.#nonce, counter, last });
    this.#sodium.chachaSeal({ out, plain, ad: this.#ad, nonce: this.#nonce, key: this.#key });
  }

  /** Opens chunk `counter` into `out`; false if it is not that chunk of this stream. */
  open({
    out,
    sealed,
    counter,
    last,
  }: { out: Uint8Array; sealed: Uint8Array } & ChunkPosition): boolean {
    if (sealed.length < STREAM_TAG_BYTES || sealed.length > STREAM_SEALED_CHUNK_BYTES) return false;
    writeStreamNonce({ out: this.#nonce, counter, last });
    return this.#sodium.chachaOpen({
      out,
      sealed,
      ad: this.#ad,
      nonce: this.#nonce,
      key: this.#key,
    });
  }
}
