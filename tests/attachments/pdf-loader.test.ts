import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PDF_LIMITS, outsideAsar, pdfToText } from '../../src/core/attachments/text/pdf-worker';
import { makePdf } from '../helpers/pdf';

/**
 * A PDF that pdf.js cannot read is stored without searchable text (`unreadable`). pdf.js itself
 * missing is not a bad file but a broken installation (the packaged app once left pdfjs-dist
 * out): that must surface as an error, never as "this PDF has no text".
 */
describe('pdfToText and the pdf.js module', () => {
  it('reads the text of a PDF', async () => {
    expect(await pdfToText(makePdf('Testimony 2023'))).toEqual({
      text: 'Testimony 2023',
      truncated: false,
      // A PDF without an information dictionary or XMP: pdf.js's own keys only.
      metadata: expect.objectContaining({ xmp: null }),
    });
  });

  it('marks a malformed PDF as unreadable', async () => {
    expect(await pdfToText(new TextEncoder().encode('%PDF-1.4 not really'))).toEqual({
      skipped: 'unreadable',
    });
  });

  it('throws when pdf.js cannot be loaded, instead of reporting no text', async () => {
    const missing = pathToFileURL('/nonexistent/pdfjs-dist/legacy/build/pdf.mjs').href;
    await expect(pdfToText(makePdf('x'), PDF_LIMITS, missing)).rejects.toThrow(/pdfjs-dist/);
  });

  it('loads pdf.js from the unpacked copy when the app runs from app.asar', () => {
    expect(
      outsideAsar('/opt/Testimony Vault/resources/app.asar/node_modules/pdfjs-dist/x/pdf.mjs'),
    ).toBe('/opt/Testimony Vault/resources/app.asar.unpacked/node_modules/pdfjs-dist/x/pdf.mjs');
    expect(outsideAsar('C:\\App\\resources\\app.asar\\node_modules\\pdf.mjs')).toBe(
      'C:\\App\\resources\\app.asar.unpacked\\node_modules\\pdf.mjs',
    );
    // From the sources (tests, npm start) nothing changes; nor does a folder merely named so.
    expect(outsideAsar('/work/node_modules/pdfjs-dist/pdf.mjs')).toBe(
      '/work/node_modules/pdfjs-dist/pdf.mjs',
    );
    expect(outsideAsar('/x/app.asarx/pdf.mjs')).toBe('/x/app.asarx/pdf.mjs');
  });
});
