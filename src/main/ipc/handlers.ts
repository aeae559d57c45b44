import { InvalidInputError } from '../../shared/errors';
import { CHANNELS, type Channel } from '../../shared/ipc/channels';
import { type ParsedRequestOf, type ResponseOf, contract } from '../../shared/ipc/contract';
import type { HandlerContext, HandlerImpl, HandlerImpls } from './context';
import { attachmentHandlers } from './handlers/attachments';
import { recordHandlers } from './handlers/records';
import { searchHandlers } from './handlers/search';
import { settingsHandlers } from './handlers/settings';
import { sharingHandlers } from './handlers/sharing';
import { vaultHandlers } from './handlers/vault';
import { custodyHandlers } from './handlers/custody';
import { vocabularyHandlers } from './handlers/vocabulary';
import { importHandlers } from './handlers/import';
import { teamHandlers } from './handlers/team';

/** The handler object: one function per channel, taking the raw (untrusted) request. */
export type Handlers = { readonly [C in Channel]: (request: unknown) => Promise<ResponseOf<C>> };

/**
 * Builds the handler object that src/main/ipc/register.ts hands to ipcMain and that the tests
 * and the end-to-end harness call directly. Every request is checked against its channel's
 * schema before any core code runs. No electron import here: it runs in plain Node.
 */
export function createHandlers(ctx: HandlerContext): Handlers {
  const impls: HandlerImpls<Channel> = {
    ...vaultHandlers(ctx),
    ...recordHandlers(ctx),
    ...settingsHandlers(ctx),
    ...attachmentHandlers(ctx),
    ...searchHandlers(ctx),
    ...sharingHandlers(ctx),
    ...custodyHandlers(ctx),
    ...vocabularyHandlers(ctx),
    ...importHandlers(ctx),
    ...teamHandlers(ctx),
  };
  const handlers = {} as Record<Channel, (request: unknown) => Promise<unknown>>;
  for (const channel of CHANNELS) {
    const impl = impls[channel] as HandlerImpl<Channel>;
    handlers[channel] = async (request: unknown) =>
      impl(parseRequest(channel, request) as ParsedRequestOf<Channel>);
  }
  return Object.freeze(handlers) as unknown as Handlers;
}

/**
 * Validates a request. The error names the fields and what is wrong with them, never the
 * values (a rejected request may hold a passphrase or a testimony).
 */
export function parseRequest<C extends Channel>(channel: C, request: unknown): ParsedRequestOf<C> {
  const parsed = contract[channel].request.safeParse(request ?? {});
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(request)');
    throw new InvalidInputError(`Invalid request for ${channel}: check ${fields.join(', ')}.`, {
      channel,
      fields,
      issues: parsed.error.issues.map((issue) => issue.code),
    });
  }
  return parsed.data as ParsedRequestOf<C>;
}
