import { foldWord, forEachToken, words } from '../search/text';

/**
 * Finding passages (a narrator's name and its parts, passages marked as identifying) in a text
 * the way search finds words: word by word, each word folded by search's own normalisation
 * (case, accents, Arabic letter variants and diacritics, see src/shared/search/text.ts), so
 * "LEILA", "Leïla" and "leila" are one word, and so are "لَيْلَى" and "ليلى". The redaction of
 * exports (src/core/bundles/redact.ts) and the highlighting of marked passages in the renderer
 * both use this, so what is highlighted is what will be replaced.
 *
 * - A passage matches a run of whole words; whatever separates them (spaces, line breaks,
 *   punctuation) may differ from the passage. A word is never cut: "Ana" does not match inside
 *   "Banana". Such in-word occurrences are reported by `missed`, for a warning.
 * - An Arabic word may carry a one- or two-letter proclitic (و ف ب ل ك: "and", "so", "with",
 *   "for", "like"): "وليلى" matches "ليلى"; the proclitic stays outside the match.
 * - Scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar) have no word edges
 *   to match on: a passage in them matches wherever its exact text occurs.
 * - Where passages overlap, the longest (in words) that starts first wins.
 */

/** The same scripts that text.ts tokenises without spaces (bigrams or a dictionary). */
const UNSPACED =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const ARABIC_WORD = /^[\u0621-\u064A]+$/;
/** Folded Arabic proclitics, longest first. */
const PROCLITICS = ['وب', 'ول', 'وك', 'فب', 'فل', 'فك', 'و', 'ف', 'ب', 'ل', 'ك'];
/** Characters that carry no letter of their own in an Arabic word (marks, tatweel, format). */
const NOT_A_LETTER = /[\p{M}\p{Cf}\u0640]/u;

export interface PassageMatch {
  /** UTF-16 offsets of the matched text, [start, end). */
  start: number;
  end: number;
  /** Index of the passage (in the list given to the matcher) that matched. */
  passage: number;
}

export interface MissedForm {
  passage: number;
  /** The word as written in the text, which contains the passage but will not be replaced. */
  form: string;
}

interface Needle {
  passage: number;
  words: string[];
}

interface Token {
  start: number;
  end: number;
  raw: string;
  folded: string;
}

/** The folded words of a text, in order (empty ones, such as a lone mark, dropped). */
export function foldedWords(text: string): string[] {
  return words(text)
    .map((w) => foldWord(w.text))
    .filter((w) => w.length > 0);
}

/** Distinct words held by a fold cache before it starts again (a bound on its memory). */
const FOLD_CACHE_MAX = 100_000;

interface FoldedWord {
  folded: string;
  /** Whether the word can begin a match or hold a passage inside it (else it only passes by). */
  relevant: boolean;
}

/**
 * Calls `emit` with each word of `text`, folded, and whether `relevant` says it matters. A text
 * repeats its words, so each distinct word is folded and judged once: a 16 MB transcript folds
 * a few ten thousand words, not millions.
 */
function eachFoldedWord(
  text: string,
  relevant: (folded: string) => boolean,
  emit: (token: Token, relevant: boolean) => void,
): void {
  const cache = new Map<string, FoldedWord>();
  forEachToken(
    text,
    (raw, start, end) => {
      let word = cache.get(raw);
      if (word === undefined) {
        if (cache.size >= FOLD_CACHE_MAX) cache.clear();
        const folded = foldWord(raw);
        word = { folded, relevant: folded !== '' && relevant(folded) };
        cache.set(raw, word);
      }
      if (word.folded) emit({ start, end, raw, folded: word.folded }, word.relevant);
    },
    'units',
  );
}

/** Offset in `raw` just after its first `letters` letters and the marks that follow them. */
function afterLetters(raw: string, letters: number): number {
  let seen = 0;
  let i = 0;
  for (const ch of raw) {
    if (seen === letters && !NOT_A_LETTER.test(ch)) break;
    if (!NOT_A_LETTER.test(ch)) seen += 1;
    i += ch.length;
  }
  return i;
}

export class PassageMatcher {
  /** Needles by their first folded word, longest first. */
  readonly #byFirst = new Map<string, Needle[]>();
  readonly #unspaced: { passage: number; text: string }[] = [];
  /** One-word needles: what an in-word occurrence is checked against. */
  readonly #single: Needle[] = [];
  #longest = 0;

