import type { FileHandle } from 'node:fs/promises';
import { CancelledError } from '../../shared/errors';
import { BundleIntegrityError, BundleMalformedError } from './errors';
import { SEALED_CHUNK_BYTES } from './format';
import { type Puller, TAG_FINAL, TAG_MESSAGE } from '../crypto/secretstream';

export interface PayloadReadOptions {
  /** Called as ciphertext is read: bytes of the file done so far, and the file size. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
}

const READ_AHEAD_CHUNKS = 16;

/**
 * The decrypted payload as a byte stream, chunk by chunk. Enforces the chunk rules of
 * docs/bundle-format.md: every message but the last is exactly CHUNK_BYTES and tagged
 * TAG_MESSAGE; the last is tagged TAG_FINAL, is not empty, and ends the file.
 */
export class PayloadStream {
  #chunk: Uint8Array = new Uint8Array(0);
  #offset = 0;
  #position: number;
  #index = 0;
  #final = false;
  // Ciphertext is read READ_AHEAD_CHUNKS at a time (about 1 MiB): one file read per chunk
  // would spend more time in the event loop than in the cipher. One byte more tells whether
  // anything follows the last chunk read.
  readonly #buffer = new Uint8Array(READ_AHEAD_CHUNKS * SEALED_CHUNK_BYTES + 1);
  #bufferStart = 0;
  #bufferFilled = 0;
  #bufferHasEnd = false;

  constructor(
    private readonly file: FileHandle,
    private readonly puller: Puller,
    start: number,
    private readonly fileSize: number,
    private readonly options: PayloadReadOptions,
  ) {
    this.#position = start;
  }

  /** The ciphertext from the current position: at least a chunk and a byte, or up to the end. */
  async #window(): Promise<{ bytes: Uint8Array; atEnd: boolean }> {
    let available = this.#bufferStart + this.#bufferFilled - this.#position;
    if (!(this.#bufferHasEnd || available > SEALED_CHUNK_BYTES) || available < 0) {
      this.#bufferStart = this.#position;
      this.#bufferFilled = 0;
      for (;;) {
        const { bytesRead } = await this.file.read(
          this.#buffer,
          this.#bufferFilled,
          this.#buffer.length - this.#bufferFilled,
          this.#bufferStart + this.#bufferFilled,
        );
        this.#bufferFilled += bytesRead;
        if (bytesRead === 0 || this.#bufferFilled === this.#buffer.length) break;
      }
      this.#bufferHasEnd = this.#bufferFilled < this.#buffer.length;
      available = this.#bufferFilled;
    }
    const from = this.#position - this.#bufferStart;
    const length = Math.min(available, SEALED_CHUNK_BYTES);
    return {
      bytes: this.#buffer.subarray(from, from + length),
      atEnd: available <= SEALED_CHUNK_BYTES,
    };
  }

  async #nextChunk(): Promise<void> {
    if (this.#final)
      throw new BundleMalformedError('the payload is shorter than its manifest says');
    if (this.options.signal?.aborted) throw new CancelledError('Reading the bundle');
    const { bytes, atEnd } = await this.#window();
    const length = bytes.length;
    if (length === 0) throw new BundleIntegrityError('it is cut short', { chunk: this.#index });
    const opened = this.puller.pull(bytes);
    if (!opened) {
      throw new BundleIntegrityError(
        atEnd && length < SEALED_CHUNK_BYTES ? 'it is cut short' : 'a chunk does not authenticate',
        { chunk: this.#index },
      );
    }
    if (opened.tag === TAG_FINAL) {
      if (!atEnd)
        throw new BundleIntegrityError('data follows the final chunk', { chunk: this.#index });
      if (opened.plain.length === 0) throw new BundleMalformedError('the final chunk is empty');
      this.#final = true;
    } else if (opened.tag === TAG_MESSAGE) {
      if (atEnd) throw new BundleIntegrityError('it is cut short', { chunk: this.#index });
    } else {
      throw new BundleMalformedError('a chunk has an unexpected tag', { chunk: this.#index });
    }
    this.#position += length;
    this.#index += 1;
    this.#chunk = opened.plain;
    this.#offset = 0;
    this.options.onProgress?.(this.#position, this.fileSize);
  }

  /** Up to `max` bytes (at least one), as a view valid until the next call. */
  async readSome(max: number): Promise<Uint8Array> {
    if (this.#offset === this.#chunk.length) await this.#nextChunk();
    const take = Math.min(max, this.#chunk.length - this.#offset);
    const out = this.#chunk.subarray(this.#offset, this.#offset + take);
    this.#offset += take;
    return out;
  }

  /** Exactly `length` bytes, copied (into `out` when given: its whole length). */
  async readExactly(length: number, out: Uint8Array = new Uint8Array(length)): Promise<Uint8Array> {
    if (out.length !== length) throw new RangeError('readExactly: the buffer is not `length` long');
    let filled = 0;
    while (filled < length) {
      const piece = await this.readSome(length - filled);
      out.set(piece, filled);
      filled += piece.length;
    }
    return out;
  }

  /** After the last entry: the final chunk must have been reached and fully consumed. */
  async finish(): Promise<void> {
    if (this.#offset < this.#chunk.length) {
      throw new BundleMalformedError('there is data after the last entry');
    }
    if (!this.#final) {
      await this.#nextChunk();
      throw new BundleMalformedError('there is data after the last entry');
    }
  }
}
