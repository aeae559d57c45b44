import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExportRequestInput } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useIndexChanged } from '../search/SearchProvider';
import { keys } from './keys';
import { recordsChanged } from './records';

/** This vault's identity (to give out) and its fingerprint. */
export function useIdentity() {
  return useQuery({ queryKey: keys.identity, queryFn: () => call('sharing.identity', {}) });
}

export function usePartners() {
  return useQuery({ queryKey: keys.partners, queryFn: () => call('partners.list', {}) });
}

/** A change to the partner list; every partner action re-reads the list after it. */
export function usePartnerAction<T, R>(action: (input: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSettled: () => client.invalidateQueries({ queryKey: keys.partners }),
  });
}

export function useExportPreview() {
  return useMutation({
    mutationFn: (request: ExportRequestInput) => call('bundles.preview', request),
  });
}

export function useExportBundle() {
  return useMutation({
    mutationFn: (request: ExportRequestInput & { confirmed: boolean }) =>
      call('bundles.export', request),
  });
}

export function useOpenBundle() {
  return useMutation({ mutationFn: () => call('bundles.open', {}) });
}

/** Imports an opened bundle: records, files, partners and the index may all have changed. */
export function useReceiveBundle() {
  const client = useQueryClient();
  const indexChanged = useIndexChanged();
  return useMutation({
    mutationFn: (request: { ticket: string; acceptUnknownSender?: string }) =>
      call('bundles.receive', request),
    onSuccess: () => {
      recordsChanged(client);
      void client.invalidateQueries({ queryKey: keys.partners });
      indexChanged();
    },
  });
}
