import { foldWord, words } from '../../../shared/search/text';

/**
 * Languages offered by the picker (any other BCP-47 tag can still be typed): those of the
 * groups the app is for, across MENA, West Africa, Latin America and Asia, with regional
 * Arabic where people name it so.
 */
export const LANGUAGE_CHOICES = [
  'ar',
  'ary',
  'arz',
  'apc',
  'fr',
  'es',
  'en',
  'pt',
  'pt-BR',
  'fa',
  'prs',
  'ur',
  'hi',
  'bn',
  'pa',
  'ne',
  'ps',
  'ku',
  'ckb',
  'tr',
  'kab',
  'zgh',
  'tzm',
  'sw',
  'ha',
  'yo',
  'ig',
  'wo',
  'ff',
  'bm',
  'am',
  'ti',
  'so',
  'rw',
  'ln',
  'zh',
  'th',
  'id',
  'ms',
  'fil',
  'my',
  'km',
  'vi',
  'ta',
  'si',
  'ru',
  'uk',
  'ka',
  'hy',
  'az',
  'kk',
  'uz',
  'ky',
  'tg',
  'de',
  'it',
  'nl',
  'pl',
  'ro',
  'qu',
  'ay',
  'gn',
  'he',
] as const;

export interface LanguageChoice {
  code: string;
  /** In the UI language ("Arabic", "árabe"). */
  name: string;
  /** In its own language and script ("العربية"). */
  autonym: string;
}

function displayName(code: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'code' }).of(code)!;
  } catch {
    return code;
  }
}

export function languageChoices(uiLanguage: string): LanguageChoice[] {
  return LANGUAGE_CHOICES.map((code) => ({
    code,
    name: displayName(code, uiLanguage),
    autonym: displayName(code, code),
  })).filter((c) => c.name !== c.code); // a runtime without a name for it: not offered
}

/** Folded words of a text: case, accents and Arabic letter variants do not count. */
function foldedWords(text: string): string[] {
  return words(text).map((w) => foldWord(w.text));
}

/**
 * The choices a typed text points to: the code itself, or any word of the name in the UI
 * language or of the autonym beginning with a typed word ("arab", "عرب", "espa", "pt-b").
 */
export function matchChoices(choices: readonly LanguageChoice[], typed: string): LanguageChoice[] {
  const query = typed.trim().toLowerCase();
  if (!query) return [...choices];
  const wanted = foldedWords(query);
  return choices.filter((c) => {
    if (c.code.toLowerCase().startsWith(query)) return true;
    if (wanted.length === 0) return false;
    const have = [...foldedWords(c.name), ...foldedWords(c.autonym)];
    // Inside a word too from three letters on: "عرب" is in "العربية" (article joined).
    return wanted.every((w) =>
      have.some((h) => h.startsWith(w) || (w.length >= 3 && h.includes(w))),
    );
  });
}
