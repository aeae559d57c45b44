import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  RecordSummary,
  TestimonyFields,
  TestimonyRecord,
} from '../../../shared/records/types';
import type { FieldsPatch } from '../../../shared/records/validate';
import { call } from '../api/client';
import { summaryOf } from '../archive/summary';
import { useIndexChanged } from '../search/SearchProvider';
import { keys } from './keys';

/** Every record's summary (what the list, the filters and the facets need). */
export function useRecordSummaries() {
  return useQuery({ queryKey: keys.summaries, queryFn: () => call('records.list', {}) });
}

/** One record, decrypted, for the detail pane. */
export function useRecord(id: string) {
  return useQuery({ queryKey: keys.record(id), queryFn: () => call('records.get', { id }) });
}

/** Every revision of a record, oldest first. */
export function useRecordHistory(id: string) {
  return useQuery({ queryKey: keys.history(id), queryFn: () => call('records.history', { id }) });
}

function updateSummaries(
  client: QueryClient,
  change: (list: RecordSummary[]) => RecordSummary[],
): void {
  client.setQueryData<RecordSummary[]>(keys.summaries, (list) => (list ? change(list) : list));
}

/** A saved record's new state everywhere it is cached: its summary, itself, its history. */
function recordSaved(client: QueryClient, record: TestimonyRecord): void {
  updateSummaries(client, (list) => {
    const old = list.find((s) => s.id === record.id);
    const next = summaryOf(record, old?.attachmentCount ?? 0);
    return old ? list.map((s) => (s.id === record.id ? next : s)) : [next, ...list];
  });
  client.setQueryData(keys.record(record.id), record);
  void client.invalidateQueries({ queryKey: keys.history(record.id) });
}

/** The attachment count the list shows, kept in step with the attachments list. */
export function setAttachmentCount(client: QueryClient, id: string, count: number): void {
  updateSummaries(client, (list) =>
    list.some((s) => s.id === id && s.attachmentCount !== count)
      ? list.map((s) => (s.id === id ? { ...s, attachmentCount: count } : s))
      : list,
  );
}

export type SaveRequest =
  { kind: 'add'; fields: TestimonyFields } | { kind: 'update'; id: string; patch: FieldsPatch };

/** Adds or updates a record (a new revision); the caller reads errors from the mutation. */
export function useSaveRecord() {
  const client = useQueryClient();
  const indexChanged = useIndexChanged();
  return useMutation({
    mutationFn: (request: SaveRequest) =>
      request.kind === 'add'
        ? call('records.add', { fields: request.fields })
        : call('records.update', { id: request.id, patch: request.patch }),
    onSuccess: (record) => {
      recordSaved(client, record);
      indexChanged();
    },
  });
}

/** Makes an old revision current again: main adds a new revision equal to it. */
export function useRestoreRevision() {
  const client = useQueryClient();
  const indexChanged = useIndexChanged();
  return useMutation({
    mutationFn: (request: { id: string; revision: number }) => call('records.restore', request),
    onSuccess: (record) => {
      recordSaved(client, record);
      indexChanged();
    },
  });
}

/** Deletes a record for good (its keys are shredded in main). */
export function useDeleteRecord() {
  const client = useQueryClient();
  const indexChanged = useIndexChanged();
  return useMutation({
    mutationFn: (id: string) => call('records.delete', { id }),
    onSuccess: (_none, id) => {
      updateSummaries(client, (list) => list.filter((s) => s.id !== id));
      client.removeQueries({ queryKey: keys.record(id) });
      client.removeQueries({ queryKey: keys.history(id) });
      client.removeQueries({ queryKey: keys.attachments(id) });
      indexChanged();
    },
  });
}

/** Records arrived from elsewhere (a received bundle): everything about records is re-read. */
export function recordsChanged(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: ['records'] });
  void client.invalidateQueries({ queryKey: ['attachments'] });
}
