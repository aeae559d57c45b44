import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/**
 * SHA-256 of a byte stream, for chain of custody. On a large input, hashing (about 1.4 GB/s
 * with SHA-NI) costs nearly as much as encrypting, so it runs on a worker thread while the main
 * thread seals chunks: ingest then takes about the time of the slower of the two, not their
 * sum. Small inputs hash inline (a worker costs ~20 ms to start). A large *file* has a faster
 * path still, whose worker reads the file as well (file-hash-reader.ts); this one serves any
 * other source (a partner's bundle, a Node stream), and extraction.
 *
 * The worker reads the bytes from a ring of POOL slots of 1 MiB in shared memory (copied in by
 * `update`), coordinated with Atomics
 * (no message per slot: postMessage cost ~1 ms a call here), so memory
 * stays at POOL x 1 MiB whatever the file size; `update` waits only when every slot is still
 * unhashed. Plaintext stays in this process's memory and is zeroed when the worker is done.
 */
export interface StreamHasher {
  /** Feeds bytes; the caller may reuse `bytes` as soon as the promise settles. */
  update(bytes: Uint8Array): Promise<void>;
  /** Hex digest of everything fed. */
  digest(): Promise<string>;
  /** Releases the worker (idempotent; called on errors too). */
  dispose(): void;
}

/** Above this many bytes a worker pays off. */
export const WORKER_HASH_THRESHOLD = 16 * 1024 * 1024;
const POOL = 8;
/** A sleeping worker is woken once this many slots wait (or at the end), not for every one. */
const WAKE_BATCH = 4;
const SLOT_BYTES = 1024 * 1024;

export function inlineHasher(): StreamHasher {
  const hash = createHash('sha256');
  return {
    update(bytes) {
      hash.update(bytes);
      return Promise.resolve();
    },
    digest: () => Promise.resolve(hash.digest('hex')),
    dispose() {},
  };
}

// Control words in a shared Int32Array. HEAD: slots filled by the main thread; TAIL: slots hashed
// by the worker; SIGNAL: bumped by the main thread whenever HEAD or DONE changes (the worker
// sleeps on it); DONE: no more input; SLEEPING: the worker is (about to be) asleep, so the main
// thread wakes it only then (a futex wake per megabyte costs more than the hashing saves);
// LENGTHS: byte count of each slot.
const HEAD = 0;
const TAIL = 1;
const SIGNAL = 2;
const DONE = 3;
const SLEEPING = 4;
const LENGTHS = 5;

// Plain CommonJS run with `eval`, so that no separate file has to be found next to a bundle.
// The worker blocks on Atomics.wait between slots: no message per megabyte, no copying back.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const hash = require('node:crypto').createHash('sha256');
const { data, control, pool, slot } = workerData;
const ctl = new Int32Array(control);
const bytes = new Uint8Array(data);
for (;;) {
  const signal = Atomics.load(ctl, ${SIGNAL});
  // DONE before HEAD: the main thread publishes its last slot before it sets DONE, so DONE seen
  // here means the HEAD read next is final. Read the other way round, a worker held up between
  // the two reads sees an old HEAD and then DONE, and stops with slots unhashed.
  const done = Atomics.load(ctl, ${DONE}) === 1;
  const tail = Atomics.load(ctl, ${TAIL});
  if (tail < Atomics.load(ctl, ${HEAD})) {
    const index = tail % pool;
    hash.update(bytes.subarray(index * slot, index * slot + ctl[${LENGTHS} + index]));
    Atomics.store(ctl, ${TAIL}, tail + 1);
    Atomics.notify(ctl, ${TAIL});
    continue;
  }
  if (done) break;
  // Announce the sleep, then look again: input published in between is not missed.
  Atomics.store(ctl, ${SLEEPING}, 1);
  if (Atomics.load(ctl, ${SIGNAL}) === signal) Atomics.wait(ctl, ${SIGNAL}, signal);
  Atomics.store(ctl, ${SLEEPING}, 0);
}
parentPort.postMessage(hash.digest('hex'));
`;

/**
 * `preamble` is for tests only: source run in the worker before its loop (tests/attachments/
 * hasher.test.ts widens race windows with it, by wrapping Atomics.load in a delay).
 */
export function workerHasher(options: { preamble?: string } = {}): StreamHasher {
  const data = new SharedArrayBuffer(POOL * SLOT_BYTES);
  const bytes = new Uint8Array(data);
  const control = new SharedArrayBuffer(4 * (LENGTHS + POOL));
  const ctl = new Int32Array(control);
  const worker = new Worker(`${options.preamble ?? ''}\n${WORKER_SOURCE}`, {
    eval: true,
    workerData: { data, control, pool: POOL, slot: SLOT_BYTES },
  });
  let failure: Error | null = null;
  let disposed = false;
  const digest = new Promise<string>((resolve, reject) => {
    worker.once('message', (hex: string) => resolve(hex));
    const fail = (error: Error) => {
      failure ??= error;
      reject(failure);
      // Wake an update() waiting for a free slot, so that it sees the failure.
      Atomics.notify(ctl, TAIL);
    };
    worker.once('error', fail);
    worker.once('exit', () => {
      if (!disposed) fail(new Error('hash worker stopped'));
    });
  });
  digest.catch(() => undefined);
  let head = 0;

  const signal = (force: boolean) => {
    Atomics.add(ctl, SIGNAL, 1);
    if (Atomics.load(ctl, SLEEPING) !== 1) return;
    if (force || head - Atomics.load(ctl, TAIL) >= WAKE_BATCH) Atomics.notify(ctl, SIGNAL);
  };

  /** The next slot to fill, once the worker has hashed its old contents. */
  const acquire = async (): Promise<Uint8Array> => {
    for (;;) {
      if (failure) throw failure;
      const tail = Atomics.load(ctl, TAIL);
      if (head - tail < POOL) break;
      // All slots full: the worker is awake (WAKE_BATCH <= POOL), wait for it to free one.
      const waited = Atomics.waitAsync(ctl, TAIL, tail);
      if (waited.async) await waited.value;
    }
    const index = head % POOL;
    return bytes.subarray(index * SLOT_BYTES, (index + 1) * SLOT_BYTES);
  };

  const publish = (length: number): void => {
    if (!Number.isInteger(length) || length < 0 || length > SLOT_BYTES)
      throw new RangeError('slot length out of range');
    ctl[LENGTHS + (head % POOL)] = length;
    head += 1;
    Atomics.store(ctl, HEAD, head);
    signal(false);
  };

  return {
    async update(input) {
      for (let offset = 0; offset < input.length; offset += SLOT_BYTES) {
        const piece = input.subarray(offset, offset + SLOT_BYTES);
        (await acquire()).set(piece);
        publish(piece.length);
      }
    },
    digest() {
      if (failure) return Promise.reject(failure);
      Atomics.store(ctl, DONE, 1);
      signal(true);
      return digest;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      void worker.terminate().then(() => bytes.fill(0));
    },
  };
}

/** A worker hasher for large inputs (falling back inline if a worker cannot start). */
/** Whether an input of this expected size is hashed on a worker thread. */
export function hashesOnWorker(sizeHint: number | undefined): boolean {
  return sizeHint !== undefined && sizeHint >= WORKER_HASH_THRESHOLD;
}

export function hasherFor(sizeHint: number | undefined): StreamHasher {
  if (!hashesOnWorker(sizeHint)) return inlineHasher();
  try {
    return workerHasher();
  } catch {
    return inlineHasher();
  }
}
