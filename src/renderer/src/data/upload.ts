import type { AttachmentView } from '../../../shared/ipc/types';
import { call } from '../api/client';

/** 4 MiB: few round trips, and memory stays small however large the file. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Sends one File to main in chunks. Main encrypts as the chunks arrive and keeps nothing if the
 * upload is cancelled or fails halfway (the store writes to a temporary name first).
 */
export async function uploadFile(
  recordId: string,
  file: File,
  onProgress: (bytesDone: number, total: number) => void,
  signal: AbortSignal,
): Promise<AttachmentView> {
  const { uploadId } = await call('attachments.uploadBegin', {
    recordId,
    name: file.name,
    mime: file.type,
    size: file.size,
    modifiedAt: file.lastModified ? new Date(file.lastModified).toISOString() : null,
  });
  try {
    let done = 0;
    onProgress(0, file.size);
    while (done < file.size) {
      if (signal.aborted) throw new DOMException('cancelled', 'AbortError');
      const bytes = new Uint8Array(await file.slice(done, done + CHUNK_BYTES).arrayBuffer());
      if (bytes.byteLength === 0) break;
      await call('attachments.uploadChunk', { uploadId, bytes });
      done += bytes.byteLength;
      onProgress(done, file.size);
    }
    return await call('attachments.uploadFinish', { uploadId });
  } catch (error) {
    await call('attachments.uploadCancel', { uploadId }).catch(() => undefined);
    throw error;
  }
}
