/**
 * The names that cross the process boundary, and nothing else. Kept apart from the schemas so
 * that the preload (which must stay tiny and sandbox-safe) can generate window.vault from this
 * list without bundling zod. contract.ts checks at compile time that both lists agree.
 */
export const CHANNELS = [
  'app.info',
  'vault.status',
  'vault.create',
  'vault.unlock',
  'vault.lock',
  'vault.changePassphrase',
  'vault.verify',
  'recovery.newKey',
  'recovery.split',
  'custody.log',
  'custody.report',
  'custody.saveReport',
  'vault.backup',
  'recovery.copyShare',
  'records.list',
  'records.get',
  'records.add',
  'records.update',
  'records.history',
  'records.restore',
  'records.delete',
  'settings.get',
  'settings.set',
  'attachments.list',
  'attachments.uploadBegin',
  'attachments.uploadChunk',
  'attachments.uploadFinish',
  'attachments.uploadCancel',
  'attachments.extract',
  'attachments.detach',
  'attachments.ocr',
  'attachments.ocrCancel',
  'attachments.mediaUrl',
  'search.segments',
  'search.snippets',
  'search.verifyPhrases',
  'sharing.identity',
  'sharing.copyIdentity',
  'partners.list',
  'partners.add',
  'partners.verify',
  'partners.remove',
  'bundles.preview',
  'bundles.export',
  'bundles.open',
  'bundles.receive',
  'vocabulary.list',
  'vocabulary.save',
  'vocabulary.remove',
  'vocabulary.import',
  'vocabulary.export',
  'import.chooseFile',
  'import.chooseMapping',
  'import.chooseFilesFolder',
  'import.preview',
  'import.start',
  'import.cancel',
  'team.status',
  'team.sync',
  'team.conflicts',
  'team.conflict',
  'team.resolve',
] as const;

export type Channel = (typeof CHANNELS)[number];

/** Messages main pushes to the renderer (no reply). */
export const EVENTS = [
  'vault.locked',
  'bundles.progress',
  'custody.progress',
  'import.progress',
  'attachments.ocrProgress',
  'team.sync',
] as const;

export type EventName = (typeof EVENTS)[number];

/** Prefixes keep our IPC names apart from anything Electron or a library might send. */
export const INVOKE_PREFIX = 'tv:';
export const EVENT_PREFIX = 'tv-event:';

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENTS as readonly string[]).includes(value);
}
