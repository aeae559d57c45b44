import { useEffect, useState } from 'react';
import { useMutation, useMutationState, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EventPayloads } from '../../../shared/ipc/types';
import { call, onEvent } from '../api/client';
import { useIndexChanged } from '../search/SearchProvider';
import { keys } from './keys';
import { setAttachmentCount } from './records';

/** A record's evidence files; the list's count for the record follows what was read. */
export function useAttachments(recordId: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: keys.attachments(recordId),
    queryFn: async () => {
      const list = await call('attachments.list', { recordId });
      setAttachmentCount(client, recordId, list.length);
      return list;
    },
  });
}

/** After files were added or removed: re-read the list, and the index (evidence text counts). */
export function useAttachmentsChanged(recordId: string): () => Promise<void> {
  const client = useQueryClient();
  const indexChanged = useIndexChanged();
  return async () => {
    indexChanged();
    await client.invalidateQueries({ queryKey: keys.attachments(recordId) });
  };
}

export function useDetachAttachment(recordId: string) {
  const changed = useAttachmentsChanged(recordId);
  return useMutation({
    mutationFn: (id: string) => call('attachments.detach', { id }),
    onSuccess: changed,
  });
}

const OCR_MUTATION = ['attachments.ocr'];

/**
 * Recognises the text of an image or scanned PDF (offline, in main); search finds it afterwards.
 * Several files may be waiting at once (main runs them one after another), so the outcome of
 * each goes to `onError` here rather than to one mutate call's callbacks. A failure is noted in
 * the file's metadata and a cancel changes nothing: the list is read again either way.
 */
export function useRecognizeText(recordId: string, onError: (error: unknown) => void) {
  const changed = useAttachmentsChanged(recordId);
  return useMutation({
    mutationKey: OCR_MUTATION,
    mutationFn: (id: string) => call('attachments.ocr', { id }),
    onError,
    onSettled: changed,
  });
}

/** The files whose text is being recognised, started from any evidence panel. */
export function useRecognizing(): string[] {
  return useMutationState({
    filters: { mutationKey: OCR_MUTATION, status: 'pending' },
    select: (mutation) => mutation.state.variables as string,
  });
}

export type OcrProgressEvent = EventPayloads['attachments.ocrProgress'];

/** The latest progress main reported for each file (a share of the file, the page of a PDF). */
export function useOcrProgress(): Record<string, OcrProgressEvent> {
  const [progress, setProgress] = useState<Record<string, OcrProgressEvent>>({});
  useEffect(
    () =>
      onEvent('attachments.ocrProgress', (event) =>
        setProgress((all) => ({ ...all, [event.id]: event })),
      ),
    [],
  );
  return progress;
}

/** Stops a running recognition: nothing is stored, the file stays as it was. */
export function useCancelRecognition() {
  return useMutation({ mutationFn: (id: string) => call('attachments.ocrCancel', { id }) });
}

/** Saves a verified copy where the person chooses (null when they cancelled the dialog). */
export function useExtractAttachment() {
  return useMutation({ mutationFn: (id: string) => call('attachments.extract', { id }) });
}

/** The media protocol's address for a file; asked again at each opening, never kept. */
export function useMediaUrl(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.mediaUrl(id),
    queryFn: () => call('attachments.mediaUrl', { id }),
    enabled,
    gcTime: 0,
  });
}
