/**
 * Snippets and phrase checks read long texts in chunks and stop early (src/shared/search/
 * spans.ts); they must give exactly what reading the whole text gave (snippet-reference.ts):
 * same window, same highlights, same answers, on texts of many chunks in several scripts,
 * with words, phrases and prefixes, with few and with thousands of matches.
 */
import { describe, expect, it } from 'vitest';
import { makeSnippet, matchesPhrases, parseQuery } from '../../src/shared/search';
import { rng } from '../../bench/corpus';
import { SCRIPT_SAMPLES } from '../helpers/scripts';
import { referenceMakeSnippet, referenceMatchesPhrases } from './snippet-reference';

const WORDS = [
  ...'derechos humanos violencia política nación la de el en defensora tribunal'.split(' '),
  ...'الحقوق الإنسان المدرسة أغلقت'.split(' '),
  ...'人人享有人权和自由'.split(''),
  'คำให้การเรื่องการล่วงละเมิด',
  'गवाही',
  '𠀀𠀁',
  '🏳️‍🌈',
];

function text(seed: number, words: number): string {
  const random = rng(seed);
  const parts: string[] = [];
  const samples = Object.values(SCRIPT_SAMPLES);
  for (let i = 0; i < words; i++) {
    const r = random();
    if (r < 0.02) parts.push(samples[Math.floor(random() * samples.length)] as string);
    else parts.push(WORDS[Math.floor(random() * WORDS.length)] as string);
    const sep = random();
    parts.push(sep < 0.7 ? ' ' : sep < 0.8 ? ', ' : sep < 0.9 ? '\n' : '');
  }
  return parts.join('');
}

const QUERIES = [
  'derechos',
  'nacion violen',
  '"violencia política" derechos',
  '"la de" tribunal',
  'الانسان المدرسه',
  '人权 自由',
  'defens',
  'गवाही "human rights"',
  'ausente',
];

describe('chunked snippets and phrase checks agree with whole-text ones', () => {
  for (const [seed, words] of [
    [1, 300],
    [2, 5_000],
    [3, 40_000],
  ] as const) {
    it(`on ${words} words (seed ${seed})`, () => {
      const source = text(seed, words);
      for (const q of QUERIES) {
        const query = parseQuery(q);
        for (const opts of [{}, { lang: 'es' }, { maxChars: 60, lang: 'ar' }]) {
          expect(makeSnippet(source, query, opts), `${q} ${JSON.stringify(opts)}`).toEqual(
            referenceMakeSnippet(source, query, opts),
          );
        }
        expect(matchesPhrases(source, query.phrases), q).toBe(
          referenceMatchesPhrases(source, query.phrases),
        );
      }
    });
  }

  it('on a text without any separator (one word of 20,000 characters)', () => {
    const source = 'a'.repeat(20_000) + ' derechos ' + '人'.repeat(9_000);
    for (const q of ['derechos', '人人', '"derechos 人人"']) {
      const query = parseQuery(q);
      expect(makeSnippet(source, query)).toEqual(referenceMakeSnippet(source, query));
      expect(matchesPhrases(source, query.phrases)).toBe(
        referenceMatchesPhrases(source, query.phrases),
      );
    }
  });
});
