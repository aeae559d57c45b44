import { useTeamSyncEvents } from '../data/team';

/** Mounted for the whole unlocked session: a sync's results reach every screen. */
export function TeamSyncListener() {
  useTeamSyncEvents();
  return null;
}
