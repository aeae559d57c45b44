/**
 * Worker thread of the parallel index build (segment-workers.ts): analyses a batch of search
 * documents and seals them as one segment, with the same shared code as the engine (guessing
 * the language of the documents that came without one), or merges segments it built into one.
 * Plaintext stays in memory: the segment goes back to the parent, which encrypts it before
 * storing it.
 */
import { parentPort } from 'node:worker_threads';
import { type BuildReply, type BuildRequest, runRequest } from './segment-jobs';

const port = parentPort;
if (port) {
  port.on('message', (request: BuildRequest) => {
    let reply: BuildReply;
    try {
      reply = { job: request.job, bytes: runRequest(request) };
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
