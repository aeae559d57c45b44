import { describe, expect, it } from 'vitest';
import { SearchEngine } from './engine';
import { parseQuery } from './query';
import { makeSnippet, passesTextCheck } from './snippet';
import { testDoc } from './test-doc';
import type { SearchDoc } from './types';

function marked(s: { text: string; highlights: [number, number][] }): string[] {
  return s.highlights.map(([a, b]) => s.text.slice(a, b));
}

function engineOf(docs: SearchDoc[]): SearchEngine {
  const engine = SearchEngine.create();
  engine.upsertMany(docs);
  return engine;
}

const ids = (engine: SearchEngine, query: string): string[] =>
  engine
    .search(query)
    .hits.map((h) => h.id)
    .sort();

describe('parseQuery: OR and minus', () => {
  it('groups words joined by OR, keeps the rest required', () => {
    expect(parseQuery('amenazas OR menaces OR تهديد violencia ')).toMatchObject({
      terms: ['violencia'],
      anyOf: [['amenazas', 'menaces', 'تهديد']],
      prefix: null,
    });
    // Lower-case "or" is a word; a stray OR at an end is dropped.
    expect(parseQuery('this or that ', { prefix: false }).terms).toEqual(['this', 'or', 'that']);
    expect(parseQuery('OR amenazas OR ')).toMatchObject({ terms: ['amenazas'], anyOf: [] });
    // Duplicates collapse: "a OR A" is just "a".
    expect(parseQuery('Acoso OR acoso ')).toMatchObject({ terms: ['Acoso'], anyOf: [] });
  });

  it('puts the word being typed into its OR group', () => {
    expect(parseQuery('fábrica OR acos')).toMatchObject({
      anyOf: [['fábrica']],
      prefix: 'acos',
      prefixInGroup: true,
      terms: [],
    });
  });

  it('reads -word and -"phrase" as exclusions, never as prefixes', () => {
    expect(parseQuery('acoso -calle -"en la plaza" -anti-derechos')).toMatchObject({
      terms: ['acoso'],
      excluded: ['calle'],
      excludedPhrases: ['en la plaza', 'anti-derechos'],
      prefix: null,
    });
    // A hyphen inside a word is not a minus; a lone minus is nothing.
    expect(parseQuery('anti-derechos - ')).toMatchObject({
      terms: ['anti', 'derechos'],
      excluded: [],
    });
    expect(parseQuery('acoso −calle').excluded).toEqual(['calle']); // U+2212 minus sign
  });
});

describe('search: OR and exclusions', () => {
  const docs = [
    testDoc('es', { lang: 'es', body: 'Recibió amenazas en la fábrica.' }),
    testDoc('fr', { lang: 'fr', body: 'Elle a reçu des menaces au travail.' }),
    testDoc('ar', { lang: 'ar', body: 'تلقت تهديدات في المصنع.' }),
    testDoc('both', { lang: 'es', body: 'Amenazas y acoso en la calle.' }),
  ];
  const engine = engineOf(docs);

  it('finds any of the alternatives, in any language and form', () => {
    expect(ids(engine, 'amenaza OR menace OR تهديد ')).toEqual(['ar', 'both', 'es', 'fr']);
    expect(ids(engine, 'amenazas OR menac')).toEqual(['both', 'es', 'fr']); // prefix in the group
    expect(ids(engine, 'fábrica amenazas OR acoso ')).toEqual(['es']);
  });

  it('leaves out documents with an excluded word, stems included', () => {
    expect(ids(engine, 'amenazas -acoso ')).toEqual(['es']);
    expect(ids(engine, 'amenaza -acosos')).toEqual(['es']); // "acosos" stems like "acoso"
    expect(ids(engine, 'amenazas OR menaces -travail ')).toEqual(['both', 'es']);
    expect(ids(engine, '-acoso')).toEqual([]);
    expect(engine.search('amenazas -acoso ').total).toBe(1);
  });

  it('checks excluded phrases on the text', () => {
    const q = parseQuery('amenazas -"en la calle"');
    expect(passesTextCheck(docs[0]!.body, q)).toBe(true);
    expect(passesTextCheck(docs[3]!.body, q)).toBe(false);
    expect(passesTextCheck(docs[3]!.body, parseQuery('"y acoso" -"en la plaza"'))).toBe(true);
  });
});

