/**
 * OCR languages (docs/attachments.md, "Text from images"). Tesseract's language codes, each
 * bundled as an npm package `@tesseract.js-data/<code>`: recognition never downloads anything.
 * Shared so that the CLI, the app's evidence panel and the core agree on the same list.
 */
export const OCR_LANGUAGES = ['ara', 'eng', 'fra', 'spa', 'hin', 'por'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/** BCP-47 primary subtag of a testimony's language -> the OCR languages to combine. */
const FROM_TESTIMONY: Record<string, OcrLanguage[]> = {
  // Arabic letters and Latin ones often share a page (names, addresses, platform text).
  ar: ['ara', 'eng'],
  en: ['eng'],
  fr: ['fra'],
  es: ['spa'],
  hi: ['hin', 'eng'],
  pt: ['por'],
};

/** Used when the testimony's language is unknown or has no bundled data. */
export const DEFAULT_OCR_LANGUAGES: readonly OcrLanguage[] = ['eng'];

export function ocrLanguagesFor(testimonyLang: string): OcrLanguage[] {
  const primary = testimonyLang.trim().toLowerCase().split('-')[0] ?? '';
  return [...(FROM_TESTIMONY[primary] ?? DEFAULT_OCR_LANGUAGES)];
}

/**
 * Parses a user's choice: "ara+eng", "fra", or a BCP-47 tag ("ar", "pt-BR"). Returns null when
 * any part is not a bundled language, so the caller can refuse it with the list.
 */
export function parseOcrLanguages(value: string): OcrLanguage[] | null {
  const parts = value.trim().toLowerCase().split('+').filter(Boolean);
  if (parts.length === 0 || parts.length > OCR_LANGUAGES.length) return null;
  const out: OcrLanguage[] = [];
  for (const part of parts) {
    const lang = (OCR_LANGUAGES as readonly string[]).includes(part)
      ? (part as OcrLanguage)
      : parts.length === 1 &&
          /^[a-z]{2}(-[a-z0-9]+)*$/.test(part) &&
          FROM_TESTIMONY[part.split('-')[0]!]
        ? null
        : undefined;
    if (lang === undefined) return null;
    if (lang === null) return ocrLanguagesFor(part);
    if (!out.includes(lang)) out.push(lang);
  }
  return out;
}

/**
 * How OCR text was made, kept (sealed) in the attachment's metadata; with `failed` when the
 * recognition gave nothing for this file, and why (so `--pending` does not retry it forever).
 */
export interface OcrRecord {
  engine: 'tesseract.js';
  version: string;
  languages: OcrLanguage[];
  /** Mean word confidence reported by the engine, 0-100 (0 when it failed). */
  confidence: number;
  at: string;
  failed?: OcrFailure;
  /** PDFs: how many pages were rendered and recognised (pages with a text layer keep theirs). */
  pages?: number;
  /** A PDF that failed: the page (1-based) that stopped it, and the document's page count. */
  failedPage?: number;
  pageCount?: number;
}

/**
 * Where a recognition is, for the terminal and the app's evidence panel: `fraction` (0..1) of
 * the whole file, the engine's stage, and for a PDF the page being read (1-based) of `pages`.
 */
export interface OcrProgress {
  fraction: number;
  stage: string;
  page?: number;
  pages?: number;
}

/** Image types recognised by OCR (content-sniffed MIME types). */
export const OCR_IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/tiff'] as const;

/** Images, and PDFs: their pages without a text layer are rendered, then recognised. */
export function canOcr(mime: string): boolean {
  return (OCR_IMAGE_TYPES as readonly string[]).includes(mime) || mime === 'application/pdf';
}

/** Why OCR gave no text for a file (the file itself is always kept). */
export const OCR_FAILURES = ['unreadable', 'too-large', 'time-limit', 'memory-limit'] as const;
export type OcrFailure = (typeof OCR_FAILURES)[number];
