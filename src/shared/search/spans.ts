/**
 * Token scans over long texts (a hearing transcript can be 15 MB) without holding every token:
 * the text is tokenised in chunks cut between words, so a scan can stop early and a region can
 * be tokenised on its own, with exactly the tokens and offsets that tokenising the whole text
 * gives. Tokens never span a character that is not part of a word (forEachToken's words are
 * runs of letters, marks, digits and format characters; CJK bigrams and segmenter words are
 * cut inside those runs), so a cut at such a character changes nothing.
 */
import { forEachToken, type TokenMode, type TokenSpan } from './text';

/** Characters a word may contain: the same class as text.ts's WORD_SOURCE. */
const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}\p{Cf}]/u;
const NON_WORD_G_RE = /[^\p{L}\p{M}\p{N}\p{Cf}]/gu;
const CHUNK_CHARS = 4096;

function isLowSurrogateAfterHigh(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xdc00 || c > 0xdfff || i === 0) return false;
  const p = text.charCodeAt(i - 1);
  return p >= 0xd800 && p <= 0xdbff;
}

/** Index of the first non-word character at or after `from` (a code point boundary), or length. */
export function nextBoundary(text: string, from: number): number {
  const re = new RegExp(NON_WORD_G_RE);
  re.lastIndex = from;
  for (;;) {
    const m = re.exec(text);
    if (!m) return text.length;
    // A lone low surrogate found by starting inside a pair is not a boundary.
    if (!isLowSurrogateAfterHigh(text, m.index)) return m.index;
    re.lastIndex = m.index + 1;
  }
}

/** Start of the word-free stretch before `at`: a position where no token can straddle. */
export function previousBoundary(text: string, at: number): number {
  for (let i = Math.min(at, text.length) - 1; i >= 0; i--) {
    if (isLowSurrogateAfterHigh(text, i)) continue;
    const cp = text.codePointAt(i) as number;
    if (!WORD_CHAR_RE.test(String.fromCodePoint(cp))) return i + 1;
  }
  return 0;
}

/**
 * forEachToken over text[from, to) where both ends are boundaries (or the text's ends), with
 * offsets in `text`.
 */
function tokensBetween(
  text: string,
  from: number,
  to: number,
  mode: TokenMode,
  emit: (raw: string, start: number, end: number) => void,
): void {
  if (to <= from) return;
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  forEachToken(part, (raw, start, end) => emit(raw, start + from, end + from), mode);
}

/**
 * Like forEachToken, chunk by chunk: before each chunk `more(position)` is asked whether tokens
 * starting at or after `position` are still wanted; the scan stops at the first `false`.
 */
export function scanTokens(
  text: string,
  mode: TokenMode,
  emit: (raw: string, start: number, end: number) => void,
  more: (position: number) => boolean = () => true,
): void {
  let at = 0;
  while (at < text.length && more(at)) {
    const cut = nextBoundary(text, Math.min(text.length, at + CHUNK_CHARS));
    tokensBetween(text, at, cut, mode, emit);
    at = cut;
  }
}

/**
 * The tokens of whole-text tokenising that lie in or touch [from, to), plus at least one token
 * after `to` when the text has one: what snapping a window to word edges needs.
 */
export function tokensAround(text: string, from: number, to: number): TokenSpan[] {
  const start = previousBoundary(text, from);
  let end = nextBoundary(text, Math.max(to, start));
  for (;;) {
    const out: TokenSpan[] = [];
    tokensBetween(text, start, end, 'index', (t, s, e) => out.push({ text: t, start: s, end: e }));
    const last = out[out.length - 1];
    if (end >= text.length || (last && last.start >= to)) return out;
    // Skip to the next word and take it whole.
    let next = end;
    while (next < text.length && !WORD_CHAR_RE.test(String.fromCodePoint(text.codePointAt(next)!)))
      next += 1;
    end = nextBoundary(text, next);
  }
}
