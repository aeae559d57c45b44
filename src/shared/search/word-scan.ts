/**
 * The indexing tokeniser's fast path: one pass over the character codes, through a table of
 * character classes, hashing each word as it goes (hashChars), so that the word caches can be
 * asked about a slice of the text without cutting it out (word-table.ts). It cuts exactly the
 * words of forEachToken's regular expression (text.ts; a test compares both on every UDHR
 * translation and the benchmark corpus), including the overlapping bigrams of words made only
 * of Han and kana letters, and hands over to it at the first character the table cannot decide
 * alone: scripts that need segmentation (Thai, Lao, Khmer, Myanmar), words that mix Han or kana
 * with other letters or marks, and characters outside the Basic Multilingual Plane.
 */

const WORD = 1;
const OTHER = 2;
const HAND_OVER = 3;
/** A Han, Hiragana or Katakana letter or digit (not a mark) of the BMP: cut into bigrams. */
const CJK = 4;

/** Letters, marks, digits and format characters: forEachToken's WORD_SOURCE, per character. */
const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}\p{Cf}]/u;
/** forEachToken's SPECIAL_RE: runs of these are segmented or cut into bigrams there. */
const SPECIAL_CHAR_RE =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
/** text.ts's CJK_CHAR_RE (emitSpecial's bigram runs). */
const CJK_CHAR_RE = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
const MARK_RE = /\p{M}/u;

/** Class of each UTF-16 code unit, filled on first sight (0: not yet classified). */
const classes = new Uint8Array(0x10000);

function classify(code: number): number {
  const ch = String.fromCharCode(code);
  let cls: number;
  if (code >= 0xd800 && code <= 0xdfff) cls = HAND_OVER;
  else if (!WORD_CHAR_RE.test(ch))
    cls = OTHER; // a separator, whatever its script
  else if (!SPECIAL_CHAR_RE.test(ch)) cls = WORD;
  else cls = CJK_CHAR_RE.test(ch) && !MARK_RE.test(ch) ? CJK : HAND_OVER;
  classes[code] = cls;
  return cls;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Calls `word(start, end, hash)` for each word of `text`, in order, with hashChars of the word.
 * Returns -1 when the whole text was scanned, else the offset (a word boundary) from which the
 * caller must go on with forEachToken on the rest of the text: the words before it have been
 * reported, none after.
 */
export function scanWords(
  text: string,
  word: (start: number, end: number, hash: number) => void,
): number {
  let start = -1;
  let hash = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const cls = classes[code] || classify(code);
    if (cls === WORD) {
      if (start < 0) {
        start = i;
        hash = FNV_OFFSET;
      }
      hash = Math.imul(hash ^ code, FNV_PRIME);
    } else if (cls === OTHER) {
      if (start >= 0) {
        word(start, i, hash | 0);
        start = -1;
      }
    } else if (cls === CJK && start < 0) {
      // A word of Han and kana letters only (it ends at a separator or at the end of the text)
      // is cut into overlapping bigrams, one code unit each; a single letter is its own word.
      let end = i + 1;
      while (end < n && (classes[text.charCodeAt(end)] || classify(text.charCodeAt(end))) === CJK)
        end++;
      if (end < n && classes[text.charCodeAt(end)] !== OTHER) return i;
      const first = Math.imul(FNV_OFFSET ^ code, FNV_PRIME);
      if (end === i + 1) {
        word(i, end, first | 0);
      } else {
        let h = first;
        for (let k = i + 1; k < end; k++) {
          const c = text.charCodeAt(k);
          word(k - 1, k + 1, Math.imul(h ^ c, FNV_PRIME) | 0);
          h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
        }
      }
      i = end - 1;
    } else {
      return start >= 0 ? start : i;
    }
  }
  if (start >= 0) word(start, n, hash | 0);
  return -1;
}
