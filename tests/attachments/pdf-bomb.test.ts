import { describe, expect, it } from 'vitest';
import { PDF_LIMITS, pdfToText } from '../../src/core/attachments/text/pdf-worker';
import { makePdf, makePdfBomb } from '../helpers/pdf';
import { useTestVaults } from '../helpers/vault';
import { collect, fromBuffer, sha256Hex } from './helpers';

const vaults = useTestVaults();
const MiB = 1024 * 1024;

describe('a PDF bomb (docs/security.md, "Hostile files")', () => {
  it('is stored whole; its text is marked as not extracted, with the reason', async () => {
    const { vault } = await vaults.create();
    const recordId = vault.addRecord({ title: 'r' }).id;
    // About 1 MB on disk, 512 MiB of drawing operators once inflated.
    const bomb = await makePdfBomb(512 * MiB);
    const info = await vault.attachments.attachStream(recordId, fromBuffer(bomb, MiB), {
      name: 'scan.pdf',
    });
    expect(info).toMatchObject({ mime: 'application/pdf', size: bomb.length, hasText: false });
    expect(['memory-limit', 'time-limit']).toContain(info.textSkipped);
    expect(vault.attachments.get(info.id).textSkipped).toBe(info.textSkipped);
    expect(sha256Hex(await collect(vault.attachments.readStream(info.id)))).toBe(sha256Hex(bomb));
  }, 60_000);

  it('the worker stops at its time limit', async () => {
    const bomb = await makePdfBomb(64 * MiB);
    const result = await pdfToText(bomb, { ...PDF_LIMITS, timeMs: 300, memoryBytes: 4096 * MiB });
    expect(result).toEqual({ skipped: 'time-limit' });
  }, 30_000);

  it('stops reading at the character budget and keeps what it read', async () => {
    const result = await pdfToText(makePdf('a long line of testimony'), {
      ...PDF_LIMITS,
      maxChars: 6,
    });
    expect(result).toEqual({
      text: 'a long',
      truncated: true,
      metadata: expect.objectContaining({ xmp: null }),
    });
  });

  it('an ordinary PDF still gives its text', async () => {
    expect(await pdfToText(makePdf('Testimony about the raid'))).toEqual({
      text: 'Testimony about the raid',
      truncated: false,
      metadata: expect.objectContaining({ xmp: null }),
    });
  });
});
