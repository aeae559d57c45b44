import type { TeamConflictView } from '../../../shared/ipc/team';
import { syncTeam } from '../../../core/team/sync';
import { listConflicts, resolveConflict } from '../../../core/team/team';
import { conflictHeads, teamOverview } from '../../../core/team/team-view';
import type { Vault } from '../../../core/vault/vault';
import { TeamSyncScheduler } from '../../team-sync';
import type { HandlerContext, HandlerImpls } from '../context';

type TeamChannels =
  'team.status' | 'team.sync' | 'team.conflicts' | 'team.conflict' | 'team.resolve';

/** Minutes between two syncs when the setting was never changed. */
export const DEFAULT_TEAM_SYNC_MINUTES = 5;

function conflictsOf(vault: Vault): TeamConflictView[] {
  const names = new Map(
    vault.team
      .chain()
      .members()
      .map((m) => [m.fingerprint, m.name]),
  );
  return listConflicts(vault).map((c) => ({
    recordId: c.recordId,
    heads: c.heads.map((h) => ({
      ...h,
      authorName: h.author ? (names.get(h.author) ?? null) : null,
      shown: h.revision === c.shown,
    })),
  }));
}

/**
 * The team archive in the app (docs/team.md, "In the app"): thin adapters over src/core/team,
 * like the CLI's `tvault team` commands, and the scheduled sync, started at unlock and stopped
 * at lock. Setting a team up (init, invite, join, remove) stays in the CLI.
 */
export function teamHandlers(ctx: HandlerContext): HandlerImpls<TeamChannels> {
  const { session, settings } = ctx;
  const scheduler = new TeamSyncScheduler<Vault>({
    current: () => session.current(),
    inTeam: (vault) => vault.team.config() !== null,
    sync: (vault) => syncTeam(vault),
    intervalMinutes: () => settings.get().teamSyncMinutes ?? DEFAULT_TEAM_SYNC_MINUTES,
    emit: (event) => ctx.emit('team.sync', event),
  });
  session.onUnlock(() => scheduler.start());
  session.onLock(() => scheduler.stop());

  return {
    'team.status': () => ({
      team: teamOverview(session.require()),
      syncing: scheduler.syncing,
      last: scheduler.last,
      intervalMinutes: settings.get().teamSyncMinutes ?? DEFAULT_TEAM_SYNC_MINUTES,
    }),
    'team.sync': () => {
      // No team: TEAM.NOT_FOUND for the caller, not a failed sync in the status.
      session.require().team.requireConfig();
      return scheduler.syncNow();
    },
    'team.conflicts': () => conflictsOf(session.require()),
    'team.conflict': ({ id }) => conflictHeads(session.require(), id),
    'team.resolve': ({ id, keep }) => ({
      revision: resolveConflict(session.require(), id, keep).revision,
    }),
  };
}
