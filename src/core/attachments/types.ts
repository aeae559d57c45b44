import type { BlobSyncBatch } from './blob-sync-batch';
import type { AttachmentMeta } from './meta';

export type { AttachmentInfo } from '../../shared/attachments/types';
import type { AttachmentInfo } from '../../shared/attachments/types';

export interface AttachStreamMeta {
  name: string;
  mime?: string;
  modifiedAt?: string | null;
  description?: string;
  /** When given and the bytes differ: nothing is kept, IntegrityError. */
  expectedSha256?: string;
  expectedSize?: number;
  /** Keep a partner's id. */
  id?: string;
}

export interface IngestOptions {
  onProgress?: (bytesDone: number) => void;
  signal?: AbortSignal;
  /**
   * A small blob is written without its own fsync and added here; the caller flushes the batch
   * before it commits the rows (receive does, blob-sync-batch.ts).
   */
  syncBatch?: BlobSyncBatch;
}

/** What happened to an attachment (the custody log records the added file's hash). */
export type AttachmentChange =
  | { kind: 'added'; sha256: string; size: number }
  | { kind: 'deleted' }
  /** Its searchable text changed (text recognition ran); the file itself did not. */
  | { kind: 'text' };

/** Called inside the write transaction after an attachment was added or detached. */
export type AttachmentChangeListener = (
  recordId: string,
  attachmentId: string,
  change: AttachmentChange,
) => void;

export function toInfo(
  id: string,
  recordId: string,
  meta: AttachmentMeta,
  hasText: boolean,
): AttachmentInfo {
  return {
    id,
    recordId,
    name: meta.name,
    size: meta.size,
    sha256: meta.sha256,
    mime: meta.mime,
    description: meta.description,
    addedAt: meta.addedAt,
    modifiedAt: meta.modifiedAt,
    hasText,
    textSkipped: meta.textSkipped ?? null,
    ocr: meta.ocr ?? null,
    metadata: meta.metadata ?? null,
  };
}
