import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffMime } from '../../src/core/attachments/mime';
import { htmlToText } from '../../src/core/attachments/text/html';
import { subtitlesToText } from '../../src/core/attachments/text/subtitles';
import { MAX_TEXT_SOURCE_BYTES } from '../../src/core/attachments/text/extract';
import { useTestVaults } from '../helpers/vault';
import { fromBuffer, seededBytes } from './helpers';
import { makePdf } from '../helpers/pdf';

const vaults = useTestVaults();

async function setup() {
  const { vault } = await vaults.create();
  return { vault, recordId: vault.addRecord({ title: 'r' }).id, work: vaults.temp.make() };
}

describe('MIME type: content first, the name as a hint', () => {
  const png = Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489',
    'hex',
  );
  it.each([
    ['a PNG named .txt', png, 'notes.txt', undefined, 'image/png'],
    ['text named .png', Buffer.from('just words'), 'photo.png', undefined, 'text/plain'],
    [
      'subtitles',
      Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nHi\n'),
      'talk.srt',
      undefined,
      'application/x-subrip',
    ],
    [
      'WebVTT',
      Buffer.from('WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n'),
      'talk.VTT',
      undefined,
      'text/vtt',
    ],
    ['HTML', Buffer.from('<p>hello</p>'), 'page.html', undefined, 'text/html'],
    ['markdown', Buffer.from('# title'), 'README.md', undefined, 'text/markdown'],
    ['a PDF named .bin', makePdf('x'), 'scan.bin', undefined, 'application/pdf'],
    [
      'unknown binary',
      Buffer.from([0, 1, 2, 3, 250, 251]),
      'x.txt',
      undefined,
      'application/octet-stream',
    ],
    [
      'invalid UTF-8 named .txt',
      Buffer.from([0x41, 0xff, 0xfe, 0x41]),
      'x.txt',
      undefined,
      'application/octet-stream',
    ],
    [
      "a partner's declared type for unknown bytes",
      Buffer.from([0, 1, 2]),
      'x',
      'Audio/AMR',
      'audio/amr',
    ],
    [
      'a declared type that is not a MIME token',
      Buffer.from([0, 1, 2]),
      'x',
      'text/html; <script>',
      'application/octet-stream',
    ],
    ['an empty file', Buffer.alloc(0), 'empty.md', undefined, 'text/markdown'],
  ])('%s', async (_label, bytes, name, declared, expected) => {
    expect(await sniffMime(bytes, true, name, declared)).toBe(expected);
  });

  it('a UTF-8 character cut at the end of the sniffed head is still text', async () => {
    const text = Buffer.from('é'.repeat(40));
    expect(await sniffMime(text.subarray(0, 39), false, 'a.txt')).toBe('text/plain');
  });
});

describe('text extraction for search', () => {
  it('HTML: scripts, styles and comments dropped, entities decoded', () => {
    const text = htmlToText(
      '<html><head><title>T&iacute;tulo</title><style>p{color:red}</style><script>alert("x")</script></head>' +
        '<body><!-- hidden --><p>Caf&eacute; &amp; &#x623;&#1605;&#x644;</p><div>two&nbsp;words</div></body></html>',
    );
    expect(text).toBe('Título\n\nCafé & أمل\n\ntwo words');
  });

  it('SRT and WebVTT: only the spoken lines', () => {
    expect(
      subtitlesToText(
        '1\r\n00:00:01,000 --> 00:00:04,000\r\n<i>They came at night.</i>\r\n\r\n2\r\n00:00:05,000 --> 00:00:06,500\r\nWe left.\r\n',
      ),
    ).toBe('They came at night.\n\nWe left.');
    expect(
      subtitlesToText(
        'WEBVTT\n\nNOTE not spoken\n\nintro\n00:01.000 --> 00:02.000 align:start\n<v Narrator>Hola &amp; adiós\n\n00:03.000 --> 00:04.000\nFin',
      ),
    ).toBe('Hola & adiós\n\nFin');
  });

  it('text, Markdown, HTML, subtitles and PDF attachments get sealed text; binaries none', async () => {
    const { vault, recordId, work } = await setup();
    const files: Record<string, Buffer> = {
      'a.txt': Buffer.from('\uFEFFplain words here'),
      'b.md': Buffer.from('# Heading\n\nsome *markdown*'),
      'c.html': Buffer.from('<p>from a web page</p><script>nope()</script>'),
      'd.srt': Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nspoken words\n'),
      'e.pdf': makePdf('Testimony about the raid'),
      'f.bin': seededBytes(5000, 'bin'),
      'g.pdf': Buffer.from('%PDF-1.4\nthis is not really a pdf'),
    };
    const got: Record<string, string | null> = {};
    for (const [name, bytes] of Object.entries(files)) {
      writeFileSync(join(work, name), bytes);
      const info = await vault.attachments.attachFile(recordId, join(work, name));
      expect(info.hasText, name).toBe(vault.attachments.text(info.id) !== null);
      expect(info.textSkipped, name).toBe(name === 'g.pdf' ? 'unreadable' : null);
      got[name] = vault.attachments.text(info.id);
    }
    expect(got).toEqual({
      'a.txt': 'plain words here',
      'b.md': '# Heading\n\nsome *markdown*',
      'c.html': 'from a web page',
      'd.srt': 'spoken words',
      'e.pdf': 'Testimony about the raid',
      'f.bin': null,
      'g.pdf': null,
    });
  });

  it('text larger than the capture bound is stored, without extracted text', async () => {
    const { vault, recordId } = await setup();
    const big = Buffer.alloc(MAX_TEXT_SOURCE_BYTES + 10, 'a');
    const info = await vault.attachments.attachStream(recordId, fromBuffer(big, 1 << 20), {
      name: 'huge.txt',
    });
    expect(info).toMatchObject({
      size: big.length,
      mime: 'text/plain',
      hasText: false,
      textSkipped: 'too-large',
    });
    expect(vault.attachments.text(info.id)).toBeNull();
  });
});
