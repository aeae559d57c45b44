import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ImportProgressView, SourceKind } from '../../../shared/import/types';
import { call, onEvent } from '../api/client';
import { useIndexChanged } from '../search/SearchProvider';
import { recordsChanged } from './records';

/** What the wizard asks of a preview or an import (the file stays in main behind the ticket). */
export interface ImportRequest {
  ticket: string;
  from: SourceKind;
  /** undefined: as the mapping says; null: no field (consent "unknown"). */
  consentField?: string | null;
}

/** The export, chosen in main's open dialog and sniffed there; null when cancelled. */
export function useChooseImportFile() {
  return useMutation({ mutationFn: () => call('import.chooseFile', {}) });
}

export function useChooseMapping() {
  return useMutation({
    mutationFn: (ticket: string) => call('import.chooseMapping', { ticket }),
  });
}

export function useChooseFilesFolder() {
  return useMutation({
    mutationFn: (ticket: string) => call('import.chooseFilesFolder', { ticket }),
  });
}

/** The dry run on the first records: nothing is written. */
export function useImportPreview() {
  return useMutation({ mutationFn: (request: ImportRequest) => call('import.preview', request) });
}

/** The import itself: the archive's list and the search index change when it succeeds. */
export function useStartImport() {
  const client = useQueryClient();
  const indexChanged = useIndexChanged();
  return useMutation({
    mutationFn: (request: ImportRequest) => call('import.start', request),
    onSuccess: () => {
      recordsChanged(client);
      indexChanged();
    },
  });
}

export function useCancelImport() {
  return useMutation({ mutationFn: (ticket: string) => call('import.cancel', { ticket }) });
}

/** The latest progress main reports for this ticket's import while `active`. */
export function useImportProgress(ticket: string, active: boolean): ImportProgressView | null {
  const [progress, setProgress] = useState<ImportProgressView | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!active) return;
    return onEvent('import.progress', ({ ticket: of, ...rest }) => {
      if (of === ticket) setProgress(rest);
    });
  }, [ticket, active]);
  return progress;
}
