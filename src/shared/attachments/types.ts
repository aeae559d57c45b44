/**
 * Why an attachment that could have had searchable text has none (shown beside the file):
 * - `too-large`: above the size whose text is read at all (MAX_TEXT_SOURCE_BYTES);
 * - `time-limit` / `memory-limit`: the extraction was stopped at its limit (a decompression
 *   bomb, or a very heavy PDF); the file itself is kept unchanged;
 * - `unreadable`: the parser refused the file (encrypted or malformed PDF).
 */
export type TextSkipReason = 'too-large' | 'time-limit' | 'memory-limit' | 'unreadable';
export const TEXT_SKIP_REASONS: readonly TextSkipReason[] = [
  'too-large',
  'time-limit',
  'memory-limit',
  'unreadable',
];

import type { FileMetadata } from './metadata';
import type { OcrRecord } from './ocr';

/** What is known of an evidence file from the moment it is attached (sealed in its row). */
export interface AttachmentFacts {
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
}

/** What callers see of an evidence file: its decrypted metadata plus ids. */
export interface AttachmentInfo extends AttachmentFacts {
  id: string;
  recordId: string;
  /** Extracted text available for search. */
  hasText: boolean;
  /** Set when the text was not extracted, and why; null when it was or the type has none. */
  textSkipped: TextSkipReason | null;
  /** Set once text recognition ran (an image): engine, version, languages, or why it failed. */
  ocr: OcrRecord | null;
  /** EXIF/GPS/XMP/IPTC read at attach time (images), with identifying fields flagged; else null. */
  metadata: FileMetadata | null;
}
