import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { OcrProgress } from '../../src/shared/attachments/ocr';
import { OCR_LIMITS } from '../../src/core/attachments/ocr/ocr-worker';
import { PDF_PAGE_LIMITS } from '../../src/core/attachments/ocr/pdf-page-worker';
import { findInFolder } from '../helpers/scan';
import { useTestVaults } from '../helpers/vault';
import { collect, fromBuffer, sha256Hex } from './helpers';
import { fixtureBytes, scanCorpus, wordRecall } from './ocr-helpers';

/**
 * OCR of PDF pages without a text layer (docs/attachments.md, "Text from images"): each such
 * page is rendered at 300 dpi with pdf.js on @napi-rs/canvas, then recognised; pages with a text
 * layer keep their text. The scans are made by scripts/make-ocr-fixtures.ts.
 */
const vaults = useTestVaults();
const scans = scanCorpus();
const scan = (lang: string) => scans.find((s) => s.lang === lang)!;
const TESTIMONY_LANG: Record<string, string> = { ara: 'ar', spa: 'es', fra: 'fr' };

async function vaultWithPdf(bytes: Uint8Array, name: string, lang = 'es') {
  const { vault, dir } = await vaults.create();
  const record = vault.addRecord({ title: 'Scanned letter', lang });
  const info = await vault.attachments.attachStream(record.id, fromBuffer(bytes, 65536), { name });
  return { vault, dir, record, info };
}

/** A PDF whose first page has a real text layer and whose second is page 1 of a scan. */
async function mixedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage([595.28, 841.89]);
  first.drawText('Annex: register of incidents kept by the association coordinator.', {
    x: 50,
    y: 780,
    size: 12,
    font,
  });
  const scanned = await PDFDocument.load(fixtureBytes(scan('spa').file));
  const [copied] = await doc.copyPages(scanned, [0]);
  doc.addPage(copied!);
  return doc.save();
}

