import { InvalidInputError, toSerializedError } from '../../shared/errors';
import { isChannel } from '../../shared/ipc/channels';
import type { Envelope } from '../../shared/ipc/contract';
import type { Handlers } from './handlers';

/**
 * Calls one handler and wraps the outcome in the envelope that crosses the boundary. Errors
 * become {code, message, details}; anything that is not a VaultError is reported as INTERNAL
 * without its message (foreign messages may quote data). Shared by register.ts and the
 * end-to-end harness, so both speak exactly the same protocol.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  request: unknown,
  onInternalError?: (error: unknown) => void,
): Promise<Envelope<unknown>> {
  try {
    if (!isChannel(channel)) throw new InvalidInputError('Unknown channel.');
    const value = await handlers[channel](request);
    return { ok: true, value };
  } catch (error) {
    const serialized = toSerializedError(error);
    if (serialized.code === 'INTERNAL') onInternalError?.(error);
    return { ok: false, error: serialized };
  }
}

/** An internal error without its message: its class name and its stack frames. */
export function describeInternalError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [error.name, ...frames].join('\n');
}
