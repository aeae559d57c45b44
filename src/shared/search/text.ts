/**
 * Script-aware tokenising and normalisation, shared by indexing, querying, phrase verification
 * and snippets, so that all four agree on what a "word" is.
 *
 * - Words are runs of letters, marks and digits (Unicode properties), split at apostrophes and
 *   hyphens. Scripts written without spaces go through Intl.Segmenter (Thai, Lao, Khmer,
 *   Myanmar) or become overlapping character bigrams (Han, Hiragana, Katakana), which makes a
 *   word inside a run findable whatever the segmenter decides in context.
 * - Normalisation: lower case, compatibility decomposition (ligatures, presentation forms, full
 *   width), diacritics folded only where they are accents (Latin, Greek, Hebrew points; Cyrillic
 *   ё -> е) so that the vowel signs of Indic scripts survive, Arabic normalisation (alef forms,
 *   teh marbuta, alef maksura, hamza carriers, tashkeel, tatweel), Persian/Urdu letter variants,
 *   Indic nuktas and native digits to ASCII.
 */

/**
 * Letters, marks, digits, plus format characters that may sit inside a word (ZWNJ/ZWJ, soft
 * hyphen, bidi marks); normalisation removes the format characters.
 */
const WORD_SOURCE = '[\\p{L}\\p{M}\\p{N}\\p{Cf}]+';
/** Scripts that need dictionary segmentation or bigrams. */
const SPECIAL_RE =
  /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const CJK_CHAR_RE = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
const SEG_CHAR_RE = /[\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
const ASCII_WORD_RE = /^[ -~]*$/;
/** Marks removed when they follow a letter of these scripts (accents, Hebrew points). */
const ACCENT_RE = /([\p{sc=Latin}\p{sc=Greek}\p{sc=Hebrew}])\p{M}+/gu;
const NON_WORD_RE = /[^\p{L}\p{M}\p{N}]/u;
const NON_WORD_G_RE = /[^\p{L}\p{M}\p{N}]+/gu;

/** Character maps applied after compatibility decomposition (NFKD). */
const BASE_MAP: Record<string, string> = {
  // Arabic: alef forms without a decomposition, teh marbuta, alef maksura.
  '\u0671': '\u0627', // ٱ alef wasla
  '\u0672': '\u0627',
  '\u0673': '\u0627',
  '\u0629': '\u0647', // ة -> ه
  '\u0649': '\u064A', // ى -> ي
  // Persian / Urdu variants folded onto the Arabic letters.
  '\u06A9': '\u0643', // ک keheh -> ك
  '\u06CC': '\u064A', // ی farsi yeh -> ي
  '\u06D2': '\u064A', // ے yeh barree -> ي
  '\u06C1': '\u0647', // ہ heh goal -> ه
  '\u06C3': '\u0647', // ۃ teh marbuta goal -> ه
  '\u06BE': '\u0647', // ھ heh doachashmee -> ه
  '\u06D5': '\u0647', // ە ae (from ۀ) -> ه
  // Nukta: keyboards make it hard to type (क़ = क + ़ after NFKD), so ज़रूरी and जरूरी meet.
  '\u093C': '', // Devanagari
  '\u09BC': '', // Bengali
  '\u0A3C': '', // Gurmukhi
  '\u0ABC': '', // Gujarati
  '\u0B3C': '', // Oriya
  '\u0640': '', // tatweel
  '\u200C': '', // zero-width non-joiner (Persian half-space)
  '\u200D': '', // zero-width joiner
  '\u00AD': '', // soft hyphen
  '\u02BC': '', // modifier letter apostrophe (Hausa ʼy)
};

/** Latin letters without a canonical decomposition, folded the way people type them. */
const FOLD_MAP: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ł: 'l',
  ı: 'i',
  ħ: 'h',
  ɓ: 'b',
  ɗ: 'd',
  ƙ: 'k',
  ƴ: 'y',
  ſ: 's',
};

/** First code point of each run of native decimal digits mapped to ASCII. */
const DIGIT_ZEROS = [
  0x0660, 0x06f0, 0x07c0, 0x0966, 0x09e6, 0x0a66, 0x0ae6, 0x0b66, 0x0be6, 0x0c66, 0x0ce6, 0x0d66,
  0x0de6, 0x0e50, 0x0ed0, 0x0f20, 0x1040, 0x17e0, 0x1810,
];
for (const zero of DIGIT_ZEROS) {
  for (let d = 0; d < 10; d++) BASE_MAP[String.fromCharCode(zero + d)] = String(d);
}
// Tashkeel and Quranic marks: removed (NFKD has already split hamza/madda off the alef forms).
for (let cp = 0x064b; cp <= 0x065f; cp++) BASE_MAP[String.fromCharCode(cp)] = '';
BASE_MAP['\u0670'] = '';
for (let cp = 0x06d6; cp <= 0x06ed; cp++) {
  const ch = String.fromCharCode(cp);
  if (/\p{M}/u.test(ch)) BASE_MAP[ch] = '';
}

