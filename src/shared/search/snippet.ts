/**
 * Display-time helpers on the text of a candidate hit (the index stores no positions): exact
 * phrase verification and snippets with highlight ranges. Both use the tokenising and folding
 * of the index, so a match found by the engine (accent-free, Arabic variant, stem) is the one
 * highlighted, and the highlight covers the original characters (with their diacritics).
 */
import { tokenMatcher } from './highlight';
import { analyzeWord } from './languages';
import { scanTokens, tokensAround } from './spans';
import { forEachToken, type TokenSpan } from './text';
import type { ParsedQuery } from './types';

/** The folded form of a token, through the cached analysis (no language: no stemming). */
function folded(raw: string): string {
  return analyzeWord(raw, '').surface;
}

function foldedUnits(text: string): string[] {
  const out: string[] = [];
  forEachToken(
    text,
    (raw) => {
      const f = folded(raw);
      if (f) out.push(f);
    },
    'units',
  );
  return out;
}

/**
 * Finds phrases (folded unit sequences) in a text read once, front to back, keeping only the
 * last units in a ring: occurrences are reported as they end, non-overlapping per phrase (the
 * next one is looked for after the end of the previous one). `more` stops the scan early.
 */
function scanPhrases(
  text: string,
  needles: readonly string[][],
  found: (phrase: number, first: TokenSpan, last: TokenSpan) => void,
  more: () => boolean,
  /** Occurrences starting after this position are not wanted (read by each unit). */
  horizon: () => number = () => Infinity,
): void {
  const size = Math.max(1, ...needles.map((n) => n.length));
  const ring: string[] = new Array<string>(size);
  const spans: TokenSpan[] = new Array<TokenSpan>(size);
  const nextAllowed = needles.map(() => 0);
  let n = 0;
  // Once `size` units start past the horizon, no wanted occurrence can still end.
  let unitsPast = 0;
  scanTokens(
    text,
    'units',
    (raw, start, end) => {
      const f = folded(raw);
      if (!f) return;
      if (start > horizon()) unitsPast += 1;
      ring[n % size] = f;
      spans[n % size] = { text: raw, start, end };
      n += 1;
      needles.forEach((needle, k) => {
        const len = needle.length;
        if (len === 0 || n < len || n - len < (nextAllowed[k] as number)) return;
        for (let i = 0; i < len; i++) if (ring[(n - len + i) % size] !== needle[i]) return;
        nextAllowed[k] = n;
        found(k, spans[(n - len) % size] as TokenSpan, spans[(n - 1) % size] as TokenSpan);
      });
    },
    () => more() && unitsPast < size,
  );
}

/**
 * True when every phrase occurs in `text` as consecutive words (case, accents, Arabic letter
 * variants and diacritics ignored; stop words count; no stemming). Phrases without any word
 * are ignored. Reads the text once and stops as soon as every phrase has been seen.
 */
export function matchesPhrases(text: string, phrases: string[]): boolean {
  if (phrases.length === 0) return true;
  const needles = phrases.map(foldedUnits).filter((n) => n.length > 0);
  const seen = new Set<number>();
  scanPhrases(
    typeof text === 'string' ? text : '',
    needles,
    (k) => seen.add(k),
    () => seen.size < needles.length,
  );
  return seen.size === needles.length;
}

/** True when some phrase occurs in `text` (same comparison as matchesPhrases). */
export function containsAnyPhrase(text: string, phrases: string[]): boolean {
  const needles = phrases.map(foldedUnits).filter((n) => n.length > 0);
  if (needles.length === 0) return false;
  let found = false;
  scanPhrases(
    typeof text === 'string' ? text : '',
    needles,
    () => {
      found = true;
    },
    () => !found,
  );
  return found;
}

/** The text check of a hit: every quoted phrase is there and no `-"phrase"` is. */
export function passesTextCheck(text: string, query: ParsedQuery): boolean {
  return matchesPhrases(text, query.phrases) && !containsAnyPhrase(text, query.excludedPhrases);
}

export interface SnippetOptions {
  /** Length of the excerpt in characters (default 200). */
  maxChars?: number;
  /** The document's language, for stem matches; default: every stemmed language. */
  lang?: string;
}

export interface Snippet {
  text: string;
  /** [start, end) ranges in `text`, sorted, not overlapping. */
  highlights: [number, number][];
}

interface Match {
  start: number;
  end: number;
  key: number;
}

const ELLIPSIS = '\u2026';
/** Snippet windows start at one of the first matches: this many (bounds the work). */
const WINDOW_STARTS = 2000;
/** Distinct tokens remembered per snippet (a text of all-distinct words must not grow it). */
const MEMO_LIMIT = 100_000;

