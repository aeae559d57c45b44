/**
 * The snippet and phrase functions as they were before long texts were read in chunks
 * (commit 0278147): the reference the chunked versions must agree with, result for result.
 *
 * Display-time helpers on the text of a candidate hit (the index stores no positions): exact
 * phrase verification and snippets with highlight ranges. Both use the tokenising and folding
 * of the index, so a match found by the engine (accent-free, Arabic variant, stem) is the one
 * highlighted, and the highlight covers the original characters (with their diacritics).
 */
import { tokenMatcher } from '../../src/shared/search/highlight';
import { analyzeWord } from '../../src/shared/search/languages';
import { forEachToken, tokenize, type TokenSpan } from '../../src/shared/search/text';
import type { ParsedQuery } from '../../src/shared/search/types';

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

function findSequence(hay: readonly string[], needle: readonly string[], from = 0): number {
  if (needle.length === 0) return -1;
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * True when every phrase occurs in `text` as consecutive words (case, accents, Arabic letter
 * variants and diacritics ignored; stop words count; no stemming). Phrases without any word
 * are ignored.
 */
export function referenceMatchesPhrases(text: string, phrases: string[]): boolean {
  if (phrases.length === 0) return true;
  const hay = foldedUnits(text);
  for (const phrase of phrases) {
    const needle = foldedUnits(phrase);
    if (needle.length > 0 && findSequence(hay, needle) < 0) return false;
  }
  return true;
}

interface SnippetOptions {
  /** Length of the excerpt in characters (default 200). */
  maxChars?: number;
  /** The document's language, for stem matches; default: every stemmed language. */
  lang?: string;
}

interface Snippet {
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

export function referenceMakeSnippet(
  text: string,
  query: ParsedQuery,
  opts: SnippetOptions = {},
): Snippet {
  const source = typeof text === 'string' ? text : '';
  const maxChars = Math.max(20, Math.min(10_000, Math.floor(opts.maxChars ?? 200)));
  // Which word matches which query word is shared with makeSnippet (highlight.ts); what this
  // reference checks is the reading of the text in chunks, not the matching.
  const matcher = tokenMatcher(query, opts.lang);
  let nextKey = matcher.keys;

  const tokens = tokenize(source, 'index');
  const matches: Match[] = [];
  for (const tok of tokens) {
    const key = matcher.match(tok.text);
    if (key >= 0) matches.push({ start: tok.start, end: tok.end, key });
  }
  // Phrases: highlight the whole run of words.
  if (query.phrases.length > 0) {
    const units: TokenSpan[] = [];
    const unitFolds: string[] = [];
    forEachToken(
      source,
      (raw, start, end) => {
        const f = folded(raw);
        if (!f) return;
        units.push({ text: raw, start, end });
        unitFolds.push(f);
      },
      'units',
    );
    for (const phrase of query.phrases) {
      const needle = foldedUnits(phrase);
      const key = nextKey++;
      let at = findSequence(unitFolds, needle);
      while (at >= 0) {
        const first = units[at] as TokenSpan;
        const last = units[at + needle.length - 1] as TokenSpan;
        matches.push({ start: first.start, end: last.end, key });
        at = findSequence(unitFolds, needle, at + needle.length);
      }
    }
    matches.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  // The window with the most distinct query words (then the most matches).
  let bestStart = 0;
  let bestEnd = Math.min(source.length, maxChars);
  if (matches.length > 0) {
    let bestScore = -1;
    const limit = Math.min(matches.length, 2000);
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
  // Snap to token boundaries so that no word is cut.
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
