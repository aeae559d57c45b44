import { AttachmentNotFoundError, IntegrityError, VaultLockedError } from '../../shared/errors';
import { previewKindOf } from '../../shared/media/preview-types';

/**
 * The media protocol as a plain Request -> Response function (no Electron): main registers it
 * for tvault-media://, the end-to-end harness serves the very same function under http, and
 * tests/main asserts its Range behaviour. Attachments are decrypted chunk by chunk while the
 * response streams; nothing is written anywhere, and nothing may be cached.
 */

export interface MediaInfo {
  size: number;
  mime: string;
}

export interface MediaSource {
  info(id: string): MediaInfo;
  /** Decrypted bytes of [start, end] (inclusive); throws IntegrityError on any corruption. */
  read(id: string, range?: { start: number; end: number }): AsyncIterable<Uint8Array>;
}

export interface MediaOptions {
  /** The current source, or null while the vault is locked. */
  source: () => MediaSource | null;
  /** The app's origin, allowed to fetch() media (pdf.js reads PDFs that way). */
  allowOrigin: string;
}

const OPAQUE = 'application/octet-stream';

/**
 * The type a stored MIME type is served as. Only preview types (src/shared/media/preview-types.ts:
 * a few image formats, audio, video, PDF) keep theirs; anything else (HTML, SVG, XML, scripts,
 * text…) is opaque bytes: the media origin must never hand a document or script to the browser.
 */
export function servedContentType(mime: string): string {
  const base = mime.split(';')[0]!.trim().toLowerCase();
  return previewKindOf(base) ? base : OPAQUE;
}

/**
 * Content-Type and Content-Disposition of an attachment's responses. What is not a preview type
 * is also marked as a download, so that a browser never renders it in a page, even if asked to
 * open the URL. No file name is given: names are sensitive and may be hostile.
 */
export function contentHeaders(mime: string): Record<string, string> {
  const type = servedContentType(mime);
  return type === OPAQUE
    ? { 'Content-Type': type, 'Content-Disposition': 'attachment' }
    : { 'Content-Type': type };
}

export type ByteRange = { start: number; end: number };

/**
 * Parses a Range header for a body of `size` bytes. Returns null when there is no usable Range
 * (serve the whole body), 'unsatisfiable' for 416. Only single byte ranges are honoured; a
 * multi-range request gets the whole body, which HTTP allows.
 */
export function parseRange(
  header: string | null,
  size: number,
): ByteRange | null | 'unsatisfiable' {
  if (header === null) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(end) || end < start) return 'unsatisfiable';
  return { start, end };
}

const ID_PATH = /^\/([0-9a-f]{32})$/;

export async function handleMediaRequest(
  request: Request,
  options: MediaOptions,
): Promise<Response> {
  const base: Record<string, string> = {
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // Should a media URL ever be opened as a document, it has no rights at all.
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Access-Control-Allow-Origin': options.allowOrigin,
    // pdf.js reads these to fetch a large PDF in ranges instead of whole.
    'Access-Control-Expose-Headers': 'Accept-Ranges, Content-Range, Content-Length',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    Vary: 'Origin',
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...base, Allow: 'GET, HEAD' } });
  }
  const id = ID_PATH.exec(new URL(request.url).pathname)?.[1];
  if (!id) return new Response(null, { status: 404, headers: base });
  const source = options.source();
  if (!source) return new Response(null, { status: 423, headers: base });

  let info: MediaInfo;
  try {
    info = source.info(id);
  } catch (error) {
    return errorResponse(error, base);
  }
  const headers = { ...base, 'Accept-Ranges': 'bytes', ...contentHeaders(info.mime) };
  const range = parseRange(request.headers.get('Range'), info.size);
  if (range === 'unsatisfiable') {
    return new Response(null, {
      status: 416,
      headers: { ...headers, 'Content-Range': `bytes */${info.size}` },
    });
  }
  const status = range ? 206 : 200;
  const span = range ?? { start: 0, end: info.size - 1 };
  const length = info.size === 0 ? 0 : span.end - span.start + 1;
  const responseHeaders: Record<string, string> = { ...headers, 'Content-Length': String(length) };
  if (range) responseHeaders['Content-Range'] = `bytes ${span.start}-${span.end}/${info.size}`;
  if (request.method === 'HEAD' || length === 0) {
    return new Response(null, { status, headers: responseHeaders });
  }

  // Pull the first chunk before answering, so a damaged file gets an error status rather than
  // a 200 that breaks off; later damage aborts the stream (the player shows an error).
  const iterator = source.read(id, span)[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array>;
  try {
    first = await iterator.next();
  } catch (error) {
    return errorResponse(error, base);
  }
  let pending: IteratorResult<Uint8Array> | null = first;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = pending ?? (await iterator.next());
        pending = null;
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, { status, headers: responseHeaders });
}

function errorResponse(error: unknown, headers: Record<string, string>): Response {
  if (error instanceof AttachmentNotFoundError) return new Response(null, { status: 404, headers });
  if (error instanceof VaultLockedError) return new Response(null, { status: 423, headers });
  if (error instanceof IntegrityError) return new Response(null, { status: 422, headers });
  return new Response(null, { status: 500, headers });
}