const BASE_MAP_RE = new RegExp(`[${Object.keys(BASE_MAP).join('')}]`, 'gu');
const FOLD_MAP_RE = new RegExp(`[${Object.keys(FOLD_MAP).join('')}]`, 'gu');

/**
 * Lower case, compatibility forms, Arabic/Persian/Urdu normalisation, digits; accents are kept
 * (the stemmers of accented languages need them). Returns '' when nothing word-like is left.
 */
export function baseNormalize(raw: string): string {
  if (ASCII_WORD_RE.test(raw)) {
    const lower = raw.toLowerCase();
    return NON_WORD_RE.test(lower) ? lower.replace(NON_WORD_G_RE, '') : lower;
  }
  if (FAST_CHARS_RE.test(raw)) return mapChars(raw, fastTables().base);
  if (STABLE_CJK_RE.test(raw)) return raw;
  return baseNormalizeSlow(raw);
}

/** The general path of baseNormalize (Unicode normalisation and regular expressions). */
export function baseNormalizeSlow(raw: string): string {
  let s = raw.toLowerCase().normalize('NFKD');
  if (s.includes('\u0308')) s = s.replace(/\u0435\u0308/g, '\u0435'); // ё -> е
  s = s.replace(BASE_MAP_RE, (ch) => BASE_MAP[ch] ?? ch);
  s = s.normalize('NFC');
  if (NON_WORD_RE.test(s)) s = s.replace(NON_WORD_G_RE, '');
  return s;
}

/** Removes accents from an already base-normalised word (Latin, Greek, Hebrew only). */
export function foldAccents(base: string): string {
  if (ASCII_WORD_RE.test(base)) return base;
  if (FAST_CHARS_RE.test(base)) return mapChars(base, fastTables().fold);
  if (STABLE_CJK_RE.test(base)) return base;
  return foldAccentsSlow(base);
}

/** The general path of foldAccents. */
export function foldAccentsSlow(base: string): string {
  let s = base.normalize('NFD').replace(ACCENT_RE, '$1');
  s = s.replace(FOLD_MAP_RE, (ch) => FOLD_MAP[ch] ?? ch);
  return s.normalize('NFC');
}

/**
 * Precomposed Latin, Cyrillic and Arabic letters without combining marks: for words made only
 * of these, both normalisations work character by character (no context: no final sigma, no
 * mark that could recompose with a neighbour), so a per-character table gives exactly the
 * result of the general path, several times faster. A test checks the equivalence on real text.
 */
const FAST_CHARS_RE =
  /^[ -\u02FF\u0400-\u0482\u048A-\u052F\u0620-\u064A\u0660-\u0669\u066E\u066F\u0671-\u06D3\u06D5\u06F0-\u06F9]*$/;
/**
 * Han ideographs (the unified block and extension A) and the kana letters: no case, no
 * compatibility decomposition, nothing that composes with a neighbour (the kana voicing marks
 * are outside the range), so both normalisations leave words made only of them unchanged. The
 * index's Chinese and Japanese bigrams take this path; a test checks every character and every
 * pair of kana against the general path.
 */
export const STABLE_CJK_RE = /^[\u3041-\u3096\u30A1-\u30FA\u3400-\u4DBF\u4E00-\u9FFF]+$/;
let tables: { base: string[]; fold: string[] } | null = null;

function fastTables(): { base: string[]; fold: string[] } {
  if (tables) return tables;
  const base: string[] = [];
  const fold: string[] = [];
  for (let c = 0x20; c < 0x0700; c++) {
    const ch = String.fromCharCode(c);
    if (!FAST_CHARS_RE.test(ch)) continue;
    base[c] = baseNormalizeSlow(ch);
    fold[c] = foldAccentsSlow(ch);
  }
  tables = { base, fold };
  return tables;
}

function mapChars(word: string, table: readonly string[]): string {
  let out = '';
  for (let i = 0; i < word.length; i++) out += table[word.charCodeAt(i)] ?? '';
  return out;
}

/** The fully folded form of one raw word: what phrase matching and prefixes compare. */
export function foldWord(raw: string): string {
  return foldAccents(baseNormalize(raw));
}

export type TokenMode = 'index' | 'units';

export interface TokenSpan {
  /** The raw text of the token (a slice of the input, or a CJK bigram). */
  text: string;
  start: number;
  end: number;
}

