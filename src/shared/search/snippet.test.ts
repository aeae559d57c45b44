import { describe, expect, it } from 'vitest';
import { parseQuery } from './query';
import { makeSnippet, matchesPhrases } from './snippet';

function marked(s: { text: string; highlights: [number, number][] }): string[] {
  return s.highlights.map(([a, b]) => s.text.slice(a, b));
}

describe('matchesPhrases', () => {
  it('checks consecutive words, folding case, accents and punctuation', () => {
    const text = 'Ella dijo: «La Violencia   POLÍTICA no para».';
    expect(matchesPhrases(text, ['violencia politica'])).toBe(true);
    expect(matchesPhrases(text, ['la violencia política', 'no para'])).toBe(true);
    expect(matchesPhrases(text, ['politica violencia'])).toBe(false);
    expect(matchesPhrases(text, ['violencia no'])).toBe(false);
    expect(matchesPhrases('derechos humanos', ['derecho humano'])).toBe(false); // no stemming
    expect(matchesPhrases('anything', [])).toBe(true);
  });

  it('works for Arabic variants and CJK runs', () => {
    expect(matchesPhrases('قالت إنّ المَدْرَسَةَ أُغلقت', ['المدرسه اغلقت'])).toBe(true);
    expect(matchesPhrases('人人享有人权和自由', ['人权和自由'])).toBe(true);
    expect(matchesPhrases('人人享有人权和自由', ['人权自由'])).toBe(false);
  });
});

describe('makeSnippet', () => {
  it('highlights the original accented characters of an accent-free query', () => {
    const text =
      'Al principio nadie habló. Después denunció la violencia POLÍTICA en la Nación entera.';
    const s = makeSnippet(text, parseQuery('politica nacion', { prefix: false }), { lang: 'es' });
    expect(marked(s)).toEqual(['POLÍTICA', 'Nación']);
    expect(s.text).toBe(text);
  });

  it('highlights stemmed forms and prefixes', () => {
    const text = 'Los derechos de las trabajadoras y el derecho laboral.';
    const s = makeSnippet(text, parseQuery('derecho trabaj'), { lang: 'es' });
    expect(marked(s)).toEqual(['derechos', 'trabajadoras', 'derecho']);
  });

  it('cuts a window around the matches, on word boundaries, with ellipses', () => {
    const filler = 'Lorem ipsum dolor sit amet consectetur adipiscing elit. '.repeat(20);
    const text = `${filler}The court refused the asylum claim without a hearing. ${filler}`;
    const s = makeSnippet(text, parseQuery('asylum hearing', { prefix: false }), { maxChars: 80 });
    expect(s.text.startsWith('\u2026')).toBe(true);
    expect(s.text.endsWith('\u2026')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(82);
    expect(marked(s)).toEqual(['asylum', 'hearing']);
    const inner = s.text.slice(1, -1);
    expect(text).toContain(inner);
    // No word is cut at either edge.
    const at = text.indexOf(inner);
    expect(/[\p{L}]/u.test(text[at - 1] ?? ' ') && /[\p{L}]/u.test(inner[0] ?? ' ')).toBe(false);
    expect(
      /[\p{L}]/u.test(text[at + inner.length] ?? ' ') && /[\p{L}]/u.test(inner.at(-1) ?? ' '),
    ).toBe(false);
  });

  it('handles right-to-left Arabic text with diacritics', () => {
    const text = 'قَالَتْ الشَّاهِدَةُ إِنَّ الْمَدْرَسَةَ أُغْلِقَتْ بَعْدَ الْهُجُومِ عَلَى الطَّالِبَاتِ';
    const s = makeSnippet(text, parseQuery('المدرسة الهجوم', { prefix: false }), { lang: 'ar' });
    expect(marked(s)).toEqual(['الْمَدْرَسَةَ', 'الْهُجُومِ']);
    for (const [a, b] of s.highlights) expect(a).toBeLessThan(b);
  });

  it('highlights quoted phrases as a whole and CJK words inside runs', () => {
    const s = makeSnippet(
      'They said political violence is rising.',
      parseQuery('"political violence"'),
    );
    expect(marked(s)).toEqual(['political violence']);
    const zh = makeSnippet('人人享有人权和自由。', parseQuery('人权', { prefix: false }));
    expect(marked(zh)).toEqual(['人权']);
  });

  it('handles long testimonies (a few hundred kilobytes) quickly', () => {
    const filler = 'Ella contó lo que vio en la frontera durante aquellos años. '.repeat(4000);
    const text = `${filler}La policía detuvo a la periodista.${filler}`;
    expect(text.length).toBeGreaterThan(400_000);
    const started = performance.now();
    const s = makeSnippet(text, parseQuery('periodista policia', { prefix: false }), {
      lang: 'es',
    });
    expect(matchesPhrases(text, ['detuvo a la periodista'])).toBe(true);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(marked(s)).toEqual(['policía', 'periodista']);
  });

  it('returns the beginning of the text when nothing matches', () => {
    const s = makeSnippet('Nothing relevant here at all.', parseQuery('asylum'), { maxChars: 20 });
    expect(s.highlights).toEqual([]);
    expect(s.text.startsWith('Nothing')).toBe(true);
    expect(makeSnippet('', parseQuery('x'))).toEqual({ text: '', highlights: [] });
  });
});

describe('parseQuery', () => {
  it('separates words, phrases and the prefix', () => {
    expect(parseQuery('violencia "acoso laboral" denun')).toEqual({
      terms: ['acoso', 'laboral', 'violencia'],
      phrases: ['acoso laboral'],
      prefix: 'denun',
      anyOf: [],
      prefixInGroup: false,
      excluded: [],
      excludedPhrases: [],
      raw: 'violencia "acoso laboral" denun',
    });
    expect(parseQuery('violencia denuncia ').prefix).toBeNull();
    expect(parseQuery('violencia denuncia', { prefix: false }).terms).toEqual([
      'violencia',
      'denuncia',
    ]);
    expect(parseQuery('“smart quotes” x')).toMatchObject({
      phrases: ['smart quotes'],
      prefix: 'x',
    });
    expect(parseQuery('"unclosed phr')).toMatchObject({
      phrases: [],
      terms: ['unclosed'],
      prefix: 'phr',
    });
    expect(parseQuery('"a b"')).toMatchObject({ phrases: ['a b'], prefix: null });
  });

  it('deduplicates words and bounds the input', () => {
    expect(parseQuery('Política politica POLÍTICA ', { prefix: false }).terms).toEqual([
      'Política',
    ]);
    const huge = parseQuery('a '.repeat(100_000));
    expect(huge.raw.length).toBe(1000);
    expect(huge.terms.length).toBeLessThanOrEqual(32);
    expect(parseQuery('').terms).toEqual([]);
  });
});
