import { Worker } from 'node:worker_threads';
import { pageAlignedBytes } from '../fs/page-aligned';
import { FileIoError } from './errors';
import type { OpenFile } from './file-source';

/**
 * The fast path of a large file's ingest (docs/attachments.md, "Ingest"): one worker thread
 * reads the file into a ring of slots in shared memory and hashes each slot (SHA-256, chain of
 * custody) right after reading it, while the main thread seals the same slots, in order, as they
 * become readable. Each byte is read once, hashed and sealed without a copy, and only two
 * threads do the work: on two cores, reads issued from the main thread through libuv's pool
 * (a third thread, woken per read, its completion a turn of the event loop) left the sealing
 * waiting a fifth of the time; this layout ingests 1 GiB about 17 % faster (docs/attachments.md,
 * "Measured").
 *
 * Protocol, over an Int32Array in shared memory, without a message per slot:
 * - the worker waits until HEAD - RELEASED < POOL (a free slot), reads the next slot full
 *   (or to the end of the file), stores its length, bumps HEAD and notifies, then hashes it;
 *   a slot of length 0 marks the end, after which the worker posts the digest and stops;
 * - the main thread waits for HEAD > k, yields slot k, and when asked for the next one bumps
 *   RELEASED (slot k is sealed: the worker may read into it again, having hashed it already,
 *   since it hashes each slot before it reads the next);
 * - STOP asks the worker to end early (the consumer stopped, or failed); FAILED says the
 *   worker posted an error.
 *
 * The worker reads through the caller's descriptor: `close()` must be awaited (it waits for the
 * worker to exit) before that descriptor is closed, so that no read ever lands on a reused
 * descriptor number. Plaintext stays in this process's memory; the ring is wiped at close.
 */
const POOL = 8;
export const FILE_SLOT_BYTES = 1024 * 1024;

const HEAD = 0;
const RELEASED = 1;
const STOP = 2;
const FAILED = 3;
const LENGTHS = 4;

// Plain CommonJS run with `eval`, so that no separate file has to be found next to a bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readSync } = require('node:fs');
const hash = require('node:crypto').createHash('sha256');
const { data, control, fd, pool, slot } = workerData;
const ctl = new Int32Array(control);
const bytes = new Uint8Array(data, 0, pool * slot);
let head = 0;
let position = 0;
run: for (;;) {
  for (;;) {
    if (Atomics.load(ctl, ${STOP}) === 1) break run;
    const released = Atomics.load(ctl, ${RELEASED});
    if (head - released < pool) break;
    Atomics.wait(ctl, ${RELEASED}, released);
  }
  const index = head % pool;
  let length = 0;
  try {
    // Whole slots: a short read is the end of the file, or cut short, and then read on.
    while (length < slot) {
      const read = readSync(fd, bytes, index * slot + length, slot - length, position + length);
      if (read === 0) break;
      length += read;
    }
  } catch (error) {
    parentPort.postMessage({ error: { code: error && error.code, message: String(error && error.message) } });
    Atomics.store(ctl, ${FAILED}, 1);
    Atomics.notify(ctl, ${HEAD});
    break;
  }
  ctl[${LENGTHS} + index] = length;
  head += 1;
  Atomics.store(ctl, ${HEAD}, head);
  Atomics.notify(ctl, ${HEAD});
  if (length === 0) {
    parentPort.postMessage({ digest: hash.digest('hex') });
    break;
  }
  hash.update(bytes.subarray(index * slot, index * slot + length));
  position += length;
}
`;

export class FileHashReader {
  readonly #bytes: Uint8Array;
  readonly #ctl: Int32Array;
  readonly #worker: Worker;
  readonly #digest: Promise<string>;
  #failure: Error | null = null;
  #closing: Promise<void> | null = null;

  /** `preamble` is for tests only: source run in the worker before its loop. */
  constructor(file: OpenFile, options: { preamble?: string } = {}) {
    this.#bytes = pageAlignedBytes(POOL * FILE_SLOT_BYTES, { shared: true });
    const control = new SharedArrayBuffer(4 * (LENGTHS + POOL));
    this.#ctl = new Int32Array(control);
    this.#worker = new Worker(`${options.preamble ?? ''}\n${WORKER_SOURCE}`, {
      eval: true,
      workerData: {
        data: this.#bytes.buffer,
        control,
        fd: file.handle.fd,
        pool: POOL,
        slot: FILE_SLOT_BYTES,
      },
    });
    this.#digest = new Promise<string>((resolve, reject) => {
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        this.#failure = error;
        reject(this.#failure);
        // Wake a batches() waiting for the next slot, so that it sees the failure.
        Atomics.store(this.#ctl, FAILED, 1);
        Atomics.notify(this.#ctl, HEAD);
      };
      this.#worker.on('message', (message: { digest?: string; error?: { code?: string } }) => {
        if (typeof message.digest === 'string') {
          settled = true;
          resolve(message.digest);
        } else fail(new FileIoError('Cannot read the file to attach', file.path, message.error));
      });
      this.#worker.once('error', fail);
      this.#worker.once('exit', () => {
        if (!this.#closing) fail(new Error('file reader stopped'));
      });
    });
    this.#digest.catch(() => undefined);
  }

  /**
   * The file's bytes, in order, as views into the ring: each is valid until the next is asked
   * for. Ends at the end of the file; throws FILE.IO if a read fails.
   */
  async *batches(): AsyncGenerator<Uint8Array, void, undefined> {
    const ctl = this.#ctl;
    for (let k = 0; ; k++) {
      for (;;) {
        const head = Atomics.load(ctl, HEAD);
        if (head > k) break;
        if (Atomics.load(ctl, FAILED) === 1) {
          await this.#digest; // rejects with the worker's error (its message may still be on the way)
          throw this.#failure ?? new Error('file reader failed');
        }
        const waited = Atomics.waitAsync(ctl, HEAD, head);
        if (waited.async) await waited.value;
      }
      const index = k % POOL;
      const length = ctl[LENGTHS + index]!;
      if (length === 0) return;
      yield this.#bytes.subarray(index * FILE_SLOT_BYTES, index * FILE_SLOT_BYTES + length);
      Atomics.store(ctl, RELEASED, k + 1);
      Atomics.notify(ctl, RELEASED);
    }
  }

  /** SHA-256 (hex) of the whole file, once batches() has ended. */
  digest(): Promise<string> {
    return this.#digest;
  }

  /** Stops the worker, waits until it has exited, and wipes the ring. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      Atomics.store(this.#ctl, STOP, 1);
      Atomics.notify(this.#ctl, RELEASED);
      await this.#worker.terminate();
      this.#bytes.fill(0);
    })();
    return this.#closing;
  }
}
