import { call } from '../api/client';
import type { FromWorker, ToWorker } from './protocol';

export type SearchStatus = 'idle' | 'loading' | 'ready' | 'failed';

/** Enough for the list: the worker ranks every match, the list shows them virtualised. */
const RESULT_LIMIT = 100_000;

/**
 * Runs the shared search engine in a Web Worker over the index segments main decrypts after
 * unlock, so typing never blocks the window. `dispose()` (on lock) terminates the worker: the
 * index leaves memory with it.
 */
export class SearchClient {
  #worker: Worker | null = null;
  #loaded: Promise<void> | null = null;
  #seq = 0;
  readonly #pending = new Map<
    number,
    { resolve: (r: { ids: string[]; total: number }) => void; reject: (e: unknown) => void }
  >();
  #onLoaded: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  readonly #onStatus: (status: SearchStatus) => void;

  constructor(onStatus: (status: SearchStatus) => void) {
    this.#onStatus = onStatus;
  }

  async run(query: string): Promise<{ ids: string[]; total: number }> {
    await this.#ensureLoaded();
    const seq = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(seq, { resolve, reject });
      this.#post({ type: 'search', seq, query, limit: RESULT_LIMIT });
    });
  }

  /** The index changed in main (a record saved or deleted): reload it before the next search. */
  invalidate(): void {
    this.#loaded = null;
  }

  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#loaded = null;
    for (const { reject } of this.#pending.values()) reject(new Error('search stopped'));
    this.#pending.clear();
    this.#onLoaded?.reject(new Error('search stopped'));
    this.#onLoaded = null;
  }

  #ensureLoaded(): Promise<void> {
    if (!this.#loaded) {
      this.#loaded = this.#load();
      this.#loaded.catch(() => {
        this.#loaded = null;
        this.#onStatus('failed');
      });
    }
    return this.#loaded;
  }

  async #load(): Promise<void> {
    this.#onStatus('loading');
    const { segments } = await call('search.segments', {});
    const worker = this.#spawn();
    await new Promise<void>((resolve, reject) => {
      this.#onLoaded = { resolve, reject };
      worker.postMessage(
        { type: 'load', segments } satisfies ToWorker,
        segments.map((s) => s.buffer as ArrayBuffer),
      );
    });
    this.#onStatus('ready');
  }

  #spawn(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./search.worker.ts', import.meta.url), {
      type: 'module',
      name: 'search',
    });
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.#receive(event.data);
    worker.onerror = () => {
      this.#onLoaded?.reject(new Error('search worker failed'));
      this.#onLoaded = null;
      for (const { reject } of this.#pending.values()) reject(new Error('search worker failed'));
      this.#pending.clear();
    };
    this.#worker = worker;
    return worker;
  }

  #receive(message: FromWorker): void {
    if (message.type === 'loaded') {
      this.#onLoaded?.resolve();
      this.#onLoaded = null;
      return;
    }
    if (message.seq === null) {
      this.#onLoaded?.reject(new Error('search index could not be loaded'));
      this.#onLoaded = null;
      return;
    }
    const pending = this.#pending.get(message.seq);
    this.#pending.delete(message.seq);
    if (!pending) return;
    if (message.type === 'results') pending.resolve({ ids: message.ids, total: message.total });
    else pending.reject(new Error('search failed'));
  }

  #post(message: ToWorker): void {
    this.#spawn().postMessage(message);
  }
}
