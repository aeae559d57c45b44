import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client';
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

/** Recognises the text of an image (offline, in main); search finds it afterwards. */
export function useRecognizeText(recordId: string) {
  const changed = useAttachmentsChanged(recordId);
  return useMutation({
    mutationFn: (id: string) => call('attachments.ocr', { id }),
    onSuccess: changed,
  });
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
