import { htmlToText, tidy } from './html';
import { pdfToText } from './pdf';
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

/** The text, or null when the type has none or nothing readable came out. */
export async function extractText(mime: string, bytes: Uint8Array): Promise<string | null> {
  let text: string | null = null;
  if (mime === 'application/pdf') {
    text = await pdfToText(bytes, MAX_EXTRACTED_CHARS);
    if (text !== null) text = tidy(text);
  } else {
    const extractor = EXTRACTORS[mime];
    if (!extractor) return null;
    let decoded: string;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      return null;
    }
    text = extractor(decoded);
  }
  if (text === null || text.trim() === '') return null;
  return text.length > MAX_EXTRACTED_CHARS ? text.slice(0, MAX_EXTRACTED_CHARS) : text;
}