describe('text from scanned PDFs (OCR of pages without a text layer)', () => {
  // Issue 14: scans in Arabic, Spanish and French, found by a word of each page.
  it.each([
    ['ara', 'التهديدات', 'الشكوى'],
    ['spa', 'amenazas', 'denuncia'],
    ['fra', 'militantes', 'plainte'],
  ])(
    'a two-page %s scan is found by a word of either page',
    async (lang, wordPage1, wordPage2) => {
      const sample = scan(lang);
      const bytes = fixtureBytes(sample.file);
      const { vault, dir, record, info } = await vaultWithPdf(
        bytes,
        sample.file,
        TESTIMONY_LANG[lang],
      );
      // No text layer: nothing to search, and waiting for OCR.
      expect(info).toMatchObject({ mime: 'application/pdf', hasText: false });
      expect(vault.attachments.pendingOcr().map((a) => a.id)).toEqual([info.id]);
      const progress: OcrProgress[] = [];
      const ocr = await vault.attachments.recognize(info.id, {
        onProgress: (p) => progress.push(p),
      });
      expect(ocr).toMatchObject({ engine: 'tesseract.js', pages: 2 });
      expect(ocr.failed).toBeUndefined();
      // Progress names each page of two (the count known once the file is open), and the
      // whole file's share only grows.
      expect(progress[0]).toEqual({ fraction: 0, stage: 'reading page', page: 1 });
      expect(new Set(progress.slice(1).map((p) => `${p.page}/${p.pages}`))).toEqual(
        new Set(['1/2', '2/2']),
      );
      const fractions = progress.map((p) => p.fraction);
      expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
      expect(Math.max(...fractions)).toBeGreaterThan(0.9);
      const text = vault.attachments.text(info.id)!;
      expect(wordRecall(sample.pages[0]!, text)).toBeGreaterThan(0.7);
      expect(wordRecall(sample.pages[1]!, text)).toBeGreaterThan(0.7);
      for (const word of [wordPage1, wordPage2])
        expect(vault.search.search(word).results.map((r) => r.id)).toEqual([record.id]);
      expect(sha256Hex(await collect(vault.attachments.readStream(info.id)))).toBe(info.sha256);
      expect(vault.attachments.pendingOcr()).toEqual([]);
      // The recognised words are sealed: nowhere in the vault folder in the clear.
      expect(findInFolder(dir, wordPage2)).toEqual([]);
    },
    120_000,
  );

  it('pages with a text layer keep their text; only the scanned page is recognised', async () => {
    const { vault, info } = await vaultWithPdf(await mixedPdf(), 'annex.pdf');
    // The text layer was extracted at attach: searchable already, so not pending.
    expect(info.hasText).toBe(true);
    expect(vault.attachments.pendingOcr()).toEqual([]);
    const ocr = await vault.attachments.recognize(info.id, { languages: ['spa'] });
    expect(ocr.pages).toBe(1);
    const text = vault.attachments.text(info.id)!;
    expect(text).toContain('Annex: register of incidents');
    expect(text.indexOf('Annex')).toBeLessThan(text.indexOf('amenazas'));
    expect(wordRecall(scan('spa').pages[0]!, text)).toBeGreaterThan(0.7);
  }, 120_000);

  it('cancelling during page 2 stores no text and keeps the file', async () => {
    const sample = scan('spa');
    const { vault, info } = await vaultWithPdf(fixtureBytes(sample.file), sample.file);
    const controller = new AbortController();
    const run = vault.attachments.recognize(info.id, {
      signal: controller.signal,
      onProgress: (p) => p.page === 2 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(vault.attachments.get(info.id)).toMatchObject({ hasText: false, ocr: null });
    expect(vault.attachments.text(info.id)).toBeNull();
    expect(sha256Hex(await collect(vault.attachments.readStream(info.id)))).toBe(info.sha256);
    expect(vault.attachments.pendingOcr().map((a) => a.id)).toEqual([info.id]);
  }, 120_000);
});

describe('hostile PDFs for OCR (docs/security.md, "Hostile files")', () => {
  async function expectFailure(
    bytes: Uint8Array,
    reason: string,
    opts: Parameters<typeof recognizeWith>[2] = {},
    page?: number,
  ) {
    const { vault, info } = await vaultWithPdf(bytes, 'hostile.pdf');
    const started = Date.now();
    await expect(recognizeWith(vault, info.id, opts)).rejects.toMatchObject({
      code: 'OCR.FAILED',
      details: { id: info.id, reason, ...(page === undefined ? {} : { page }) },
    });
    const elapsed = Date.now() - started;
    expect(sha256Hex(await collect(vault.attachments.readStream(info.id)))).toBe(info.sha256);
    expect(vault.attachments.get(info.id)).toMatchObject({ ocr: { failed: reason } });
    expect(vault.attachments.text(info.id)).toBeNull();
    expect(vault.attachments.pendingOcr()).toEqual([]);
    return elapsed;
  }

  function recognizeWith(
    vault: Awaited<ReturnType<typeof vaultWithPdf>>['vault'],
    id: string,
    pageLimits: Partial<typeof PDF_PAGE_LIMITS>,
  ) {
    return vault.attachments.recognize(id, {
      languages: ['eng'],
      pageLimits: { ...PDF_PAGE_LIMITS, ...pageLimits },
    });
  }

  it('a page of 200 x 200 inches: refused before drawing, at once', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([14_400, 14_400]);
    expect(await expectFailure(await doc.save(), 'too-large', {}, 1)).toBeLessThan(15_000);
  }, 60_000);

  it('more pages than OCR reads: too-large', async () => {
    const bytes = fixtureBytes(scan('spa').file);
    await expectFailure(bytes, 'too-large', { maxPages: 1 });
  }, 60_000);

  it('a truncated PDF: unreadable', async () => {
    const bytes = fixtureBytes(scan('fra').file);
    await expectFailure(bytes.subarray(0, 2000), 'unreadable', {}, 1);
  }, 60_000);

  it('a failure names the PDF and, when a page is at fault, that page, in the error and the record', async () => {
    const sample = scan('spa');
    const { vault, info } = await vaultWithPdf(fixtureBytes(sample.file), sample.file);
    // The engine stopped on page 1 of 2 (drawn, then too slow to read).
    const error = await vault.attachments
      .recognize(info.id, { languages: ['spa'], limits: { ...OCR_LIMITS, timeMs: 50 } })
      .then(
        () => new Error('recognised'),
        (e: unknown) => e as Error,
      );
    expect(error).toMatchObject({ code: 'OCR.FAILED', details: { reason: 'time-limit', page: 1 } });
    expect(error.message).toBe(
      `Attachment ${info.id} (a PDF): page 1 of 2: text recognition hit its time limit.`,
    );
    expect(vault.attachments.get(info.id).ocr).toMatchObject({
      failed: 'time-limit',
      failedPage: 1,
      pageCount: 2,
    });
    // A PDF that cannot be opened: the PDF is named, no page is blamed.
    const cut = await vaultWithPdf(fixtureBytes(scan('fra').file).subarray(0, 2000), 'cut.pdf');
    const refused = await cut.vault.attachments.recognize(cut.info.id, { languages: ['eng'] }).then(
      () => new Error('recognised'),
      (e: unknown) => e as Error,
    );
    expect(refused.message).toBe(
      `Attachment ${cut.info.id} (a PDF): the PDF cannot be read (damaged, encrypted or not a PDF).`,
    );
    expect(cut.vault.attachments.get(cut.info.id).ocr).toMatchObject({ failed: 'unreadable' });
    expect(cut.vault.attachments.get(cut.info.id).ocr?.failedPage).toBeUndefined();
  }, 120_000);

  it('a page that takes too long or too much memory to read or draw: stopped', async () => {
    const bytes = fixtureBytes(scan('fra').file);
    await expectFailure(bytes, 'time-limit', { timeMs: 50 }, 1);
    await expectFailure(bytes, 'memory-limit', { memoryBytes: 1 - bytes.length }, 1);
    // The same page drawn on a canvas rather than taken as its image.
    await expectFailure(bytes, 'time-limit', { timeMs: 50, directImage: false }, 1);
    await expectFailure(
      bytes,
      'memory-limit',
      { memoryBytes: 1 - bytes.length, directImage: false },
      1,
    );
  }, 60_000);
});