let segmenter: Intl.Segmenter | null = null;
function getSegmenter(): Intl.Segmenter {
  if (!segmenter) segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
  return segmenter;
}

type RunKind = 0 | 1 | 2; // 0 plain, 1 CJK, 2 dictionary-segmented

function charKind(ch: string): RunKind {
  if (CJK_CHAR_RE.test(ch)) return 1;
  if (SEG_CHAR_RE.test(ch)) return 2;
  return 0;
}

function emitSpecial(
  word: string,
  base: number,
  mode: TokenMode,
  emit: (text: string, start: number, end: number) => void,
): void {
  // Split the word into runs by kind; marks keep the kind of the letter they follow.
  let runStart = 0;
  let runKind: RunKind = -1 as RunKind;
  let i = 0;
  const flush = (end: number): void => {
    if (end <= runStart) return;
    const run = word.slice(runStart, end);
    const at = base + runStart;
    if (runKind === 1) {
      const chars = Array.from(run);
      if (mode === 'units' || chars.length === 1) {
        let off = 0;
        for (const c of chars) {
          emit(c, at + off, at + off + c.length);
          off += c.length;
        }
      } else {
        let off = 0;
        for (let k = 0; k + 1 < chars.length; k++) {
          const a = chars[k] as string;
          const b = chars[k + 1] as string;
          emit(a + b, at + off, at + off + a.length + b.length);
          off += a.length;
        }
      }
    } else if (runKind === 2 && mode === 'units') {
      // Phrase verification compares code points: immune to segmenter choices in context.
      let off = 0;
      for (const c of run) {
        emit(c, at + off, at + off + c.length);
        off += c.length;
      }
    } else if (runKind === 2) {
      for (const s of getSegmenter().segment(run)) {
        if (s.isWordLike) emit(s.segment, at + s.index, at + s.index + s.segment.length);
      }
    } else {
      emit(run, at, base + end);
    }
  };
  while (i < word.length) {
    const cp = word.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    let kind = charKind(ch);
    if (/\p{M}/u.test(ch) && runKind !== (-1 as RunKind)) kind = runKind;
    if (kind !== runKind) {
      flush(i);
      runStart = i;
      runKind = kind;
    }
    i += ch.length;
  }
  flush(word.length);
}

/**
 * Calls `emit` for each token of `text` with its raw text and offsets in `text`.
 * 'index' mode turns CJK runs into bigrams and Thai/Lao/Khmer/Myanmar runs into dictionary words
 * (what the index stores); 'units' mode yields single characters for both (phrase verification).
 */
export function forEachToken(
  text: string,
  emit: (text: string, start: number, end: number) => void,
  mode: TokenMode = 'index',
): void {
  const special = SPECIAL_RE.test(text);
  const re = new RegExp(WORD_SOURCE, 'gu');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const word = m[0];
    if (special && SPECIAL_RE.test(word)) emitSpecial(word, m.index, mode, emit);
    else emit(word, m.index, m.index + word.length);
  }
}

export function tokenize(text: string, mode: TokenMode = 'index'): TokenSpan[] {
  const out: TokenSpan[] = [];
  forEachToken(text, (t, start, end) => out.push({ text: t, start, end }), mode);
  return out;
}

export function isCjk(word: string): boolean {
  return CJK_CHAR_RE.test(word);
}

/** Rough script class of a folded word, to pick the stemmers that apply to it. */
export type ScriptClass = 'latin' | 'cyrillic' | 'arabic' | 'greek' | 'hebrew' | 'other';
const LATIN_RE = /^[\p{sc=Latin}\p{N}]+$/u;
const CYRILLIC_RE = /^[\p{sc=Cyrillic}\p{M}\p{N}]+$/u;
const ARABIC_RE = /^[\u0621-\u064A\p{N}]+$/u;
const GREEK_RE = /^[\p{sc=Greek}\p{M}\p{N}]+$/u;
const HEBREW_RE = /^[\p{sc=Hebrew}\p{N}]+$/u;

export function scriptOf(word: string): ScriptClass {
  if (ASCII_WORD_RE.test(word) || LATIN_RE.test(word)) return 'latin';
  if (CYRILLIC_RE.test(word)) return 'cyrillic';
  if (ARABIC_RE.test(word)) return 'arabic';
  if (GREEK_RE.test(word)) return 'greek';
  if (HEBREW_RE.test(word)) return 'hebrew';
  return 'other';
}

/** Whole words as typed (no CJK bigrams, no dictionary segmentation): the query parser's unit. */
export function words(text: string): TokenSpan[] {
  const out: TokenSpan[] = [];
  const re = new RegExp(WORD_SOURCE, 'gu');
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null)
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}
