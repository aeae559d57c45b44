import { describe, expect, it } from 'vitest';
import { pdfToText } from '../../src/core/attachments/text/pdf';
import { makePdf } from '../helpers/pdf';

/**
 * A PDF that pdf.js cannot read is stored without searchable text (null). pdf.js itself missing
 * is not a bad file but a broken installation (the packaged app once left pdfjs-dist out): that
 * must surface as an error, never as "this PDF has no text".
 */
describe('pdfToText and the pdf.js module', () => {
  it('reads the text of a PDF', async () => {
    expect(await pdfToText(makePdf('Testimony 2023'), 1000)).toContain('Testimony 2023');
  });

  it('gives null for a malformed PDF', async () => {
    expect(await pdfToText(new TextEncoder().encode('%PDF-1.4 not really'), 1000)).toBeNull();
  });

  it('throws when pdf.js cannot be loaded, instead of reporting no text', async () => {
    const missing = Object.assign(new Error("Cannot find package 'pdfjs-dist'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await expect(pdfToText(makePdf('x'), 1000, () => Promise.reject(missing))).rejects.toThrow(
      /pdfjs-dist/,
    );
  });
});
