/** Messages between the search client and its worker. */
export type ToWorker =
  | { type: 'load'; segments: Uint8Array[] }
  | { type: 'search'; seq: number; query: string; limit: number };

export type FromWorker =
  | { type: 'loaded' }
  | { type: 'results'; seq: number; ids: string[]; total: number }
  | { type: 'error'; seq: number | null };
