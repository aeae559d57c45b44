import { htmlToText, tidy } from './html';
import type { TextSkipReason } from '../../../shared/attachments/types';
import type { FileMetadata } from '../../../shared/attachments/metadata';
import { pdfMetadataFields } from '../metadata/pdf-metadata';
import { PDF_LIMITS, pdfToText } from './pdf-worker';
import { subtitlesToText } from './subtitles';

/**
 * Text for the search index from a text-like attachment (txt, md, html, srt/vtt, PDF). Runs in
 * memory on bytes captured during ingest; nothing is written anywhere. Files above
 * MAX_TEXT_SOURCE_BYTES are not captured (the attachment is stored, just not searchable by
 * content), which keeps ingest memory bounded.
 */
export const MAX_TEXT_SOURCE_BYTES = 16 * 1024 * 1024;
export const MAX_EXTRACTED_CHARS = 2_000_000;

const EXTRACTORS: Record<string, (text: string) => string> = {
  'text/plain': tidyPlain,
  'text/markdown': tidyPlain,
  'text/csv': tidyPlain,
  'text/tab-separated-values': tidyPlain,
  'text/html': htmlToText,
  'application/xhtml+xml': htmlToText,
  'application/x-subrip': subtitlesToText,
  'text/vtt': subtitlesToText,
};

function tidyPlain(text: string): string {
  return tidy(text);
}

export function canExtractText(mime: string): boolean {
  return mime === 'application/pdf' || mime in EXTRACTORS;
}

/** What extraction gave: the text (null when the type has none or nothing readable came out), or why it was not extracted. */
export interface ExtractedText {
  text: string | null;
  skipped: TextSkipReason | null;
  /** A PDF's information dictionary and XMP, read in the same worker (null when unread). */
  metadata?: FileMetadata | null;
}

export async function extractText(mime: string, bytes: Uint8Array): Promise<ExtractedText> {
  let text: string | null = null;
  let metadata: FileMetadata | null = null;
  if (mime === 'application/pdf') {
    const result = await pdfToText(bytes, { ...PDF_LIMITS, maxChars: MAX_EXTRACTED_CHARS });
    if ('skipped' in result) return { text: null, skipped: result.skipped };
    text = tidy(result.text);
    metadata = result.metadata ? pdfMetadataFields(result.metadata) : null;
  } else {
    const extractor = EXTRACTORS[mime];
    if (!extractor) return { text: null, skipped: null };
    let decoded: string;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      return { text: null, skipped: null };
    }
    text = extractor(decoded);
  }
  if (text.trim() === '') return { text: null, skipped: null, metadata };
  return {
    text: text.length > MAX_EXTRACTED_CHARS ? text.slice(0, MAX_EXTRACTED_CHARS) : text,
    skipped: null,
    metadata,
  };
}
