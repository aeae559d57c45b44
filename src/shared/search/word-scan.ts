/**
 * The indexing tokeniser's fast path: one pass over the character codes, through a table of
 * character classes, hashing each word as it goes (hashChars), so that the word caches can be
 * asked about a slice of the text without cutting it out (word-table.ts). It cuts exactly the
 * words of forEachToken's regular expression (text.ts; a test compares both on every UDHR
 * translation and the benchmark corpus) and hands over to it at the first character the table
 * cannot decide alone: scripts that need segmentation or bigrams, and characters outside the
 * Basic Multilingual Plane.
 */

const WORD = 1;
const OTHER = 2;
const HAND_OVER = 3;

/** Letters, marks, digits and format characters: forEachToken's WORD_SOURCE, per character. */
const WORD_CHAR_RE = /[\p{L}\p{M}\p{N}\p{Cf}]/u;
/** forEachToken's SPECIAL_RE: runs of these are segmented or cut into bigrams there. */
const SPECIAL_CHAR_RE =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

/** Class of each UTF-16 code unit, filled on first sight (0: not yet classified). */
const classes = new Uint8Array(0x10000);

function classify(code: number): number {
  const ch = String.fromCharCode(code);
  const cls =
    (code >= 0xd800 && code <= 0xdfff) || SPECIAL_CHAR_RE.test(ch)
      ? HAND_OVER
      : WORD_CHAR_RE.test(ch)
        ? WORD
        : OTHER;
  classes[code] = cls;
  return cls;
}

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
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const cls = classes[code] || classify(code);
    if (cls === WORD) {
      if (start < 0) {
        start = i;
        hash = 0x811c9dc5;
      }
      hash = Math.imul(hash ^ code, 0x01000193);
    } else if (cls === OTHER) {
      if (start >= 0) {
        word(start, i, hash | 0);
        start = -1;
      }
    } else {
      return start >= 0 ? start : i;
    }
  }
  if (start >= 0) word(start, text.length, hash | 0);
  return -1;
}
