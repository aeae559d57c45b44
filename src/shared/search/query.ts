/**
 * Query syntax: words (all required), "quoted phrases", `a OR b` (either word), `-word` and
 * `-"phrase"` (leave out what contains them), and a prefix on the last word while typing.
 */
import { foldWord, forEachToken, words } from './text';
import type { ParsedQuery } from './types';

/** Longer queries are cut here (a pasted page is not a query; this bounds the work). */
export const MAX_QUERY_CHARS = 1000;
export const MAX_TERMS = 32;
export const MAX_PHRASES = 8;
/** The operator joining alternatives; upper case only, so the word "or" stays a word. */
export const OR_OPERATOR = 'OR';

const QUOTES_RE = /[\u201C\u201D\u201E\u201F\u00AB\u00BB\u300C\u300D\u300E\u300F\uFF02]/g;
/** Minus signs people type for "without": ASCII hyphen-minus, the minus sign, en dash. */
const MINUS_RE = /^[-\u2212\u2013]/;

export interface ParseOptions {
  /** Treat the last word as a prefix when the query does not end with a space (default true). */
  prefix?: boolean;
}

/** One whitespace-separated part of the query, or one quoted phrase. */
interface Item {
  kind: 'word' | 'phrase' | 'or';
  negated: boolean;
  /** The text without quotes or minus. */
  text: string;
  /** Offset just after the item in the query. */
  end: number;
}

function items(text: string): Item[] {
  const out: Item[] = [];
  // Closed quotes make phrases; a lone quote (still being typed) is dropped from its word.
  const re = /([-\u2212\u2013]?)"([^"]*)"|[^\s"]+|"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m.index + m[0].length;
    if (m[2] !== undefined) {
      const phrase = m[2].trim().replace(/\s+/g, ' ');
      out.push({ kind: 'phrase', negated: m[1] !== '', text: phrase, end });
    } else if (m[0] === OR_OPERATOR) {
      out.push({ kind: 'or', negated: false, text: '', end });
    } else if (m[0] !== '"') {
      const negated = MINUS_RE.test(m[0]) && m[0].length > 1;
      out.push({ kind: 'word', negated, text: negated ? m[0].slice(1) : m[0], end });
    }
  }
  return out;
}

/** How many index tokens a word makes (a CJK run or a hyphenated word makes several). */
function tokenCount(word: string): number {
  let n = 0;
  forEachToken(word, () => {
    n += 1;
  });
  return n;
}

