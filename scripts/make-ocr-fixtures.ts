// Generates tests/fixtures/ocr: typed letters in each OCR language, rendered by Chromium with
// the fonts the app bundles (@fontsource/noto-sans*), turned by a slight angle and sprinkled
// with seeded noise, as PNG, JPEG, WebP and TIFF. The words each image holds go to
// tests/fixtures/ocr/corpus.json, which the tests and bench/ocr.ts score recognition against.
//
// Then scanned PDFs (scan-ara.pdf, scan-spa.pdf, scan-fra.pdf): two A4 pages each, rendered at
// 300 dpi, noisy and turned like the photos, stored as greyscale JPEG images filling the page,
// with no text layer at all, as a scanner makes them. Their words go to scans.json.
//
//   node --import tsx scripts/make-ocr-fixtures.ts            # both
//   node --import tsx scripts/make-ocr-fixtures.ts --scans    # the scanned PDFs only
//
// The noise is seeded, so regenerating gives the same pixels for the same Chromium.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';

const OUT = join(import.meta.dirname, '..', 'tests', 'fixtures', 'ocr');
const require = createRequire(import.meta.url);

interface Sample {
  name: string;
  /** Tesseract language(s) the image is recognised with. */
  lang: string;
  dir: 'ltr' | 'rtl';
  font: string;
  sizePx: number;
  angleDeg: number;
  format: 'png' | 'jpeg' | 'webp' | 'tiff';
  text: string;
}

const LETTERS = {
  ara: 'إلى السيدة رئيسة الجمعية، نكتب إليكم بخصوص التهديدات التي تلقتها المدافعات عن حقوق النساء في المدينة. وصلت رسائل مجهولة إلى المكتب يوم الثلاثاء. نطلب منكم توثيق هذه الشهادة وحفظها.',
  spa: 'Estimada coordinadora: le escribimos para informar sobre las amenazas recibidas por las defensoras del barrio. El martes llegaron cartas anónimas a la oficina. Solicitamos documentar este testimonio con cuidado.',
  fra: "Madame la présidente, nous vous écrivons au sujet des menaces reçues par les militantes de l'association. Mardi, des lettres anonymes sont arrivées au local. Nous demandons que ce témoignage soit conservé.",
  eng: 'Dear coordinator, we are writing about the threats received by the activists of the shelter. On Tuesday anonymous letters arrived at the office. We ask that this testimony be documented and kept safe.',
  por: 'Prezada coordenadora, escrevemos sobre as ameaças recebidas pelas defensoras do bairro. Na terça-feira chegaram cartas anônimas ao escritório. Pedimos que este depoimento seja documentado com cuidado.',
  hin: 'प्रिय समन्वयक, हम मोहल्ले की कार्यकर्ताओं को मिली धमकियों के बारे में लिख रहे हैं। मंगलवार को दफ्तर में गुमनाम पत्र आए। हम अनुरोध करते हैं कि इस गवाही को सुरक्षित रखा जाए।',
};

const FONTS = {
  latin: ['@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2', 'NotoLatin'],
  latinExt: ['@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2', 'NotoLatin'],
  arabic: [
    '@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-400-normal.woff2',
    'NotoArabic',
  ],
  devanagari: [
    '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-400-normal.woff2',
    'NotoDevanagari',
  ],
} as const;

const SAMPLES: Sample[] = [
  {
    name: 'letter-ara',
    lang: 'ara',
    dir: 'rtl',
    font: 'NotoArabic',
    sizePx: 30,
    angleDeg: 1.2,
    format: 'jpeg',
    text: LETTERS.ara,
  },
  {
    name: 'letter-spa',
    lang: 'spa',
    dir: 'ltr',
    font: 'NotoLatin',
    sizePx: 26,
    angleDeg: -1,
    format: 'jpeg',
    text: LETTERS.spa,
  },
  {
    name: 'letter-fra',
    lang: 'fra',
    dir: 'ltr',
    font: 'NotoLatin',
    sizePx: 24,
    angleDeg: 0.8,
    format: 'png',
    text: LETTERS.fra,
  },
  {
    name: 'letter-eng',
    lang: 'eng',
    dir: 'ltr',
    font: 'NotoLatin',
    sizePx: 20,
    angleDeg: -0.6,
    format: 'webp',
    text: LETTERS.eng,
  },
  {
    name: 'letter-por',
    lang: 'por',
    dir: 'ltr',
    font: 'NotoLatin',
    sizePx: 28,
    angleDeg: 1.5,
    format: 'tiff',
    text: LETTERS.por,
  },
  {
    name: 'letter-hin',
    lang: 'hin',
    dir: 'ltr',
    font: 'NotoDevanagari',
    sizePx: 30,
    angleDeg: -0.8,
    format: 'png',
    text: LETTERS.hin,
  },
];

