import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';
import { formatOcrProgress, formatOutcome } from '../../src/cli/commands/ocr';
import { OCR_FIXTURES } from './ocr-helpers';

const temp = useTempDirs();
const fixture = (file: string) => new URL(file, OCR_FIXTURES).pathname;

interface OcrOutput {
  attachments?: { id: string }[];
  ocr: {
    id: string;
    ok: boolean;
    ocr?: { languages: string[]; pages?: number };
    error?: { code: string };
  }[];
}

async function setup(lang: string) {
  const vault = temp.path('vault');
  expect((await runCli(['--vault', vault, 'init'])).code).toBe(0);
  const added = await runCliJson<{ id: string }>([
    '--vault',
    vault,
    'add',
    '--title',
    'Letter',
    '--lang',
    lang,
  ]);
  return { vault, recordId: added.json.id };
}

describe('tvault attach --ocr / tvault ocr', () => {
  it('attach --ocr makes a photographed Arabic letter findable by `tvault search`', async () => {
    const { vault, recordId } = await setup('ar');
    const attached = await runCliJson<OcrOutput>(
      ['--vault', vault, 'attach', '--ocr', recordId, fixture('letter-ara.jpg')],
      { timeoutMs: 120_000 },
    );
    expect(attached.code, attached.stderr).toBe(0);
    expect(attached.json.ocr).toMatchObject([{ ok: true, ocr: { languages: ['ara', 'eng'] } }]);
    const found = await runCliJson<{ results: { id: string }[] }>([
      '--vault',
      vault,
      'search',
      'التهديدات',
    ]);
    expect(found.json.results.map((r) => r.id)).toEqual([recordId]);
  }, 120_000);

  it('ocr --pending runs each waiting image; a broken one is reported, the rest done', async () => {
    const { vault, recordId } = await setup('es');
    const work = temp.make();
    writeFileSync(join(work, 'cut.png'), readFileSync(fixture('letter-fra.png')).subarray(0, 300));
    const attached = await runCliJson<OcrOutput>([
      '--vault',
      vault,
      'attach',
      recordId,
      fixture('letter-spa.jpg'),
      join(work, 'cut.png'),
    ]);
    expect(attached.code, attached.stderr).toBe(0);
    const [letter, cut] = attached.json.attachments!;
    const pending = await runCliJson<OcrOutput>(['--vault', vault, 'ocr', '--pending'], {
      timeoutMs: 120_000,
    });
    // Exit 2 (bad input): one file gave no text; the others were still recognised.
    expect(pending.code, pending.stderr).toBe(2);
    expect(pending.json.ocr).toMatchObject([
      { id: letter!.id, ok: true, ocr: { languages: ['spa'] } },
      { id: cut!.id, ok: false, error: { code: 'OCR.FAILED' } },
    ]);
    const again = await runCliJson<OcrOutput>(['--vault', vault, 'ocr', '--pending']);
    expect(again.json.ocr).toEqual([]);
    const found = await runCliJson<{ results: { id: string }[] }>([
      '--vault',
      vault,
      'search',
      'anónimas',
    ]);
    expect(found.json.results.map((r) => r.id)).toEqual([recordId]);
  }, 120_000);

  it('refuses an unknown language and a missing target, with typed errors', async () => {
    const { vault } = await setup('fr');
    const badLang = await runCliJson(['--vault', vault, 'ocr', '--pending', '--lang', 'xx+yy']);
    expect(badLang.code).not.toBe(0);
    expect(badLang.json).toMatchObject({ error: { code: 'INPUT.INVALID' } });
    const neither = await runCliJson(['--vault', vault, 'ocr']);
    expect(neither.json).toMatchObject({ error: { code: 'INPUT.INVALID' } });
    const unknown = await runCliJson(['--vault', vault, 'ocr', 'abcdef0123']);
    expect(unknown.json).toMatchObject({ error: { code: 'ATTACHMENT.NOT_FOUND' } });
  }, 60_000);

  it('attach --ocr reads a scanned French PDF page by page; search finds its second page', async () => {
    const { vault, recordId } = await setup('fr');
    const attached = await runCliJson<OcrOutput>(
      ['--vault', vault, 'attach', '--ocr', recordId, fixture('scan-fra.pdf')],
      { timeoutMs: 240_000 },
    );
    expect(attached.code, attached.stderr).toBe(0);
    expect(attached.json.ocr).toMatchObject([{ ok: true, ocr: { languages: ['fra'], pages: 2 } }]);
    const found = await runCliJson<{ results: { id: string }[] }>([
      '--vault',
      vault,
      'search',
      'plainte',
    ]);
    expect(found.json.results.map((r) => r.id)).toEqual([recordId]);
  }, 240_000);

  it('a failed file is named by id and name, with the page of a PDF', () => {
    expect(
      formatOutcome({
        id: 'a1b2',
        name: 'scan\u001b[31m.pdf',
        ok: false,
        error: {
          code: 'OCR.FAILED',
          message: 'Attachment a1b2 (a PDF): page 2 of 3: text recognition hit its time limit.',
          details: {},
        },
      }),
    ).toBe(
      'a1b2  scan\\u{1b}[31m.pdf  no text: Attachment a1b2 (a PDF): page 2 of 3: text recognition hit its time limit.',
    );
  });

  it('prints the page being read and the share of the whole file', () => {
    expect(
      formatOcrProgress('OCR 1/1 scan.pdf', { fraction: 0, stage: 'reading page', page: 1 }),
    ).toBe('OCR 1/1 scan.pdf: reading page 0%');
    expect(
      formatOcrProgress('OCR 1/1 scan.pdf', {
        fraction: 0.625,
        stage: 'recognizing text',
        page: 2,
        pages: 4,
      }),
    ).toBe('OCR 1/1 scan.pdf: page 2/4, recognizing text 62%');
    expect(formatOcrProgress('OCR 2/3 a.jpg', { fraction: 0.5, stage: 'recognizing text' })).toBe(
      'OCR 2/3 a.jpg: recognizing text 50%',
    );
  });
});
