import { fileTypeFromBuffer } from 'file-type';

/**
 * The MIME type of an attachment, sniffed from its first bytes, with the file name (and a
 * partner's declared type) only as hints. Content wins because names lie: a photo renamed
 * "notes.txt" is still a photo, and the type decides how the app shows it.
 *
 * 1. file-type recognises a binary format from its magic bytes: that type.
 * 2. Else, if the bytes are UTF-8 text without NUL: a declared text type, else the text type its
 *    extension names (md, html, srt, vtt, csv…), else text/plain.
 * 3. Else a declared type, else application/octet-stream.
 */
export const SNIFF_BYTES = 64 * 1024;

const TEXT_BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'application/xhtml+xml',
  srt: 'application/x-subrip',
  vtt: 'text/vtt',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  xml: 'application/xml',
};

const TEXT_TYPES = new Set(Object.values(TEXT_BY_EXTENSION));

export function isTextMime(mime: string): boolean {
  return mime.startsWith('text/') || TEXT_TYPES.has(mime);
}

const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** A caller-declared type if it is a plain type/subtype token pair, lower-cased; else undefined. */
export function normaliseMime(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const mime = value.trim().toLowerCase();
  return MIME_PATTERN.test(mime) ? mime : undefined;
}

export function extensionOf(name: string): string {
  // Only the last path-like segment counts; names are never paths, but may contain slashes.
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/**
 * True when `head` (the first bytes, `complete` if that is the whole file) is UTF-8 without NUL.
 * A multi-byte character cut at the end of an incomplete head is not held against it.
 */
export function looksLikeText(head: Uint8Array, complete: boolean): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

export function looksLikePdf(head: Uint8Array): boolean {
  // "%PDF-" may follow a little junk; readers look in the first 1024 bytes.
  const window = Buffer.from(head.subarray(0, 1024));
  return window.includes('%PDF-');
}

export async function sniffMime(
  head: Uint8Array,
  complete: boolean,
  name: string,
  declared?: string,
): Promise<string> {
  const hint = normaliseMime(declared);
  if (head.length === 0)
    return hint ?? TEXT_BY_EXTENSION[extensionOf(name)] ?? 'application/octet-stream';
  const detected = await fileTypeFromBuffer(head).catch(() => undefined);
  if (detected) return detected.mime;
  if (looksLikeText(head, complete)) {
    if (hint && isTextMime(hint)) return hint;
    return TEXT_BY_EXTENSION[extensionOf(name)] ?? 'text/plain';
  }
  return hint ?? 'application/octet-stream';
}
