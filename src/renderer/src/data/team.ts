import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call, onEvent } from '../api/client';
import { useIndexChanged } from '../search/SearchProvider';
import { keys } from './keys';
import { recordsChanged } from './records';

/**
 * The team, its members, and the scheduled sync's state (docs/team.md, "In the app"). Read
 * afresh each time the screen opens: the sync runs in main whatever the screen shows.
 */
export function useTeamStatus() {
  return useQuery({
    queryKey: keys.teamStatus,
    queryFn: () => call('team.status', {}),
    refetchOnMount: 'always',
  });
}

export function useTeamConflicts(enabled: boolean) {
  return useQuery({
    queryKey: keys.teamConflicts,
    queryFn: () => call('team.conflicts', {}),
    enabled,
    refetchOnMount: 'always',
  });
}

/** The heads of one record in conflict, whole, to compare side by side. */
export function useTeamConflict(id: string) {
  return useQuery({
    queryKey: keys.teamConflict(id),
    queryFn: () => call('team.conflict', { id }),
  });
}

/** "Sync now": resolves with the outcome (a failure included); the sync event refreshes. */
export function useSyncNow() {
  return useMutation({ mutationFn: () => call('team.sync', {}) });
}

/** Keeps one head: the record shows it, the conflict is gone, the team receives it. */
export function useResolveConflict() {
  const client = useQueryClient();
  const indexChanged = useIndexChanged();
  return useMutation({
    mutationFn: (request: { id: string; keep: string }) => call('team.resolve', request),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['team'] });
      recordsChanged(client);
      indexChanged();
    },
  });
}

/**
 * Listens to the sync main runs (at unlock, on schedule, "Sync now") while the vault is open,
 * whichever screen is shown: its state refreshes the Team screen, and what a sync applied
 * refreshes the archive and the search index.
 */
export function useTeamSyncEvents(): void {
  const client = useQueryClient();
  const indexChanged = useIndexChanged();
  useEffect(
    () =>
      onEvent('team.sync', (event) => {
        void client.invalidateQueries({ queryKey: ['team'] });
        if (event.phase === 'finished' && event.outcome.counts.applied > 0) {
          recordsChanged(client);
          indexChanged();
        }
      }),
    [client, indexChanged],
  );
}