/** Seeded salt-and-pepper noise and a slightly grey paper, drawn in a canvas in the page. */
const NOISE_SOURCE = `async ({ png, seed, format, noise = 30, quality = 0.85, specks = 0.004 }) => {
        const img = new Image();
        img.src = \`data:image/png;base64,\${png}\`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height);
        let state = seed >>> 0;
        const random = () => {
          state = (state * 1664525 + 1013904223) >>> 0;
          return state / 2 ** 32;
        };
        const grey = new Uint8Array(canvas.width * canvas.height);
        for (let i = 0; i < grey.length; i++) {
          const base = pixels.data[i * 4] * 0.3 + pixels.data[i * 4 + 1] * 0.59 + pixels.data[i * 4 + 2] * 0.11;
          const r = random();
          let v = base * 0.92 + 12 + (random() - 0.5) * noise;
          if (r < specks) v = 30;
          else if (r > 1 - specks) v = 255;
          v = Math.max(0, Math.min(255, Math.round(v)));
          grey[i] = v;
          pixels.data[i * 4] = pixels.data[i * 4 + 1] = pixels.data[i * 4 + 2] = v;
        }
        ctx.putImageData(pixels, 0, 0);
        const mime = format === 'tiff' ? 'image/png' : \`image/\${format}\`;
        const url = canvas.toDataURL(mime, quality);
        return {
          data: url.slice(url.indexOf(',') + 1),
          width: canvas.width,
          height: canvas.height,
          grey: format === 'tiff' ? Array.from(grey) : [],
        };
      }`;

function fontFace([path, family]: readonly [string, string]): string {
  const data = readFileSync(require.resolve(path)).toString('base64');
  return `@font-face{font-family:${family};src:url(data:font/woff2;base64,${data}) format('woff2');}`;
}

/** Baseline TIFF 6.0, uncompressed 8-bit greyscale: the one format no browser encodes. */
function tiffGrey(width: number, height: number, grey: Uint8Array): Buffer {
  const entries: [number, number, number, number][] = [
    [256, 4, 1, width], // ImageWidth
    [257, 4, 1, height], // ImageLength
    [258, 3, 1, 8], // BitsPerSample
    [259, 3, 1, 1], // Compression: none
    [262, 3, 1, 1], // PhotometricInterpretation: BlackIsZero
    [273, 4, 1, 0], // StripOffsets (patched below)
    [277, 3, 1, 1], // SamplesPerPixel
    [278, 4, 1, height], // RowsPerStrip
    [279, 4, 1, width * height], // StripByteCounts
  ];
  const ifdSize = 2 + entries.length * 12 + 4;
  const dataOffset = 8 + ifdSize;
  entries[5]![3] = dataOffset;
  const out = Buffer.alloc(dataOffset + grey.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(count, at + 4);
    if (type === 3) out.writeUInt16LE(value, at + 8);
    else out.writeUInt32LE(value, at + 8);
  });
  out.writeUInt32LE(0, 10 + entries.length * 12);
  Buffer.from(grey).copy(out, dataOffset);
  return out;
}

/** The second page of each scan: a different paragraph, so that both pages are checked. */
const SECOND_PAGES = {
  ara: 'نرفق بهذه الرسالة نسخة من الشكوى المقدمة إلى الشرطة. نرجو إبلاغنا بأي معلومات جديدة حول هذه القضية في أقرب وقت.',
  spa: 'Adjuntamos a esta carta una copia de la denuncia presentada ante la policía. Les rogamos que nos informen de cualquier novedad sobre este caso.',
  fra: 'Nous joignons à cette lettre une copie de la plainte déposée auprès de la police. Merci de nous informer de toute nouvelle information sur cette affaire.',
};

/** A4 at 300 dpi: 794 x 1123 CSS pixels at a device scale of 300/96. */
const A4_CSS = { width: 794, height: 1123 };
const SCAN_SCALE = 300 / 96;
const A4_POINTS: [number, number] = [595.28, 841.89];

const SCANS = (['ara', 'spa', 'fra'] as const).map((lang) => {
  const sample = SAMPLES.find((s) => s.lang === lang)!;
  return { lang, dir: sample.dir, font: sample.font, pages: [LETTERS[lang], SECOND_PAGES[lang]] };
});

