import { type VaultError, deserializeError } from '../../../shared/errors';
import type { Channel, EventName } from '../../../shared/ipc/channels';
import type { Envelope, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { EventPayloads } from '../../../shared/ipc/types';

/**
 * The renderer's only door to the vault: window.vault (the preload's bridge), with envelopes
 * unwrapped into values or VaultErrors that keep their stable code.
 */
export async function call<C extends Channel>(
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  // Indexing the bridge with a generic channel loses the pairing; restore it for this C.
  const invoke = window.vault[channel] as (r: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>;
  const envelope = await invoke(request);
  if (!envelope.ok) throw deserializeError(envelope.error);
  return envelope.value;
}

export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  return window.vault.on(event, listener);
}

export function errorCode(error: unknown): string {
  return (error as VaultError | null)?.code ?? 'INTERNAL';
}
