import { VaultError } from '../../shared/errors';
import type { TeamSyncCounts } from '../../shared/ipc/team';
import type { Vault } from '../vault/vault';
import { applyChangeSet, noteRefusal } from './apply';
import { type DecodedChangeSet, decodeChangeSet } from './changeset-reader';
import { scanFolder } from './folder-scan';
import { collectLocalChanges, writeOutbox } from './publish';
import { writePendingChunks } from './publish-attachments';

/** What one sync did: the counts the CLI prints and the app shows (one definition, in shared). */
export type SyncReport = TeamSyncCounts;

/**
 * `tvault team sync` (docs/team.md): publishes the local changes, then applies the folder's
 * change sets in any order they arrived: each all or nothing, waiting ones retried until
 * nothing more can be applied. One `team.synced` custody entry with the counts.
 */
export function syncTeam(vault: Vault): Promise<SyncReport> {
  // After any import or backup in progress (Vault.oneAtATime): an import's transaction spans
  // awaits on the same connection, so a sync in the middle of it read its uncommitted records
  // and published them, and a cancelled import was then on every member's laptop.
  return vault.oneAtATime(() => syncNow(vault));
}

async function syncNow(vault: Vault): Promise<SyncReport> {
  const state = vault.team;
  const config = state.requireConfig();
  collectLocalChanges(vault, state);
  await writePendingChunks(vault, state);
  const published = writeOutbox(vault, state).length;
  const report: SyncReport = {
    published,
    applied: 0,
    rejected: 0,
    waiting: 0,
    notAddressed: 0,
    incomplete: 0,
    other: 0,
  };
  const scan = await scanFolder(config.folder, (name) => {
    const seen = state.file(name);
    return seen === null || seen.status === 'waiting';
  });
  report.incomplete = scan.incomplete;
  report.other = scan.other;
  let pending: { name: string; decoded: DecodedChangeSet }[] = [];
  for (const file of scan.files) {
    try {
      pending.push({ name: file.name, decoded: decodeChangeSet(file.bytes, vault.identity) });
    } catch (error) {
      if (!(error instanceof VaultError) || !error.code.startsWith('BUNDLE.')) throw error;
      if (error.code === 'BUNDLE.NOT_FOR_US') {
        noteRefusal(vault, state, file.name, 'not-addressed', 'not-addressed');
        report.notAddressed += 1;
      } else {
        noteRefusal(vault, state, file.name, 'rejected', error.code);
        report.rejected += 1;
      }
    }
  }
  // Membership first (a removal before the removed member's late change sets), then by number.
  pending.sort(
    (a, b) =>
      b.decoded.changes.events.length - a.decoded.changes.events.length ||
      a.decoded.manifest.epoch - b.decoded.manifest.epoch ||
      a.decoded.manifest.seq - b.decoded.manifest.seq,
  );
  for (let progress = true; progress && pending.length > 0;) {
    progress = false;
    const still: typeof pending = [];
    for (const item of pending) {
      const outcome = await applyChangeSet(vault, state, item.name, item.decoded);
      if (outcome.status === 'waiting') still.push(item);
      else {
        progress = true;
        if (outcome.status === 'applied') report.applied += 1;
        else report.rejected += 1;
      }
    }
    pending = still;
  }
  report.waiting = pending.length;
  // What was received may have queued nothing, but an applied removal or invitation changes
  // who later change sets are for; local changes made meanwhile go at the next sync.
  vault.transaction(() =>
    vault.noteCustody({ action: 'team.synced', detail: { team: config.teamId, ...report } }),
  );
  return report;
}