  constructor(passages: readonly string[]) {
    passages.forEach((passage, index) => {
      const trimmed = passage.trim();
      if (!trimmed) return;
      if (UNSPACED.test(trimmed)) {
        this.#unspaced.push({ passage: index, text: trimmed });
        return;
      }
      const folded = foldedWords(trimmed);
      if (folded.length === 0) return;
      const needle = { passage: index, words: folded };
      const list = this.#byFirst.get(folded[0]!) ?? [];
      list.push(needle);
      list.sort((a, b) => b.words.length - a.words.length);
      this.#byFirst.set(folded[0]!, list);
      if (folded.length === 1) this.#single.push(needle);
      this.#longest = Math.max(this.#longest, folded.length);
    });
  }

  get empty(): boolean {
    return this.#byFirst.size === 0 && this.#unspaced.length === 0;
  }

  /** Every occurrence in `text`, in order, never overlapping. */
  find(text: string): PassageMatch[] {
    if (this.empty || !text) return [];
    const found = [...this.#findWords(text, null), ...this.#findUnspaced(text)];
    found.sort((a, b) => a.start - b.start || b.end - a.end);
    const out: PassageMatch[] = [];
    let at = 0;
    for (const m of found) {
      if (m.start < at) continue;
      out.push(m);
      at = m.end;
    }
    return out;
  }

  /** Words that contain a one-word passage but are not matched (so would not be replaced). */
  missed(text: string): MissedForm[] {
    if (this.#single.length === 0 || !text) return [];
    const out: MissedForm[] = [];
    this.#findWords(text, (token) => {
      for (const needle of this.#inside(token.folded)) {
        out.push({ passage: needle.passage, form: token.raw });
      }
    });
    return out;
  }

  /** The one-word passages found inside (not equal to) a folded word. */
  #inside(folded: string): Needle[] {
    return this.#single.filter(
      (needle) => folded.length > needle.words[0]!.length && folded.includes(needle.words[0]!),
    );
  }

  /** Whether a folded word can begin a match (as it is, or after an Arabic proclitic). */
  #canStart(folded: string): boolean {
    if (this.#byFirst.has(folded)) return true;
    if (!ARABIC_WORD.test(folded)) return false;
    return PROCLITICS.some(
      (p) => folded.startsWith(p) && this.#byFirst.has(folded.slice(p.length)),
    );
  }

  /**
   * The word matches in `text`; `unmatched` (for `missed`) is told each word outside a match
   * that holds a one-word passage inside it.
   */
  #findWords(text: string, unmatched: ((token: Token) => void) | null): PassageMatch[] {
    const out: PassageMatch[] = [];
    if (this.#byFirst.size === 0) return out;
    // A window of the next words, as long as the longest passage, matched at its head.
    const window: Token[] = [];
    const step = () => {
      const match = this.#matchAt(window);
      if (match) {
        out.push(match.at);
        window.splice(0, match.words);
      } else {
        const token = window.shift()!;
        if (unmatched && this.#inside(token.folded).length > 0) unmatched(token);
      }
    };
    const relevant = (folded: string) =>
      this.#canStart(folded) || (unmatched !== null && this.#inside(folded).length > 0);
    eachFoldedWord(text, relevant, (token, isRelevant) => {
      // A word that can neither begin a match nor be reported only matters inside a window.
      if (window.length === 0 && !isRelevant) return;
      window.push(token);
      if (window.length >= this.#longest) step();
    });
    while (window.length > 0) step();
    return out;
  }

  /** The longest needle matching at the head of `tokens`, or null. */
  #matchAt(tokens: Token[]): { at: PassageMatch; words: number } | null {
    const first = tokens[0]!;
    const attempts: { word: string; start: number }[] = [
      { word: first.folded, start: first.start },
    ];
    if (ARABIC_WORD.test(first.folded)) {
      for (const p of PROCLITICS) {
        if (first.folded.length - p.length >= 2 && first.folded.startsWith(p)) {
          const start = first.start + afterLetters(first.raw, p.length);
          attempts.push({ word: first.folded.slice(p.length), start });
        }
      }
    }
    for (const { word, start } of attempts) {
      for (const needle of this.#byFirst.get(word) ?? []) {
        const n = needle.words.length;
        if (tokens.length < n) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) ok = tokens[k]!.folded === needle.words[k];
        if (ok)
          return { at: { start, end: tokens[n - 1]!.end, passage: needle.passage }, words: n };
      }
    }
    return null;
  }

  #findUnspaced(text: string): PassageMatch[] {
    const out: PassageMatch[] = [];
    for (const { passage, text: needle } of this.#unspaced) {
      for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
        out.push({ start: i, end: i + needle.length, passage });
      }
    }
    return out;
  }
}
