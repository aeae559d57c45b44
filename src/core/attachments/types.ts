import type { AttachmentMeta } from './meta';

/** What callers see of an attachment (the sealed metadata, decrypted, plus ids). */
export interface AttachmentInfo {
  id: string;
  recordId: string;
  /** Original file name as given (may be hostile: never used as a path). */
  name: string;
  size: number;
  /** Hex SHA-256 of the original bytes. */
  sha256: string;
  mime: string;
  description: string;
  addedAt: string;
  /** The file's own modification time. */
  modifiedAt: string | null;
  /** Extracted text available for search. */
  hasText: boolean;
}

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
}

/** Called inside the write transaction after an attachment was added or detached. */
export type AttachmentChangeListener = (recordId: string, attachmentId: string) => void;

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
  };
}
