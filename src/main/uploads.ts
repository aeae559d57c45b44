import { randomBytes } from 'node:crypto';
import { CancelledError, InvalidInputError, LimitExceededError } from '../shared/errors';
import type { AttachmentView } from '../shared/ipc/types';

/**
 * Files dropped on the window reach main as a stream of chunks that the renderer reads from the
 * File object it holds. The renderer never names a path for main to read, so even a renderer
 * that went wrong could not pull ~/.ssh into the vault. Each upload feeds the attachment store's
 * streaming ingest through a small queue with back-pressure: memory stays at a chunk or two
 * whatever the file size.
 */

/** A one-producer, one-consumer queue of chunks exposed as an async iterable. */
export class ChunkQueue implements AsyncIterable<Uint8Array> {
  readonly #items: Uint8Array[] = [];
  #ended = false;
  #failure: unknown = null;
  #wakeConsumer: (() => void) | null = null;
  readonly #waitingProducers: (() => void)[] = [];

  /** Resolves once the consumer has room again (at most one chunk waits in the queue). */
  async push(chunk: Uint8Array): Promise<void> {
    // The store's own error (disk full, bad record…) reaches the sender as it is.
    if (this.#failure) throw this.#failure;
    if (this.#ended) throw new InvalidInputError('The upload is already closed.');
    this.#items.push(chunk);
    this.#wake();
    while (this.#items.length > 1 && !this.#failure) {
      await new Promise<void>((resolve) => this.#waitingProducers.push(resolve));
    }
    if (this.#failure) throw this.#failure;
  }

  end(): void {
    this.#ended = true;
    this.#wake();
  }

  fail(error: unknown): void {
    this.#failure = error;
    this.#items.length = 0;
    this.#wake();
    this.#wakeProducers();
  }

  #wakeProducers(): void {
    for (const wake of this.#waitingProducers.splice(0)) wake();
  }

  #wake(): void {
    const wake = this.#wakeConsumer;
    this.#wakeConsumer = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for (;;) {
      if (this.#failure) throw this.#failure;
      const next = this.#items.shift();
      if (next) {
        this.#wakeProducers();
        yield next;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => (this.#wakeConsumer = resolve));
    }
  }
}

export interface UploadMeta {
  recordId: string;
  name: string;
  mime: string;
  size: number;
  modifiedAt: string | null;
  description?: string;
}

/** The attachment store's streaming ingest, as the uploads need it. */
export type StreamIngest = (
  meta: UploadMeta,
  source: AsyncIterable<Uint8Array>,
  options: { signal: AbortSignal },
) => Promise<AttachmentView>;

interface Upload {
  meta: UploadMeta;
  queue: ChunkQueue;
  controller: AbortController;
  /** Started by the first chunk (or by finish, for an empty file). */
  start: () => Promise<AttachmentView>;
  result: Promise<AttachmentView> | null;
  received: number;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

export interface UploadsOptions {
  /** An upload whose renderer went away is abandoned after this long without a chunk. */
  idleTimeoutMs?: number;
  /** At most this many uploads open at once (MAX_OPEN_UPLOADS). */
  maxOpen?: number;
}

/**
 * The renderer sends files one after another, so a few open uploads are plenty; a compromised
 * renderer that opened thousands exhausted file handles and memory (docs/security.md, "Hostile
 * inputs"). Past this, uploadBegin fails with LIMIT.EXCEEDED.
 */
export const MAX_OPEN_UPLOADS = 8;

export class Uploads {
  readonly #active = new Map<string, Upload>();
  readonly #options: UploadsOptions;

  constructor(options: UploadsOptions = {}) {
    this.#options = options;
  }

  get size(): number {
    return this.#active.size;
  }

  begin(meta: UploadMeta, ingest: StreamIngest): string {
    const max = this.#options.maxOpen ?? MAX_OPEN_UPLOADS;
    if (this.#active.size >= max)
      throw new LimitExceededError(
        'open-uploads',
        max,
        `At most ${max} uploads can be open at once; finish or cancel one first.`,
      );
    const uploadId = randomBytes(16).toString('hex');
    const queue = new ChunkQueue();
    const controller = new AbortController();
    // The ingest (a blob file, and for a large file a hashing worker) starts with the first
    // chunk: an upload only begun holds nothing but this entry.
    const start = () => {
      const result = ingest(meta, queue, { signal: controller.signal });
      // If the ingest stops early (disk full, bad record id), the next chunk reports its error;
      // finish() awaits the result, so the failure is never lost or left unhandled.
      result.catch((error: unknown) => queue.fail(error));
      return result;
    };
    const upload: Upload = {
      meta,
      queue,
      controller,
      start,
      result: null,
      received: 0,
      idleTimer: null,
    };
    this.#active.set(uploadId, upload);
    this.#armIdle(uploadId, upload);
    return uploadId;
  }

  async chunk(uploadId: string, bytes: Uint8Array): Promise<number> {
    const upload = this.#get(uploadId);
    if (upload.received + bytes.byteLength > upload.meta.size) {
      this.cancel(uploadId);
      throw new InvalidInputError('The upload sent more bytes than the file size it announced.', {
        uploadId,
      });
    }
    upload.received += bytes.byteLength;
    this.#armIdle(uploadId, upload);
    upload.result ??= upload.start();
    await upload.queue.push(bytes);
    return upload.received;
  }

  async finish(uploadId: string): Promise<AttachmentView> {
    const upload = this.#get(uploadId);
    if (upload.received !== upload.meta.size) {
      this.cancel(uploadId);
      throw new InvalidInputError('The upload ended before the whole file was sent.', {
        uploadId,
        received: upload.received,
        expected: upload.meta.size,
      });
    }
    upload.result ??= upload.start();
    upload.queue.end();
    try {
      return await upload.result;
    } finally {
      this.#forget(uploadId);
    }
  }

  /** Abandons an upload; the store keeps nothing of it. Unknown ids are ignored. */
  cancel(uploadId: string): void {
    const upload = this.#active.get(uploadId);
    if (!upload) return;
    upload.controller.abort();
    upload.queue.fail(new CancelledError('The upload'));
    this.#forget(uploadId);
  }

  cancelAll(): void {
    for (const id of [...this.#active.keys()]) this.cancel(id);
  }

  #get(uploadId: string): Upload {
    const upload = this.#active.get(uploadId);
    if (!upload)
      throw new InvalidInputError('No such upload (it finished, failed or was cancelled).');
    return upload;
  }

  #forget(uploadId: string): void {
    const upload = this.#active.get(uploadId);
    if (upload?.idleTimer) clearTimeout(upload.idleTimer);
    this.#active.delete(uploadId);
  }

  #armIdle(uploadId: string, upload: Upload): void {
    if (upload.idleTimer) clearTimeout(upload.idleTimer);
    upload.idleTimer = setTimeout(
      () => this.cancel(uploadId),
      this.#options.idleTimeoutMs ?? 120_000,
    );
    (upload.idleTimer as { unref?: () => void }).unref?.();
  }
}
