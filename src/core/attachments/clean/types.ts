/**
 * Export cleaning (docs/attachments.md, "Cleaning on export"): a copy of an evidence file with
 * the metadata that can identify someone removed, the content itself left byte for byte.
 */

/** What was taken out, by name (docs/bundle-format.md lists the vocabulary). */
export type RemovedPart =
  | 'exif'
  | 'xmp'
  | 'iptc'
  | 'comment'
  | 'mpf'
  | 'app-segment'
  | 'trailer'
  | 'png-text'
  | 'png-time'
  | 'pdf-info'
  | 'pdf-id'
  | 'tiff-tags'
  | 'media-tags';

export interface CleanedCopy {
  bytes: Uint8Array;
  /** Distinct, sorted; empty when the file carried nothing to remove. */
  removed: RemovedPart[];
}

/** The formats cleaned; anything else is sent as it is, with a warning in the review. */
export type CleanableFormat =
  'jpeg' | 'png' | 'webp' | 'pdf' | 'tiff' | 'heif' | 'mp4' | 'mp3' | 'wav' | 'flac' | 'ogg';

/** Thrown by a format cleaner for a file it cannot walk (truncated, malformed, encrypted). */
export class DamagedFileError extends Error {
  constructor(
    readonly format: CleanableFormat,
    reason: string,
  ) {
    super(`${format}: ${reason}`);
  }
}

export function sortedParts(parts: Iterable<RemovedPart>): RemovedPart[] {
  return [...new Set(parts)].sort();
}