describe('highlighting follows what the engine matched', () => {
  it('highlights stemmed and normalised forms (Spanish and Arabic)', () => {
    const es = 'Las mujeres del barrio denunciaron amenazas.';
    // Snowball stems "mujer" to "muj" and "mujeres" to "mujer": the engine met them through the
    // unstemmed form, and so must the highlighter.
    for (const q of ['mujer', 'mujer ']) {
      expect(marked(makeSnippet(es, parseQuery(q), { lang: 'es' }))).toEqual(['mujeres']);
    }
    const ar = 'تلقت العاملات في المصنع تهديدات متكررة بعد التهديد الأول.';
    expect(marked(makeSnippet(ar, parseQuery('مصنع'), { lang: 'ar' }))).toEqual(['المصنع']);
    expect(marked(makeSnippet(ar, parseQuery('التهديد '), { lang: 'ar' }))).toEqual([
      'تهديدات',
      'التهديد',
    ]);
  });

  it('highlights every alternative of OR, not the excluded words, and whole phrases', () => {
    const text = 'Amenazas en la fábrica, acoso en la calle.';
    const s = makeSnippet(text, parseQuery('fabrica OR calle -acoso "la calle"'), { lang: 'es' });
    expect(marked(s)).toEqual(['fábrica', 'la calle']);
  });

  it('highlights every hit the engine returns for the issue examples', () => {
    const docs = [
      testDoc('ar', { lang: 'ar', body: 'تلقت العاملات في المصنع تهديدات بعد التهديد الأول.' }),
      testDoc('es', { lang: 'es', body: 'Las mujeres denunciaron la violencia política.' }),
      testDoc('hi', { lang: 'hi', body: 'यह क़ानून ज़रूरी है' }),
      testDoc('fa', { lang: 'fa', body: 'کتاب‌های یک نویسندهٔ ایرانی' }),
    ];
    const engine = engineOf(docs);
    for (const q of ['مصنع', 'التهديد', 'mujer', 'politica', 'कानून', 'जरूरी', 'كتاب', 'يك']) {
      const result = engine.search(q);
      expect(result.hits.length, q).toBe(1);
      const doc = docs.find((d) => d.id === result.hits[0]!.id)!;
      const s = makeSnippet(doc.body, result.query, { lang: doc.lang });
      expect(s.highlights.length, q).toBeGreaterThan(0);
    }
  });
});

describe('folding what keyboards make hard to type, both ways', () => {
  const pairs: [string, string, string][] = [
    // [language, as written in the text, as typed]
    ['hi', 'क़ानून', 'कानून'], // nukta (precomposed U+0958)
    ['hi', 'क़ानून', 'कानून'], // nukta as a combining mark
    ['hi', 'ज़रूरी', 'जरूरी'],
    ['bn', 'ড়াক', 'ডাক'], // Bengali nukta (U+09DC decomposes to U+09A1 U+09BC)
    ['ar', 'مسؤول', 'مسوول'], // hamza on waw
    ['ar', 'أمل', 'امل'], // hamza on alef
    ['ar', 'إسلام', 'اسلام'],
    ['ar', 'آمنة', 'امنه'], // madda, teh marbuta
    ['ar', 'ٱلحق', 'الحق'], // alef wasla
    ['ar', 'بريئة', 'بريىه'], // hamza on yeh
    ['ar', 'جميـــلة', 'جميلة'], // tatweel
    ['fa', 'کتاب', 'كتاب'], // keheh / kaf
    ['fa', 'ایران', 'ايران'], // farsi yeh / yeh
    ['ar', 'مستشفى', 'مستشفي'], // alef maksura
    ['ur', 'ہم', 'هم'], // heh goal
    ['fa', 'خانهٔ', 'خانه'], // heh with hamza above
    ['fa', 'خانۀ', 'خانه'], // U+06C0
  ];
  for (const [lang, written, typed] of pairs) {
    it(`${typed} finds and highlights ${written}, and the reverse`, () => {
      for (const [inText, inQuery] of [
        [written, typed],
        [typed, written],
      ] as const) {
        const body = `البداية ${inText} النهاية`;
        const engine = engineOf([testDoc('x', { lang, body }), testDoc('y', { lang, body: 'z' })]);
        const result = engine.search(`${inQuery} `);
        expect(result.hits.map((h) => h.id)).toEqual(['x']);
        expect(marked(makeSnippet(body, result.query, { lang }))).toEqual([inText]);
      }
    });
  }
});
