import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EventPayloads } from '../../../shared/ipc/types';
import { call, onEvent } from '../api/client';
import { keys } from './keys';

/**
 * The custody log (or one record's part of it). Every action appends to it, so it is read
 * afresh each time the log screen opens rather than kept until this app changes the vault.
 */
export function useCustodyLog(recordId: string | null) {
  return useQuery({
    queryKey: keys.custodyLog(recordId),
    queryFn: () => call('custody.log', recordId ? { recordId } : {}),
    refetchOnMount: 'always',
  });
}

/** One record's custody report as the vault signs it now (made afresh on each opening). */
export function useCustodyReport(recordId: string) {
  return useQuery({
    queryKey: keys.custodyReport(recordId),
    queryFn: () => call('custody.report', { recordId }),
    refetchOnMount: 'always',
  });
}

/** Main asks where, then writes the signed JSON (+ .sig) or the printable page. */
export function useSaveCustodyReport() {
  return useMutation({
    mutationFn: (request: { recordId: string; form: 'json' | 'html' }) =>
      call('custody.saveReport', request),
  });
}

export function useVerifyVault() {
  return useMutation({ mutationFn: () => call('vault.verify', {}) });
}

/** Main asks for the folder, copies and checks; null when the person cancelled. */
export function useBackup() {
  return useMutation({ mutationFn: () => call('vault.backup', {}) });
}

/** Shown once: the key is not kept in the cache once its screen is gone (gcTime 0). */
export function useNewRecoveryKey() {
  return useMutation({
    mutationFn: (current: string) => call('recovery.newKey', { current }),
    gcTime: 0,
  });
}

/** Shown once, one screen per share: not kept in the cache once the screens are gone. */
export function useSplitRecovery() {
  return useMutation({
    mutationFn: (request: { current: string; shares: number; threshold: number }) =>
      call('recovery.split', request),
    gcTime: 0,
  });
}

/** Main puts the share on the clipboard (the page has no clipboard permission). */
export function useCopyShare() {
  return useMutation({
    mutationFn: (share: string) => call('recovery.copyShare', { share }),
    gcTime: 0,
  });
}

export type CustodyProgress = EventPayloads['custody.progress'];

/** The latest progress main reports while `task` runs. */
export function useCustodyProgress(task: CustodyProgress['task'], active: boolean) {
  const [progress, setProgress] = useState<CustodyProgress | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!active) return;
    return onEvent('custody.progress', (p) => p.task === task && setProgress(p));
  }, [task, active]);
  return progress;
}
