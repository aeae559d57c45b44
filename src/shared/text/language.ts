import { guessIso639_3 } from './trigram-guess';

/**
 * ISO 639-3 codes that franc-min returns, mapped to the BCP-47 tags the vault stores. Only the
 * languages with a two-letter code are mapped; franc-min covers the 82 most spoken languages.
 */
const ISO3_TO_BCP47: Record<string, string> = {
  arb: 'ar',
  ara: 'ar',
  ary: 'ar',
  arz: 'ar',
  spa: 'es',
  fra: 'fr',
  por: 'pt',
  eng: 'en',
  rus: 'ru',
  hin: 'hi',
  urd: 'ur',
  ben: 'bn',
  swh: 'sw',
  hau: 'ha',
  deu: 'de',
  ita: 'it',
  tur: 'tr',
  pes: 'fa',
  fas: 'fa',
  ukr: 'uk',
  cmn: 'zh',
  zho: 'zh',
  jpn: 'ja',
  kor: 'ko',
  tha: 'th',
  vie: 'vi',
  ind: 'id',
  zlm: 'ms',
  tam: 'ta',
  tel: 'te',
  mar: 'mr',
  guj: 'gu',
  pan: 'pa',
  yor: 'yo',
  ibo: 'ig',
  amh: 'am',
  nld: 'nl',
  pol: 'pl',
  ron: 'ro',
  ell: 'el',
  heb: 'he',
  hun: 'hu',
  swe: 'sv',
  tgl: 'tl',
  kan: 'kn',
  mal: 'ml',
  npi: 'ne',
  sin: 'si',
  mya: 'my',
  khm: 'km',
  uzn: 'uz',
  kaz: 'kk',
  azj: 'az',
  som: 'so',
};

/**
 * How much of the text the guess reads. franc-min reads at most 2,048 characters, and its cost
 * grows with the sample (trigrams to count, then each compared with every language of the
 * script); 1,000 characters still give more distinct trigrams than the 300 of each language
 * model (350 or more in nine chunks of ten of the UDHR). Measured (docs/search.md, "Language
 * guess"): the same guesses on the bench corpus, 295 against 297 right of 300 UDHR chunks of the
 * languages franc-min knows (the differences are Bosnian / Croatian / Serbian), no more texts
 * of unknown languages given a stemmed language, at about half the CPU time.
 */
export const GUESS_SAMPLE_CHARS = 1000;

/**
 * Guesses the language of a text when the user gave none (franc-min's trigram statistics,
 * computed as franc-min does by trigram-guess.ts, on the text's first GUESS_SAMPLE_CHARS
 * characters). Returns '' when the text is too short or the
 * language is not one we map: guessing wrong would stem with the wrong rules, which is worse
 * than not stemming. All of franc-min's languages stay candidates: restricting them to the
 * mapped ones would be cheaper but would give a mapped language (and its stemmer) to texts in
 * languages it does not map.
 */
export function detectLanguage(text: string): string {
  const sample = text.length > GUESS_SAMPLE_CHARS ? text.slice(0, GUESS_SAMPLE_CHARS) : text;
  const code = guessIso639_3(sample, 20);
  return ISO3_TO_BCP47[code] ?? '';
}
