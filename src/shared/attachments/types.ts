/** What callers see of an evidence file: its decrypted metadata plus ids. */
export interface AttachmentInfo {
  id: string;
  recordId: string;
  /** Original file name as given (may be hostile: never used as a path). */
  name: string;
  size: number;
  /** Hex SHA-256 of the original bytes (the chain-of-custody fingerprint). */
  sha256: string;
  mime: string;
  description: string;
  addedAt: string;
  /** The file's own modification time. */
  modifiedAt: string | null;
  /** Extracted text available for search. */
  hasText: boolean;
}
