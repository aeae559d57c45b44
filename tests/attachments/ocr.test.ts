import { readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ocrLanguagesFor, parseOcrLanguages } from '../../src/shared/attachments/ocr';
import { OCR_LIMITS, recognizeImage } from '../../src/core/attachments/ocr/ocr-worker';
import { findInFolder } from '../helpers/scan';
import { useTestVaults } from '../helpers/vault';
import { collect, fromBuffer, sha256Hex } from './helpers';
import { fixtureBytes, ocrCorpus, pngBomb, pngHeaderOnly, wordRecall } from './ocr-helpers';

const vaults = useTestVaults();
const corpus = ocrCorpus();
const entry = (lang: string) => corpus.find((e) => e.lang === lang)!;
const TESTIMONY_LANG: Record<string, string> = {
  ara: 'ar',
  spa: 'es',
  fra: 'fr',
  eng: 'en',
  por: 'pt',
};

async function vaultWithImage(lang: string, bytes: Buffer, name: string) {
  const { vault, dir } = await vaults.create();
  const record = vault.addRecord({ title: 'Letter', lang: TESTIMONY_LANG[lang] ?? '' });
  const info = await vault.attachments.attachStream(record.id, fromBuffer(bytes, 65536), { name });
  return { vault, dir, record, info };
}

describe('OCR languages', () => {
  it('follow the testimony language, Arabic combined with Latin', () => {
    expect(ocrLanguagesFor('ar')).toEqual(['ara', 'eng']);
    expect(ocrLanguagesFor('pt-BR')).toEqual(['por']);
    expect(ocrLanguagesFor('')).toEqual(['eng']);
    expect(ocrLanguagesFor('sw')).toEqual(['eng']);
  });

  it('parse a per-file choice and refuse unknown ones', () => {
    expect(parseOcrLanguages('ara+fra')).toEqual(['ara', 'fra']);
    expect(parseOcrLanguages('es')).toEqual(['spa']);
    expect(parseOcrLanguages('klingon')).toBeNull();
    expect(parseOcrLanguages('ara+xx')).toBeNull();
    expect(parseOcrLanguages('')).toBeNull();
  });
});

describe('text from images (OCR)', () => {
  // The done-when of issue 14: typed Arabic, Spanish and French letters, found by a word.
  it.each([
    ['ara', 'التهديدات'],
    ['spa', 'amenazas'],
    ['fra', 'militantes'],
    ['eng', 'threats'],
    ['por', 'ameaças'],
  ])(
    'a photo of a typed %s letter is found by a word of it',
    async (lang, word) => {
      const sample = entry(lang);
      const { vault, record, info } = await vaultWithImage(
        lang,
        fixtureBytes(sample.file),
        sample.file,
      );
      expect(info.hasText).toBe(false);
      expect(vault.search.search(word).results).toEqual([]);
      const progress: number[] = [];
      const ocr = await vault.attachments.recognize(info.id, {
        onProgress: ({ fraction }) => progress.push(fraction),
      });
      expect(ocr).toMatchObject({ engine: 'tesseract.js', version: '7.0.0' });
      expect(ocr.languages).toEqual(ocrLanguagesFor(TESTIMONY_LANG[lang]!));
      expect(progress.length).toBeGreaterThan(0);
      const stored = vault.attachments.get(info.id);
      expect(stored).toMatchObject({ hasText: true, ocr: { engine: 'tesseract.js' } });
      const text = vault.attachments.text(info.id)!;
      expect(wordRecall(sample.text, text)).toBeGreaterThan(0.7);
      expect(vault.search.search(word).results.map((r) => r.id)).toEqual([record.id]);
      // The file itself is untouched.
      expect(sha256Hex(await collect(vault.attachments.readStream(info.id)))).toBe(info.sha256);
      expect(vault.attachments.pendingOcr()).toEqual([]);
    },
    60_000,
  );

  it('uses the languages chosen for the file', async () => {
    const sample = entry('fra');
    const { vault, info } = await vaultWithImage('eng', fixtureBytes(sample.file), sample.file);
    const ocr = await vault.attachments.recognize(info.id, { languages: ['fra'] });
    expect(ocr.languages).toEqual(['fra']);
    expect(vault.attachments.text(info.id)).toContain('présidente');
  }, 60_000);

  it('writes neither the image, the text nor language data to disk in the clear', async () => {
    const startedAt = Date.now();
    const sample = entry('spa');
    const image = fixtureBytes(sample.file);
    const { vault, dir, info } = await vaultWithImage('spa', image, sample.file);
    await vault.attachments.recognize(info.id);
    const text = vault.attachments.text(info.id)!;
    expect(text).toContain('anónimas');
    // A slice of the image from its middle, and recognised words, anywhere under the vault...
    const slice = image.subarray(image.length >> 1, (image.length >> 1) + 64);
    for (const needle of [slice, 'anónimas', 'coordinadora', 'traineddata'])
      expect(findInFolder(dir, needle)).toEqual([]);
    // ...or in a file created since in the temporary folder or the working directory.
    for (const folder of [tmpdir(), process.cwd()]) {
      for (const name of readdirSync(folder)) {
        expect(name).not.toMatch(/traineddata/);
        const path = join(folder, name);
        let stat;
        try {
          stat = statSync(path);
        } catch {
          continue;
        }
        if (!stat.isFile() || stat.mtimeMs < startedAt || stat.size > 64 * 1024 * 1024) continue;
        expect(readFileSync(path).indexOf(slice), path).toBe(-1);
      }
    }
  }, 60_000);
});

