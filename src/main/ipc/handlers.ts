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
 * The channels that write to the open vault wait for its long tasks (an import, a backup, a
 * team sync: Vault.oneAtATime). An import holds one transaction across its awaits on the vault's
 * one connection: a testimony saved in the middle of it joined that transaction and was rolled
 * back with a cancelled import, after the app had said it was saved. Reads do not wait (the list
 * and search stay usable during an import). The long tasks' own channels (import.start,
 * vault.backup, team.sync) queue themselves in the core. attachments.ocr does not wait: a
 * recognition runs for minutes and every save would wait behind it (its text is written at the
 * end; a recognition that ends during an import is stored with the import's outcome).
 */
export const WAIT_FOR_LONG_TASKS: ReadonlySet<Channel> = new Set<Channel>([
  'vault.changePassphrase',
  'recovery.newKey',
  'recovery.split',
  'custody.saveReport',
  'records.add',
  'records.update',
  'records.restore',
  'records.delete',
  'attachments.uploadFinish',
  'attachments.extract',
  'attachments.detach',
  'partners.add',
  'partners.verify',
  'partners.remove',
  'bundles.export',
  'bundles.receive',
  'vocabulary.save',
  'vocabulary.remove',
  'vocabulary.import',
  'team.resolve',
]);

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
    handlers[channel] = async (request: unknown) => {
      const parsed = parseRequest(channel, request) as ParsedRequestOf<Channel>;
      const vault = WAIT_FOR_LONG_TASKS.has(channel) ? ctx.session.current() : null;
      return vault ? vault.oneAtATime(async () => impl(parsed)) : impl(parsed);
    };
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
