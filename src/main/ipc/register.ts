import { VaultError, toSerializedError } from '../../shared/errors';
import { CHANNELS, INVOKE_PREFIX } from '../../shared/ipc/channels';
import type { Envelope } from '../../shared/ipc/contract';
import { type SenderFrame, isTrustedSender } from '../security/guards';
import { dispatch } from './dispatch';
import type { Handlers } from './handlers';

/** The parts of Electron's ipcMain used here (passed in, so this module runs in plain Node). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, request: unknown) => unknown): void;
  removeHandler(channel: string): void;
}

export interface InvokeEventLike {
  senderFrame: SenderFrame | null;
}

export function forbidden(): Envelope<never> {
  return {
    ok: false,
    error: toSerializedError(
      new VaultError('IPC.FORBIDDEN', 'This request did not come from the app’s own window.'),
    ),
  };
}

/** The listener for one channel: sender check first, then schema and handler via dispatch. */
export function guardedListener(
  handlers: Handlers,
  channel: string,
  onInternalError?: (error: unknown) => void,
  devOrigin: string | null = null,
) {
  return async (event: InvokeEventLike, request: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event.senderFrame, devOrigin)) return forbidden();
    return dispatch(handlers, channel, request, onInternalError);
  };
}

/** Registers every channel of the contract, and only those. Returns an unregister function. */
export function registerHandlers(
  ipc: IpcMainLike,
  handlers: Handlers,
  onInternalError?: (error: unknown) => void,
  devOrigin: string | null = null,
): () => void {
  for (const channel of CHANNELS) {
    ipc.handle(
      INVOKE_PREFIX + channel,
      guardedListener(handlers, channel, onInternalError, devOrigin),
    );
  }
  return () => {
    for (const channel of CHANNELS) ipc.removeHandler(INVOKE_PREFIX + channel);
  };
}
