/// <reference lib="webworker" />
import { SearchEngine } from '../../../shared/search';
import type { FromWorker, ToWorker } from './protocol';

/**
 * The search index lives here, off the window's thread: the same engine the CLI uses, loaded
 * from the segments main decrypted after unlock. It holds nothing else and is terminated on lock.
 */
declare const self: DedicatedWorkerGlobalScope;

let engine: SearchEngine | null = null;

function post(message: FromWorker): void {
  self.postMessage(message);
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'load') {
    try {
      engine = SearchEngine.load(message.segments);
      post({ type: 'loaded' });
    } catch {
      engine = null;
      post({ type: 'error', seq: null });
    }
    return;
  }
  if (message.type === 'search') {
    try {
      if (!engine) throw new Error('no index');
      const result = engine.search(message.query, { limit: message.limit });
      post({
        type: 'results',
        seq: message.seq,
        ids: result.hits.map((h) => h.id),
        total: result.total,
      });
    } catch {
      post({ type: 'error', seq: message.seq });
    }
  }
};
