import {
  PDFDocument,
  PDFName,
  type PDFRef,
  concatTransformationMatrix,
  degrees,
  drawObject,
  popGraphicsState,
  pushGraphicsState,
  rgb,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PDF_PAGE_LIMITS, readPdfPage } from '../../src/core/attachments/ocr/pdf-page-worker';
import { fixtureBytes, scanCorpus } from './ocr-helpers';

/**
 * How a PDF page becomes the image OCR reads (issue 14's memory goal): a page that only draws
 * one upright image near 300 dpi (a scanner's page) gives that image's pixels, in grey, without
 * a canvas; anything else is drawn on a canvas. No OCR here: the pixels themselves are checked.
 */
const PX = 72 / 300; // one pixel at 300 dpi, in points

function shared(bytes: Uint8Array): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

/** The PGM's size and pixels. */
function pgm(image: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const header = /^P5\n(\d+) (\d+)\n255\n/.exec(
    Buffer.from(image.subarray(0, 40)).toString('latin1'),
  )!;
  return {
    width: Number(header[1]),
    height: Number(header[2]),
    pixels: image.subarray(header[0].length),
  };
}

async function read(bytes: Uint8Array, directImage = true) {
  const result = await readPdfPage(shared(bytes), 1, {
    limits: { ...PDF_PAGE_LIMITS, directImage },
  });
  if (!('image' in result)) throw new Error(`no image: ${JSON.stringify(result)}`);
  return { via: result.via, ...pgm(result.image) };
}

interface ImageSpec {
  width: number;
  height: number;
  colorSpace: 'DeviceGray' | 'DeviceRGB';
  bits: 1 | 8;
  data: number[];
  alpha?: number[];
}

/**
 * A one-page PDF drawing one image XObject at `scale` pixels per 300 dpi pixel, with `extra`
 * drawn after it; the page is the image's box unless `page` is given.
 */
async function imagePdf(
  spec: ImageSpec,
  opts: { scale?: number; rotate?: number; extra?: boolean } = {},
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const scale = opts.scale ?? 1;
  const w = spec.width * PX * scale;
  const h = spec.height * PX * scale;
  const page = doc.addPage([w, h]);
  const dict: Record<string, string | number | PDFRef> = {
    Type: 'XObject',
    Subtype: 'Image',
    Width: spec.width,
    Height: spec.height,
    ColorSpace: spec.colorSpace,
    BitsPerComponent: spec.bits,
  };
  if (spec.alpha) {
    const mask = doc.context.stream(Uint8Array.from(spec.alpha), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: spec.width,
      Height: spec.height,
      ColorSpace: 'DeviceGray',
      BitsPerComponent: 8,
    });
    dict.SMask = doc.context.register(mask);
  }
  const image = doc.context.register(doc.context.stream(Uint8Array.from(spec.data), dict));
  page.node.setXObject(PDFName.of('Im0'), image);
  page.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(w, 0, 0, h, 0, 0),
    drawObject('Im0'),
    popGraphicsState(),
  );
  if (opts.extra)
    page.drawRectangle({ x: 0, y: 0, width: w / 4, height: h / 4, color: rgb(0, 0, 0) });
  if (opts.rotate) page.setRotation(degrees(opts.rotate));
  return doc.save();
}

// 16 x 8, one bit a pixel: left half black (0), right half white (1), rows alike.
const BILEVEL: ImageSpec = {
  width: 16,
  height: 8,
  colorSpace: 'DeviceGray',
  bits: 1,
  data: Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 0x00 : 0xff)),
};

// 4 x 1 colour: red, green, blue, white.
const COLOUR: ImageSpec = {
  width: 4,
  height: 1,
  colorSpace: 'DeviceRGB',
  bits: 8,
  data: [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255],
};

describe('a scanned page is read as its image, without drawing it', () => {
  it('a scan page: its own pixels, as drawing it at 300 dpi would give', async () => {
    const bytes = fixtureBytes(scanCorpus().find((s) => s.lang === 'spa')!.file);
    const direct = await read(bytes);
    const drawn = await read(bytes, false);
    expect(direct).toMatchObject({ via: 'image', width: 2481, height: 3509 });
    expect(drawn).toMatchObject({ via: 'render', width: 2481 });
    // The same page: the drawn one only differs by resampling (a fraction of a row).
    let diff = 0;
    const rows = Math.min(direct.height, drawn.height);
    for (let i = 0; i < rows * direct.width; i++)
      diff += Math.abs(direct.pixels[i]! - drawn.pixels[i]!);
    expect(diff / (rows * direct.width)).toBeLessThan(6);
  }, 60_000);

  it('one bit a pixel: black and white kept', async () => {
    const page = await read(await imagePdf(BILEVEL));
    expect(page).toMatchObject({ via: 'image', width: 16, height: 8 });
    for (let y = 0; y < 8; y++)
      expect([...page.pixels.subarray(y * 16, y * 16 + 16)]).toEqual([
        ...Array<number>(8).fill(0),
        ...Array<number>(8).fill(255),
      ]);
  });

  it('colour: grey by luma', async () => {
    const page = await read(await imagePdf(COLOUR));
    expect(page.via).toBe('image');
    expect([...page.pixels]).toEqual([76, 149, 28, 255]);
  });

  it('transparency: on white, as on the canvas', async () => {
    const page = await read(await imagePdf({ ...COLOUR, alpha: [0, 255, 128, 255] }));
    expect(page.via).toBe('image');
    expect([...page.pixels]).toEqual([255, 149, Math.round((28 * 128 + 255 * 127) / 255), 255]);
  });

  it.each([
    ['with something else drawn on it', { extra: true }],
    ['turned by the page rotation', { rotate: 90 }],
    ['at a third of 300 dpi (drawn larger)', { scale: 3 }],
    ['at twice 300 dpi (drawn smaller)', { scale: 0.5 }],
  ])('a page %s is drawn on a canvas', async (_name, opts) => {
    const page = await read(await imagePdf(BILEVEL, opts));
    expect(page.via).toBe('render');
  });
});
