import { AbstractTokenizer, EndOfStreamError, type IReadChunkOptions } from 'strtok3';
import { LimitExceededError } from '../../../shared/errors';
import { BLOB_CHUNK_BYTES } from '../blob-format';
import { type BlobRef, decryptBlob } from '../blob-reader';

export interface ReadLimits {
  /** Plaintext decrypted in all, cache misses included (a hostile file cannot make us read it all). */
  maxBytes: number;
  /** Wall time from the source's creation; checked at every read. */
  maxMillis: number;
  /** Decrypted chunks kept for reads that come back to them (64 KiB each). */
  cacheChunks: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: 32 * 1024 * 1024,
  maxMillis: 10_000,
  cacheChunks: 16,
};

/**
 * Random access to an attachment's plaintext straight from its encrypted blob, for metadata
 * readers: a read decrypts only the 64 KiB chunks it touches (blob-reader.ts), a few of which are
 * kept. An MP4's `moov` box at the end of a 2 GB video costs the chunks it spans, not the file.
 * Bounded: more than `maxBytes` decrypted, or `maxMillis` spent, ends the read with a
 * LimitExceededError. Plaintext lives in memory only and is wiped by `close()`.
 */
export class SealedBlobSource {
  private readonly cache = new Map<number, Uint8Array>();
  private decrypted = 0;
  private readonly deadline: number;

  constructor(
    private readonly ref: BlobRef,
    private readonly limits: ReadLimits = DEFAULT_READ_LIMITS,
  ) {
    this.deadline = Date.now() + limits.maxMillis;
  }

  get size(): number {
    return this.ref.size;
  }

  /** Copies plaintext bytes [position, position + target.length) ∩ file into target; the count. */
  async read(target: Uint8Array, position: number): Promise<number> {
    if (Date.now() > this.deadline)
      throw new LimitExceededError(
        'metadata-time',
        this.limits.maxMillis,
        `Reading the metadata of attachment ${this.ref.id} took more than ${this.limits.maxMillis} ms.`,
      );
    const end = Math.min(this.ref.size, position + target.length);
    let done = 0;
    for (let at = position; at < end;) {
      const index = Math.floor(at / BLOB_CHUNK_BYTES);
      const chunk = await this.chunk(index);
      const from = at - index * BLOB_CHUNK_BYTES;
      const take = Math.min(chunk.length - from, end - at);
      target.set(chunk.subarray(from, from + take), done);
      done += take;
      at += take;
    }
    return done;
  }

  private async chunk(index: number): Promise<Uint8Array> {
    const cached = this.cache.get(index);
    if (cached) {
      // Most recently used last: Map keeps insertion order.
      this.cache.delete(index);
      this.cache.set(index, cached);
      return cached;
    }
    const start = index * BLOB_CHUNK_BYTES;
    const end = Math.min(this.ref.size, start + BLOB_CHUNK_BYTES) - 1;
    this.decrypted += end - start + 1;
    if (this.decrypted > this.limits.maxBytes)
      throw new LimitExceededError(
        'metadata-bytes',
        this.limits.maxBytes,
        `Reading the metadata of attachment ${this.ref.id} needed more than ${this.limits.maxBytes} bytes.`,
      );
    let plain: Uint8Array | null = null;
    for await (const part of decryptBlob(this.ref, { range: { start, end }, batchChunks: 1 }))
      plain = part;
    if (!plain) throw new EndOfStreamError();
    this.cache.set(index, plain);
    if (this.cache.size > this.limits.cacheChunks) {
      const oldest = this.cache.keys().next().value as number;
      this.cache.get(oldest)?.fill(0);
      this.cache.delete(oldest);
    }
    return plain;
  }

  close(): void {
    for (const chunk of this.cache.values()) chunk.fill(0);
    this.cache.clear();
  }
}

/**
 * strtok3's random-access tokenizer over a SealedBlobSource, for music-metadata's
 * parseFromTokenizer (it seeks to the end for ID3v1/APE tags and jumps over `mdat`).
 * A single read larger than `maxBufferSize` is refused before anything is allocated for it.
 */
export class SealedBlobTokenizer extends AbstractTokenizer {
  readonly fileInfo: { size: number; mimeType?: string };

  constructor(
    private readonly source: SealedBlobSource,
    mimeType: string,
    maxBufferSize: number,
  ) {
    super({ maxBufferSize });
    this.fileInfo = { size: source.size, mimeType };
  }

  async readBuffer(target: Uint8Array, options?: IReadChunkOptions): Promise<number> {
    const normal = this.normalizeOptions(target, options);
    const count = await this.peekBuffer(target, normal);
    this.position = normal.position + count;
    return count;
  }

  async peekBuffer(target: Uint8Array, options?: IReadChunkOptions): Promise<number> {
    const normal = this.normalizeOptions(target, options);
    this.validateBufferSize(normal.length);
    const available = Math.max(0, Math.min(this.source.size - normal.position, normal.length));
    if (!normal.mayBeLess && available < normal.length) throw new EndOfStreamError();
    return this.source.read(target.subarray(0, available), normal.position);
  }

  supportsRandomAccess(): boolean {
    return true;
  }

  setPosition(position: number): void {
    this.validateLength(position, 'position');
    this.position = position;
  }
}
