import { franc } from 'franc-min';

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
 * Guesses the language of a text when the user gave none (franc-min, trigram statistics).
 * Returns '' when the text is too short or the language is not one we map: guessing wrong
 * would stem with the wrong rules, which is worse than not stemming.
 */
export function detectLanguage(text: string): string {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const code = franc(sample, { minLength: 20 });
  return ISO3_TO_BCP47[code] ?? '';
}
