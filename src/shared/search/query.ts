/** Query syntax: words, "quoted phrases", and a prefix on the last word while typing. */
import { foldWord, words } from './text';
import type { ParsedQuery } from './types';

/** Longer queries are cut here (a pasted page is not a query; this bounds the work). */
export const MAX_QUERY_CHARS = 1000;
export const MAX_TERMS = 32;
export const MAX_PHRASES = 8;

const QUOTES_RE = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u300C\u300D\u300E\u300F\uFF02]/g;

export interface ParseOptions {
  /** Treat the last word as a prefix when the query does not end with a space (default true). */
  prefix?: boolean;
}

export function parseQuery(raw: string, opts: ParseOptions = {}): ParsedQuery {
  const input = typeof raw === 'string' ? raw : '';
  const text = (input.length > MAX_QUERY_CHARS ? input.slice(0, MAX_QUERY_CHARS) : input).replace(
    QUOTES_RE,
    '"',
  );
  const phrases: string[] = [];
  const seen = new Set<string>();
  const terms: string[] = [];
  const addTerm = (word: string): void => {
    const key = foldWord(word);
    if (!key || seen.has(key) || terms.length >= MAX_TERMS) return;
    seen.add(key);
    terms.push(word);
  };

  // Closed quotes make phrases; a lone quote (still being typed) is ignored.
  let rest = '';
  let last = 0;
  const re = /"([^"]*)"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    rest += text.slice(last, m.index) + ' ';
    last = m.index + m[0].length;
    const phrase = (m[1] ?? '').trim().replace(/\s+/g, ' ');
    if (words(phrase).length > 0 && phrases.length < MAX_PHRASES && !phrases.includes(phrase)) {
      phrases.push(phrase);
    }
  }
  const tail = text.slice(last);
  rest += tail.replace(/"/g, ' ');

  for (const p of phrases) for (const w of words(p)) addTerm(w.text);

  const plain = words(rest);
  let prefix: string | null = null;
  const lastWord = plain[plain.length - 1];
  if (opts.prefix !== false && lastWord && lastWord.end === rest.length) {
    prefix = lastWord.text;
    plain.pop();
  }
  for (const w of plain) addTerm(w.text);
  if (prefix !== null && seen.has(foldWord(prefix))) prefix = null;
  if (prefix !== null && !foldWord(prefix)) prefix = null;
  return { terms, phrases, prefix, raw: text };
}