export function parseQuery(raw: string, opts: ParseOptions = {}): ParsedQuery {
  const input = typeof raw === 'string' ? raw : '';
  const text = (input.length > MAX_QUERY_CHARS ? input.slice(0, MAX_QUERY_CHARS) : input).replace(
    QUOTES_RE,
    '"',
  );
  const list = items(text);

  const phrases: string[] = [];
  const excludedPhrases: string[] = [];
  const addPhrase = (to: string[], phrase: string): void => {
    if (words(phrase).length > 0 && to.length < MAX_PHRASES && !to.includes(phrase))
      to.push(phrase);
  };
  const seen = new Set<string>();
  const terms: string[] = [];
  let budget = MAX_TERMS;
  const addTerm = (word: string): void => {
    const key = foldWord(word);
    if (!key || seen.has(key) || budget <= 0) return;
    seen.add(key);
    terms.push(word);
    budget -= 1;
  };
  const excluded: string[] = [];
  const excludedKeys = new Set<string>();

  // The prefix: the last word of the last item, when that is a plain word typed up to the end.
  const lastItem = list[list.length - 1];
  let prefixItem: Item | null = null;
  let prefix: string | null = null;
  if (
    opts.prefix !== false &&
    lastItem?.kind === 'word' &&
    !lastItem.negated &&
    lastItem.end === text.length
  ) {
    const ws = words(lastItem.text);
    const last = ws[ws.length - 1];
    if (last && last.end === lastItem.text.length) {
      prefixItem = lastItem;
      prefix = last.text;
    }
  }

  // Runs of single plain words joined by OR become groups of alternatives.
  const groups: Item[][] = [];
  const plain: Item[] = [];
  const orable = (item: Item | undefined): item is Item =>
    item?.kind === 'word' && !item.negated && words(item.text).length === 1;
  for (let i = 0; i < list.length; i++) {
    const item = list[i] as Item;
    if (item.kind === 'or') continue; // a stray OR (at an end, doubled, beside a phrase)
    if (item.kind === 'phrase') {
      addPhrase(item.negated ? excludedPhrases : phrases, item.text);
      continue;
    }
    if (item.negated) {
      const ws = words(item.text);
      if (ws.length === 1 && tokenCount(item.text) === 1) {
        const key = foldWord(item.text);
        if (key && !excludedKeys.has(key) && excluded.length < MAX_TERMS) {
          excludedKeys.add(key);
          excluded.push((ws[0] as { text: string }).text);
        }
      } else if (ws.length > 0) {
        // "-anti-derechos" leaves out the hyphenated word itself, not each of its parts.
        addPhrase(excludedPhrases, item.text);
      }
      continue;
    }
    const group = groups[groups.length - 1];
    if (orable(item) && list[i - 1]?.kind === 'or' && group?.includes(list[i - 2] as Item)) {
      group.push(item);
    } else if (orable(item) && list[i + 1]?.kind === 'or' && orable(list[i + 2])) {
      groups.push([item]);
    } else {
      plain.push(item);
    }
  }

  for (const p of phrases) for (const w of words(p)) addTerm(w.text);
  for (const item of plain) {
    const ws = words(item.text);
    if (item === prefixItem) ws.pop();
    for (const w of ws) addTerm(w.text);
  }

  let prefixInGroup = false;
  const anyOf: string[][] = [];
  for (const group of groups) {
    const alternatives: string[] = [];
    const keys = new Set<string>();
    let holdsPrefix = false;
    for (const item of group) {
      if (item === prefixItem) {
        holdsPrefix = true;
        continue;
      }
      const key = foldWord(item.text);
      if (!key || keys.has(key) || budget <= 0) continue;
      keys.add(key);
      alternatives.push(item.text);
      budget -= 1;
    }
    if (holdsPrefix) {
      // The group is the last one: it ends with the word being typed.
      if (alternatives.length === 0) continue;
      anyOf.push(alternatives);
      prefixInGroup = true;
    } else if (alternatives.length === 1) {
      addTerm(alternatives[0] as string);
    } else if (alternatives.length > 1) {
      anyOf.push(alternatives);
    }
  }

  if (prefix !== null && !prefixInGroup && seen.has(foldWord(prefix))) prefix = null;
  if (prefix !== null && !foldWord(prefix)) prefix = null;
  if (prefix === null && prefixInGroup) {
    // Only the typed-over alternatives are left: the group needs no prefix part.
    prefixInGroup = false;
    const group = anyOf.pop() as string[];
    if (group.length === 1) addTerm(group[0] as string);
    else anyOf.push(group);
  }
  return { terms, phrases, prefix, anyOf, prefixInGroup, excluded, excludedPhrases, raw: text };
}

/** Whether the query asks for anything (exclusions alone find nothing). */
export function hasPositiveTerms(query: ParsedQuery): boolean {
  return query.terms.length > 0 || query.anyOf.length > 0 || query.prefix !== null;
}

/** Whether hits must be checked on their text (quoted phrases, kept or left out). */
export function needsTextCheck(query: ParsedQuery): boolean {
  return query.phrases.length > 0 || query.excludedPhrases.length > 0;
}

/** Every word a snippet should highlight: required words, alternatives (not exclusions). */
export function highlightWords(query: ParsedQuery): string[] {
  return [...query.terms, ...query.anyOf.flat()];
}
