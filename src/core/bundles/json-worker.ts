import { type WorkerLimits, oneAtATime, runLimitedWorker } from '../workers/limited-worker';
import { BundleMalformedError } from './errors';
import { type JsonShapeFault, MAX_JSON_DEPTH, jsonShapeFault } from './json-depth';

/**
 * The JSON of a bundle (its manifest, each record entry), parsed after the signature checked
 * out but still bytes a partner chose (docs/security.md, "Bundles built to exhaust the
 * receiver"). A large text is scanned and parsed on a worker thread with a heap cap and a time
 * limit (workers/limited-worker.ts), so that the main process, which runs the panic lock, the
 * auto-lock and every IPC call, only copies bytes in and receives a bounded value back:
 *
 * - nesting deeper than MAX_JSON_DEPTH and more than `maxValues` values are refused by the byte
 *   scan (json-depth.ts) before JSON.parse runs;
 * - invalid UTF-8 or JSON, a parse that outgrows HEAP_MB or takes longer than TIME_MS: refused.
 *
 * Every refusal is BUNDLE.MALFORMED naming what was refused. Texts up to OFF_THREAD_BYTES are
 * parsed in place: starting a worker (some 20 ms) costs more than the scan and parse of 256 KiB,
 * and a bundle of many small records would pay it for each.
 */
export const OFF_THREAD_BYTES = 256 * 1024;

const LIMITS: WorkerLimits = {
  // A legitimate 16 MiB manifest parses in well under a second; the margin is for a busy machine.
  timeMs: 20_000,
  // A 16 MiB text as a two-byte string, the value built from it and its copy for the reply.
  heapMb: 256,
};

export interface JsonLimits {
  /** What the text is, for the error: "the manifest", "a record". */
  what: string;
  maxValues: number;
  details?: Record<string, unknown>;
}

type Reply = { ok: true; value: unknown } | { ok: false; fault: JsonShapeFault | 'syntax' };

/**
 * The worker: the same scan as json-depth.ts (its source text), then a strict UTF-8 decode and
 * JSON.parse. The bytes' buffer is moved here (transferred) and zeroed after the parse.
 */
export const JSON_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { buffer, offset, length, maxDepth, maxValues } = workerData;
const jsonShapeFault = ${jsonShapeFault.toString()};
const bytes = new Uint8Array(buffer, offset, length);
const fault = jsonShapeFault(bytes, maxDepth, maxValues);
if (fault) parentPort.postMessage({ ok: false, fault });
else {
  let value;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    parentPort.postMessage({ ok: false, fault: 'syntax' });
    value = undefined;
  }
  bytes.fill(0);
  if (value !== undefined) parentPort.postMessage({ ok: true, value });
}
`;

const serial = oneAtATime();

/**
 * Parses a bundle's JSON text within `limits`; BUNDLE.MALFORMED otherwise. Takes the bytes: a
 * text parsed on the worker has its whole buffer moved there (the caller's views of it are
 * empty afterwards), so pass bytes in a buffer of their own.
 */
export async function parseBundleJson(bytes: Uint8Array, limits: JsonLimits): Promise<unknown> {
  const reply =
    bytes.length <= OFF_THREAD_BYTES
      ? parseHere(bytes, limits)
      : await parseOffThread(bytes, limits);
  if (reply.ok) return reply.value;
  throw refusal(reply.fault, limits);
}

function parseHere(bytes: Uint8Array, limits: JsonLimits): Reply {
  const fault = jsonShapeFault(bytes, MAX_JSON_DEPTH, limits.maxValues);
  if (fault) return { ok: false, fault };
  try {
    return { ok: true, value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
  } catch {
    return { ok: false, fault: 'syntax' };
  }
}

function parseOffThread(bytes: Uint8Array, limits: JsonLimits): Promise<Reply> {
  return serial(async () => {
    // Moved, not copied: a copy of 16 MiB into fresh pages held the main thread some 55 ms here.
    const buffer = bytes.buffer;
    const outcome = await runLimitedWorker<Reply>({
      source: JSON_WORKER_SOURCE,
      workerData: {
        buffer,
        offset: bytes.byteOffset,
        length: bytes.length,
        maxDepth: MAX_JSON_DEPTH,
        maxValues: limits.maxValues,
      },
      transferList: buffer instanceof ArrayBuffer ? [buffer] : [],
      limits: LIMITS,
      isAnswer: () => true,
    });
    if ('failed' in outcome) throw refusal(outcome.failed, limits);
    return outcome.answer;
  });
}

const REASONS: Record<string, string> = {
  depth: 'nests too deeply',
  values: 'holds too many values',
  syntax: 'is not valid UTF-8 JSON',
  'time-limit': 'took too long to read',
  'memory-limit': 'needs too much memory to read',
  crashed: 'could not be read',
};

function refusal(fault: string, limits: JsonLimits): BundleMalformedError {
  return new BundleMalformedError(`${limits.what} ${REASONS[fault] ?? 'could not be read'}`, {
    ...limits.details,
  });
}
