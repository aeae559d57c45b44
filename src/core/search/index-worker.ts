/**
 * Worker thread of the parallel index build (segment-workers.ts): analyses a batch of search
 * documents and seals them as one segment, with the same shared code as the engine. Plaintext
 * stays in memory: the segment goes back to the parent, which encrypts it before storing it.
 */
import { parentPort } from 'node:worker_threads';
import { type SearchDoc, SearchEngine } from '../../shared/search';

export interface BuildRequest {
  job: number;
  segmentId: string;
  docs: SearchDoc[];
}

export type BuildReply =
  { job: number; bytes: Uint8Array } | { job: number; error: { code: string; message: string } };

const port = parentPort;
if (port) {
  port.on('message', (request: BuildRequest) => {
    let reply: BuildReply;
    try {
      reply = {
        job: request.job,
        bytes: SearchEngine.buildSegment(request.segmentId, request.docs),
      };
    } catch (error) {
      // The engine's own errors (invalid input) name no document content; any other error's
      // message might, so only its kind crosses.
      const invalid = (error as { code?: unknown }).code === 'INPUT.INVALID';
      reply = {
        job: request.job,
        error: invalid
          ? { code: 'INPUT.INVALID', message: (error as Error).message }
          : { code: 'INTERNAL', message: '' },
      };
    }
    if ('bytes' in reply) port.postMessage(reply, [reply.bytes.buffer as ArrayBuffer]);
    else port.postMessage(reply);
  });
}