export function makeSnippet(text: string, query: ParsedQuery, opts: SnippetOptions = {}): Snippet {
  const source = typeof text === 'string' ? text : '';
  const maxChars = Math.max(20, Math.min(10_000, Math.floor(opts.maxChars ?? 200)));
  const matcher = tokenMatcher(query, opts.lang);
  let nextKey = matcher.keys;

  // Each distinct token is looked up once (a long text repeats its words; without a language
  // every stemmer is tried): -1 when it matches nothing.
  const memo = new Map<string, number>();
  const keyOf = (raw: string): number => {
    const known = memo.get(raw);
    if (known !== undefined) return known;
    const key = matcher.match(raw);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(raw, key);
    return key;
  };
  // Windows start at one of the first WINDOW_STARTS matches and span maxChars: once that many
  // are known, text starting past the last of them + maxChars cannot change the snippet.
  const matches: Match[] = [];
  let horizon = Infinity;
  const wanted = (position: number): boolean => position <= horizon;
  scanTokens(
    source,
    'index',
    (raw, start, end) => {
      if (start > horizon) return;
      const key = keyOf(raw);
      if (key < 0) return;
      matches.push({ start, end, key });
      if (matches.length === WINDOW_STARTS) horizon = start + maxChars;
    },
    wanted,
  );
  // Phrases: highlight the whole run of words.
  if (query.phrases.length > 0) {
    const needles = query.phrases.map(foldedUnits);
    const keys = needles.map(() => nextKey++);
    scanPhrases(
      source,
      needles,
      (k, first, last) => {
        if (first.start <= horizon)
          matches.push({ start: first.start, end: last.end, key: keys[k] as number });
      },
      () => true,
      () => horizon,
    );
    matches.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  // The window with the most distinct query words (then the most matches).
  let bestStart = 0;
  let bestEnd = Math.min(source.length, maxChars);
  if (matches.length > 0) {
    let bestScore = -1;
    const limit = Math.min(matches.length, WINDOW_STARTS);
    for (let i = 0; i < limit; i++) {
      const first = matches[i] as Match;
      const seen = new Set<number>();
      let count = 0;
      let end = first.end;
      for (let j = i; j < matches.length; j++) {
        const m = matches[j] as Match;
        if (m.end - first.start > maxChars) break;
        seen.add(m.key);
        count++;
        end = Math.max(end, m.end);
      }
      const score = seen.size * 10_000 + count;
      if (score > bestScore) {
        bestScore = score;
        const slack = Math.max(0, maxChars - (end - first.start));
        bestStart = Math.max(0, first.start - Math.floor(slack / 3));
        bestEnd = Math.min(source.length, bestStart + maxChars);
        if (bestEnd - bestStart < maxChars) bestStart = Math.max(0, bestEnd - maxChars);
      }
    }
  }
  // Snap to token boundaries so that no word is cut (only the tokens near the edges are needed).
  const tokens = tokensAround(source, bestStart, bestEnd);
  if (bestStart > 0) {
    const t = tokens.find((tok) => tok.end > bestStart);
    if (t && t.start < bestStart)
      bestStart = t.end <= bestEnd ? nextTokenStart(tokens, t) : t.start;
  }
  if (bestEnd < source.length) {
    for (let i = tokens.length - 1; i >= 0; i--) {
      const tok = tokens[i] as TokenSpan;
      if (tok.start < bestEnd && tok.end > bestEnd) {
        if (tok.start > bestStart) bestEnd = tok.start;
        break;
      }
      if (tok.end <= bestEnd) break;
    }
  }
  bestStart = Math.min(bestStart, bestEnd);
  let body = source.slice(bestStart, bestEnd);
  // Trim surrounding whitespace, keeping offsets right.
  const lead = body.length - body.trimStart().length;
  body = body.trim();
  const from = bestStart + lead;
  const to = from + body.length;
  const pre = from > 0 ? ELLIPSIS : '';
  const post = to < source.length ? ELLIPSIS : '';
  const highlights: [number, number][] = [];
  for (const m of matches) {
    if (m.start < from || m.end > to) continue;
    const s = m.start - from + pre.length;
    const e = m.end - from + pre.length;
    const lastRange = highlights[highlights.length - 1];
    if (lastRange && s <= lastRange[1]) lastRange[1] = Math.max(lastRange[1], e);
    else highlights.push([s, e]);
  }
  return { text: pre + body.replace(/[\r\n\t\f\v\u2028\u2029]/g, ' ') + post, highlights };
}

function nextTokenStart(tokens: readonly TokenSpan[], t: TokenSpan): number {
  const i = tokens.indexOf(t);
  const next = tokens[i + 1];
  return next ? next.start : t.end;
}
