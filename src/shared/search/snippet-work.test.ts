/**
 * Issue 11 (point 10): display-time work on one long record must not grow with its length
 * times the number of languages. A 15 MB transcript without a language made `tvault search`
 * analyse every word of the text once per stemmed language (and hold every token as an
 * object): 46 s and 1.4 GB. These tests count the word analyses that snippets and phrase
 * checks ask for, through a wrapper around the real analyser (no timing involved).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as languages from './languages';
import { parseQuery } from './query';
import { makeSnippet, matchesPhrases } from './snippet';

const calls = vi.hoisted(() => ({ count: 0 }));

vi.mock('./languages', async (importOriginal) => {
  const original = await importOriginal<typeof languages>();
  return {
    ...original,
    analyzeWord: (raw: string, lang: string) => {
      calls.count += 1;
      return original.analyzeWord(raw, lang);
    },
  };
});

/** `count` distinct invented words (each one analysed for the first time in this process). */
function distinctWords(count: number, stem: string): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${stem}${i.toString(36)}`);
  return out.join(' ');
}

beforeEach(() => {
  calls.count = 0;
});

describe('snippets and phrase checks on a long record', () => {
  it('analyse each distinct word once per language, not each occurrence', () => {
    // 200,000 occurrences of two words, no language given: every stemmed language is tried.
    const text = 'palabra ajena '.repeat(100_000);
    const query = parseQuery('inexistente', { prefix: false });
    const snippet = makeSnippet(text, query);
    expect(snippet.highlights).toEqual([]);
    const perWord = languages.STEMMED_LANGUAGES.length + 2;
    // Before the fix: 200,000 tokens x (1 + 17 languages) = 3.6 million analyses.
    expect(calls.count).toBeLessThan(20 * perWord);
  });

  it('stop reading once later text can no longer change the snippet', () => {
    // 3,000 matches at the start, then 60,000 distinct words that cannot be in the snippet.
    const head = 'derechos humanos '.repeat(3_000);
    const text = head + distinctWords(60_000, 'zq');
    const snippet = makeSnippet(text, parseQuery('derechos', { prefix: false }), { lang: 'es' });
    expect(snippet.highlights.length).toBeGreaterThan(0);
    expect(snippet.text.startsWith('derechos')).toBe(true);
    // Before the fix every one of the 60,000 words was analysed (twice: index and language).
    expect(calls.count).toBeLessThan(1_000);
  });

  it('phrase checks stop at the first occurrence and keep no array of the text', () => {
    const text = `La violencia política empezó. ${distinctWords(60_000, 'qz')}`;
    expect(matchesPhrases(text, ['violencia politica'])).toBe(true);
    expect(calls.count).toBeLessThan(1_000);
    calls.count = 0;
    // A phrase that is not there is looked for in the whole text, once per token.
    expect(matchesPhrases(text, ['politica violencia'])).toBe(false);
    expect(calls.count).toBeLessThan(70_000);
  });
});