describe('hostile images (docs/security.md, "Hostile files")', () => {
  async function expectFailure(bytes: Buffer, reason: string, name = 'photo.png') {
    const { vault, info } = await vaultWithImage('eng', bytes, name);
    const started = Date.now();
    await expect(vault.attachments.recognize(info.id)).rejects.toMatchObject({
      code: 'OCR.FAILED',
      details: { id: info.id, reason },
    });
    const elapsed = Date.now() - started;
    // The attachment is kept, whole, and marked so that --pending moves on.
    expect(sha256Hex(await collect(vault.attachments.readStream(info.id)))).toBe(sha256Hex(bytes));
    expect(vault.attachments.get(info.id)).toMatchObject({
      hasText: false,
      ocr: { failed: reason },
    });
    expect(vault.attachments.pendingOcr()).toEqual([]);
    return elapsed;
  }

  it('a truncated JPEG: unreadable, the file kept', async () => {
    const jpeg = fixtureBytes(entry('spa').file);
    await expectFailure(jpeg.subarray(0, 5000), 'unreadable', 'cut.jpg');
  }, 60_000);

  it('a PNG declaring 50,000 x 50,000 pixels: refused before decoding, at once', async () => {
    expect(await expectFailure(pngHeaderOnly(50_000, 50_000), 'too-large')).toBeLessThan(2000);
  });

  it('a decompression bomb (8,000 x 8,000 white pixels in a small PNG): refused', async () => {
    const bomb = pngBomb(8000, 8000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectFailure(bomb, 'too-large');
  });

  it('garbage behind an image signature: unreadable', async () => {
    const png = fixtureBytes(entry('fra').file);
    const broken = Buffer.concat([png.subarray(0, 33), Buffer.alloc(4096, 0x5a)]);
    await expectFailure(broken, 'unreadable');
  }, 60_000);

  it('a file that is not an image: typed error, nothing recorded', async () => {
    const { vault, info } = await vaultWithImage('eng', Buffer.from('just text\n'), 'notes.txt');
    await expect(vault.attachments.recognize(info.id)).rejects.toMatchObject({
      code: 'OCR.FAILED',
      details: { reason: 'unsupported-type' },
    });
    expect(vault.attachments.get(info.id).ocr).toBeNull();
  });

  it('cancelling stops the engine and changes nothing', async () => {
    const sample = entry('ara');
    const { vault, info } = await vaultWithImage('ara', fixtureBytes(sample.file), sample.file);
    const controller = new AbortController();
    const run = vault.attachments.recognize(info.id, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(vault.attachments.get(info.id)).toMatchObject({ hasText: false, ocr: null });
    expect(vault.attachments.pendingOcr().map((a) => a.id)).toEqual([info.id]);
  }, 60_000);

  it('the worker stops at its time limit and at its memory cap', async () => {
    const image = fixtureBytes(entry('eng').file);
    expect(
      await recognizeImage(image, { languages: ['eng'], limits: { ...OCR_LIMITS, timeMs: 200 } }),
    ).toEqual({ failed: 'time-limit' });
    expect(
      await recognizeImage(image, {
        languages: ['eng'],
        limits: { ...OCR_LIMITS, memoryBytes: 8 * 1024 * 1024 },
      }),
    ).toEqual({ failed: 'memory-limit' });
  }, 60_000);
});
