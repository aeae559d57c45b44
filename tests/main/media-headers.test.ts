import { describe, expect, it } from 'vitest';
import { mediaSourceOf } from '../../src/main/media-source';
import {
  type MediaSource,
  contentHeaders,
  handleMediaRequest,
  servedContentType,
} from '../../src/main/protocols/media';
import { IntegrityError } from '../../src/shared/errors';
import { previewKindOf } from '../../src/shared/media/preview-types';
import { collect, fromBuffer } from '../attachments/helpers';
import { useTestVaults } from '../helpers/vault';

/**
 * The media protocol serves decrypted evidence whose type comes from its content: a hostile file
 * must never become a document or a script in the app. Every response carries nosniff, a CSP
 * that forbids everything and sandboxes, and no-store; only preview types keep their type; all
 * else is opaque bytes marked as a download, and Range requests still work for it.
 */

const ID = 'abcdef0123456789abcdef0123456789';
const APP = 'app://tvault';
const CSP = "default-src 'none'; sandbox";
const body = new TextEncoder().encode('<script>alert(1)</script><svg onload="alert(2)"/>');

/** Types that can carry script or markup, or are not previews, as they might be stored. */
const HOSTILE = [
  'text/html',
  'TEXT/HTML',
  'text/html; charset=utf-8',
  'application/xhtml+xml',
  'image/svg+xml',
  'image/svg+xml; charset=utf-8',
  'application/xml',
  'text/xml',
  'application/javascript',
  'text/javascript',
  'application/ecmascript',
  'application/json',
  'text/plain',
  'text/markdown',
  'text/vtt',
  'application/x-shockwave-flash',
  'multipart/x-mixed-replace',
  'image/x-icon',
  'image/',
  'video/',
  'audio/<script>',
  'video/mp4 text/html',
  '',
];

const PREVIEW: [string, string][] = [
  ['image/png', 'image'],
  ['image/jpeg', 'image'],
  ['image/gif', 'image'],
  ['image/webp', 'image'],
  ['image/avif', 'image'],
  ['image/bmp', 'image'],
  ['audio/mpeg', 'audio'],
  ['audio/ogg', 'audio'],
  ['video/mp4', 'video'],
  ['video/x-matroska', 'video'],
  ['application/pdf', 'pdf'],
];

function source(mime: string, bytes: Uint8Array = body): MediaSource {
  return {
    info: () => ({ size: bytes.length, mime }),
    async *read(_id, range) {
      yield bytes.slice(range?.start ?? 0, (range?.end ?? bytes.length - 1) + 1);
    },
  };
}

function serve(src: MediaSource | null, init: RequestInit = {}, path = `/${ID}`) {
  return handleMediaRequest(new Request(`tvault-media://attachment${path}`, init), {
    source: () => src,
    allowOrigin: APP,
  });
}

function expectSafeBase(res: Response, label: string): void {
  expect(res.headers.get('X-Content-Type-Options'), label).toBe('nosniff');
  expect(res.headers.get('Content-Security-Policy'), label).toBe(CSP);
  expect(res.headers.get('Cache-Control'), label).toBe('no-store');
}

