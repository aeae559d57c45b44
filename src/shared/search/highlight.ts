/**
 * Which words of a text a query matched, decided as the engine decided it: the query's words
 * are expanded into their index forms in every stemmed language (the engine expands them for
 * every language of the index, a subset), and each word of the text is analysed in the
 * language its document was indexed in. A word is highlighted when one of its index terms is
 * one of the query's forms, when its folded spelling is a query word's, or when it (or one of
 * its terms) starts with the word being typed. So "mujer" lights up "mujeres" even though
 * Spanish Snowball stems them apart ("muj", "mujer"): English leaves "mujer" as it is, the
 * engine found the document through that form, and so does the highlighter.
 */
import { STEMMED_LANGUAGES, analyzeWord, baseLanguage } from './languages';
import { highlightWords } from './query';
import { foldWord, forEachToken } from './text';
import type { ParsedQuery } from './types';

/** Every language a query word may have been expanded in ('' is no stemming). */
const QUERY_LANGUAGES: readonly string[] = ['', ...STEMMED_LANGUAGES];

export interface TokenMatcher {
  /** The key (one per query word) a token of the text matches, or -1. */
  match(raw: string): number;
  /** How many keys the query's words use: callers number their own matches (phrases) on. */
  readonly keys: number;
}

export function tokenMatcher(query: ParsedQuery, docLang?: string): TokenMatcher {
  // A document is indexed in one language; without one, any stemmer may have applied.
  const docLangs = docLang ? [baseLanguage(docLang)] : QUERY_LANGUAGES;
  const surfaceKey = new Map<string, number>();
  const formKey = new Map<string, number>();
  let keys = 0;
  const addWord = (raw: string): number => {
    const key = keys++;
    const form = foldWord(raw);
    // A stop word of the document's language was not indexed: it cannot have matched.
    if (!form || docLangs.every((l) => analyzeWord(raw, l).stop)) return key;
    if (!surfaceKey.has(form)) surfaceKey.set(form, key);
    for (const l of QUERY_LANGUAGES) {
      for (const t of analyzeWord(raw, l).terms) if (!formKey.has(t)) formKey.set(t, key);
    }
    return key;
  };
  for (const word of highlightWords(query)) forEachToken(word, (raw) => void addWord(raw));

  let prefix: { folded: string; key: number } | null = null;
  if (query.prefix) {
    const tokens: string[] = [];
    forEachToken(query.prefix, (raw) => void tokens.push(raw));
    const last = tokens.pop();
    for (const raw of tokens) addWord(raw);
    if (last !== undefined) {
      const key = addWord(last);
      const folded = foldWord(last);
      if (folded) prefix = { folded, key };
    }
  }

  const match = (raw: string): number => {
    const analyses = docLangs.map((l) => analyzeWord(raw, l));
    const surface = analyses[0]?.surface ?? '';
    if (!surface || analyses.every((a) => a.stop)) return -1;
    const key = surfaceKey.get(surface);
    if (key !== undefined) return key;
    for (const a of analyses) {
      if (a.stop) continue;
      for (const t of a.terms) {
        const k = formKey.get(t);
        if (k !== undefined) return k;
      }
    }
    if (prefix) {
      if (surface.startsWith(prefix.folded)) return prefix.key;
      for (const a of analyses) {
        if (!a.stop && a.terms.some((t) => t.startsWith(prefix.folded))) return prefix.key;
      }
    }
    return -1;
  };
  return { match, keys };
}