mkdirSync(OUT, { recursive: true });
const scansOnly = process.argv.includes('--scans');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const css = Object.values(FONTS).map(fontFace).join('\n');
const corpus: { file: string; lang: string; sizePx: number; angleDeg: number; text: string }[] = [];
const scans: { file: string; lang: string; pages: string[] }[] = [];
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  for (const [index, sample] of scansOnly ? [] : SAMPLES.entries()) {
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><style>${css}
      body{margin:0;background:#fff}
      #letter{width:820px;padding:40px;font:${sample.sizePx}px/1.6 ${sample.font};color:#111;
        direction:${sample.dir};transform:rotate(${sample.angleDeg}deg);transform-origin:center}
      </style></head><body><div id="wrap" style="display:inline-block;padding:20px">
      <div id="letter" lang="${sample.lang}">${sample.text}</div></div></body></html>`,
    );
    await page.evaluate(() => document.fonts.ready);
    const shot = await page.locator('#wrap').screenshot({ type: 'png' });
    const args = { png: shot.toString('base64'), seed: 1000 + index, format: sample.format };
    // A string, not a function: tsx's helpers would not exist inside the page.
    const encoded = (await page.evaluate(`(${NOISE_SOURCE})(${JSON.stringify(args)})`)) as {
      data: string;
      width: number;
      height: number;
      grey: number[];
    };
    const ext = sample.format === 'jpeg' ? 'jpg' : sample.format === 'tiff' ? 'tif' : sample.format;
    const file = `${sample.name}.${ext}`;
    const bytes =
      sample.format === 'tiff'
        ? tiffGrey(encoded.width, encoded.height, Uint8Array.from(encoded.grey))
        : Buffer.from(encoded.data, 'base64');
    writeFileSync(join(OUT, file), bytes);
    corpus.push({
      file,
      lang: sample.lang,
      sizePx: sample.sizePx,
      angleDeg: sample.angleDeg,
      text: sample.text,
    });
    console.log(`${file}: ${encoded.width}x${encoded.height}, ${bytes.length} bytes`);
  }
  const scanner = await browser.newPage({
    viewport: A4_CSS,
    deviceScaleFactor: SCAN_SCALE,
  });
  for (const [index, scan] of SCANS.entries()) {
    const pdf = await PDFDocument.create();
    for (const [n, text] of scan.pages.entries()) {
      const angle = n === 0 ? 0.7 : -0.5;
      await scanner.setContent(
        `<!doctype html><html><head><meta charset="utf-8"><style>${css}
        html,body{margin:0;background:#fff;width:${A4_CSS.width}px;height:${A4_CSS.height}px;overflow:hidden}
        #letter{margin:96px 76px;font:16px/1.7 ${scan.font};color:#111;direction:${scan.dir};
          transform:rotate(${angle}deg);transform-origin:top center}
        </style></head><body><div id="letter" lang="${scan.lang}">${text}</div></body></html>`,
      );
      await scanner.evaluate(() => document.fonts.ready);
      const shot = await scanner.screenshot({ type: 'png' });
      // Milder grain than the photos and a low JPEG quality, as scanners save: ~0.2 MB a page.
      const args = {
        png: shot.toString('base64'),
        seed: 2000 + index * 10 + n,
        format: 'jpeg',
        noise: 6,
        quality: 0.5,
        specks: 0.0004,
      };
      const encoded = (await scanner.evaluate(`(${NOISE_SOURCE})(${JSON.stringify(args)})`)) as {
        data: string;
      };
      const image = await pdf.embedJpg(Buffer.from(encoded.data, 'base64'));
      const pdfPage = pdf.addPage(A4_POINTS);
      pdfPage.drawImage(image, { x: 0, y: 0, width: A4_POINTS[0], height: A4_POINTS[1] });
    }
    // No producer, creator or dates: the fixture says nothing about where it was made.
    const bytes = await pdf.save({ useObjectStreams: false });
    const file = `scan-${scan.lang}.pdf`;
    writeFileSync(join(OUT, file), bytes);
    scans.push({ file, lang: scan.lang, pages: scan.pages });
    console.log(`${file}: ${scan.pages.length} pages, ${bytes.length} bytes`);
  }
} finally {
  await browser.close();
}
if (!scansOnly) writeFileSync(join(OUT, 'corpus.json'), `${JSON.stringify(corpus, null, 2)}\n`);
writeFileSync(join(OUT, 'scans.json'), `${JSON.stringify(scans, null, 2)}\n`);