describe('media protocol: hostile types', () => {
  it('serves every non-preview type as an opaque download, whole and in ranges', async () => {
    for (const mime of HOSTILE) {
      const requests: [string, RequestInit, number][] = [
        ['whole', {}, 200],
        ['range', { headers: { Range: 'bytes=8-15' } }, 206],
        ['head', { method: 'HEAD' }, 200],
        ['past the end', { headers: { Range: `bytes=${body.length}-` } }, 416],
      ];
      for (const [what, init, status] of requests) {
        const label = `${JSON.stringify(mime)} ${what}`;
        const res = await serve(source(mime), init);
        expect(res.status, label).toBe(status);
        expectSafeBase(res, label);
        expect(res.headers.get('Content-Type'), label).toBe('application/octet-stream');
        expect(res.headers.get('Content-Disposition'), label).toBe('attachment');
      }
      const ranged = await serve(source(mime), { headers: { Range: 'bytes=8-15' } });
      expect(ranged.headers.get('Content-Range')).toBe(`bytes 8-15/${body.length}`);
      expect(new Uint8Array(await ranged.arrayBuffer())).toEqual(body.slice(8, 16));
    }
  });

  it('keeps the type of preview types, inline, with the same safety headers', async () => {
    for (const [mime] of PREVIEW) {
      const res = await serve(source(mime), { headers: { Range: 'bytes=0-3' } });
      expect(res.status, mime).toBe(206);
      expectSafeBase(res, mime);
      expect(res.headers.get('Content-Type'), mime).toBe(mime);
      expect(res.headers.get('Content-Disposition'), mime).toBeNull();
      expect(res.headers.get('Accept-Ranges'), mime).toBe('bytes');
    }
  });

  it('puts the safety headers on refusals and errors too', async () => {
    const broken: MediaSource = {
      info: () => ({ size: 10, mime: 'text/html' }),
      // eslint-disable-next-line require-yield -- fails before its first chunk
      async *read() {
        throw new IntegrityError(`attachment ${ID}`);
      },
    };
    const cases: [string, Promise<Response>, number][] = [
      ['locked', serve(null), 423],
      ['bad path', serve(source('text/html'), {}, '/../../etc/passwd'), 404],
      ['method', serve(source('text/html'), { method: 'POST', body: 'x' }), 405],
      ['damaged', serve(broken), 422],
    ];
    for (const [label, pending, status] of cases) {
      const res = await pending;
      expect(res.status, label).toBe(status);
      expectSafeBase(res, label);
    }
  });

  it('the renderer previews exactly the types the protocol serves inline', () => {
    for (const mime of HOSTILE) {
      expect(previewKindOf(mime), mime).toBeNull();
      expect(contentHeaders(mime)['Content-Disposition'], mime).toBe('attachment');
    }
    for (const [mime, kind] of PREVIEW) {
      expect(previewKindOf(mime), mime).toBe(kind);
      expect(servedContentType(mime), mime).toBe(mime);
      expect(contentHeaders(mime), mime).toEqual({ 'Content-Type': mime });
    }
    // Parameters and case never widen the list: the base type decides, and is what is served.
    expect(servedContentType('Video/MP4; codecs="avc1"')).toBe('video/mp4');
    expect(servedContentType('image/svg+xml; x=image/png')).toBe('application/octet-stream');
  });
});

describe('media protocol over a real vault', () => {
  const vaults = useTestVaults();

  it('an HTML page or an SVG attached as evidence comes back as an opaque download', async () => {
    const { vault } = await vaults.create();
    const recordId = vault.addRecord({ title: 'hostile files' }).id;
    const enc = new TextEncoder();
    const attach = (name: string, text: string | Uint8Array, mime?: string) =>
      vault.attachments.attachStream(
        recordId,
        fromBuffer(typeof text === 'string' ? enc.encode(text) : text),
        { name, ...(mime ? { mime } : {}) },
      );
    const html = await attach('page.html', '<!doctype html><script>alert(1)</script>');
    const svg = await attach(
      'logo.svg',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
      'image/svg+xml',
    );
    // A 1x1 PNG named .html: content decides, and it is a preview type.
    const png = await attach(
      'not-a-page.html',
      Uint8Array.from(
        Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
          'base64',
        ),
      ),
    );
    const media = mediaSourceOf(vault);
    for (const [info, type, disposition] of [
      [html, 'application/octet-stream', 'attachment'],
      [svg, 'application/octet-stream', 'attachment'],
      [png, 'image/png', null],
    ] as const) {
      const res = await serve(media, { headers: { Range: 'bytes=1-4' } }, `/${info.id}`);
      expect(res.status, info.name).toBe(206);
      expectSafeBase(res, info.name);
      expect(res.headers.get('Content-Type'), `${info.name} (${info.mime})`).toBe(type);
      expect(res.headers.get('Content-Disposition'), info.name).toBe(disposition);
      const all = await collect(vault.attachments.readStream(info.id));
      expect(Buffer.from(await res.arrayBuffer()).equals(all.subarray(1, 5)), info.name).toBe(true);
    }
    expect(png.mime).toBe('image/png');
  });
});
