import { ar } from './messages/ar';
import { en, type MessageKey } from './messages/en';
import { es } from './messages/es';
import { fr } from './messages/fr';

/**
 * The UI's languages and a lookup that runs anywhere (main for dialogs, the renderer for
 * everything else). Messages are plain strings with {name} placeholders; sentences avoid
 * plural agreement ("Records: 3") because Arabic alone has six plural forms.
 */
export const LANGUAGES = ['en', 'ar', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export type { MessageKey };

export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ar: 'العربية',
  es: 'Español',
  fr: 'Français',
};

const RTL: ReadonlySet<Language> = new Set(['ar']);

const CATALOGUES: Record<Language, Record<MessageKey, string>> = { en, ar, es, fr };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return RTL.has(language) ? 'rtl' : 'ltr';
}

/** The best UI language for a system locale such as "ar-EG" or "fr_CA"; English otherwise. */
export function languageForLocale(locale: string): Language {
  const base = locale.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : 'en';
}

export type MessageParams = Record<string, string | number>;

/**
 * Looks a message up and fills its {placeholders}. Parameters are inserted as given (the
 * renderer formats numbers and dates with Intl before passing them).
 */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[language][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function catalogue(language: Language): Readonly<Record<MessageKey, string>> {
  return CATALOGUES[language];
}
