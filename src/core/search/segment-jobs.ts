/**
 * The jobs of the index workers (index-worker.ts), also run on the calling thread when no
 * worker can (segment-workers.ts): build a segment from documents, or merge built segments.
 */
import { type SearchDoc, SearchEngine } from '../../shared/search';
import { resolveLanguages } from './doc-language';

export type BuildRequest =
  | { job: number; segmentId: string; docs: SearchDoc[] }
  | { job: number; segmentId: string; merge: Uint8Array[] };

export type BuildReply =
  { job: number; bytes: Uint8Array } | { job: number; error: { code: string; message: string } };

/** What a request asks (the documents' languages guessed where LANG_TO_GUESS says so). */
export function runRequest(request: BuildRequest): Uint8Array {
  return 'merge' in request
    ? SearchEngine.mergeBuilt(request.segmentId, request.merge)
    : SearchEngine.buildSegment(request.segmentId, resolveLanguages(request.docs));
}
