import { type ReactNode, createContext, useContext, useLayoutEffect, useMemo } from 'react';
import {
  type Language,
  type MessageKey,
  type MessageParams,
  directionOf,
  translate,
} from '../../../shared/i18n';

export interface I18n {
  language: Language;
  /** The locale dates and numbers are formatted in: the language, with the chosen region. */
  locale: string;
  dir: 'ltr' | 'rtl';
  t: (key: MessageKey, params?: MessageParams) => string;
  /** A timestamp (ISO 8601) as a date and time in the UI's locale. */
  dateTime: (iso: string) => string;
  /** A record date: YYYY, YYYY-MM or YYYY-MM-DD, each shown with its own precision. */
  partialDate: (value: string | null) => string;
  number: (value: number) => string;
  bytes: (value: number) => string;
  languageName: (tag: string) => string;
  /** "a, b and c" in the UI's language. */
  list: (items: string[]) => string;
}

const Context = createContext<I18n | null>(null);

/** "ar" + "MA" -> "ar-MA"; a region Intl does not know is left out. */
export function formatLocale(language: Language, region = ''): string {
  if (!region) return language;
  try {
    return Intl.getCanonicalLocales(`${language}-${region}`)[0] ?? language;
  } catch {
    return language;
  }
}

export function makeI18n(language: Language, region = ''): I18n {
  const locale = formatLocale(language, region);
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const numberFormat = new Intl.NumberFormat(locale);
  const names = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
  const listFormat = new Intl.ListFormat(language, { type: 'conjunction' });
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  return {
    language,
    locale,
    dir: directionOf(language),
    t: (key, params) => translate(language, key, params),
    dateTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
    },
    partialDate: (value) => {
      if (!value) return '';
      const [y, m, d] = value.split('-').map(Number);
      // Noon UTC, formatted in UTC: the calendar day never shifts with the time zone.
      const date = new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1, 12));
      const options: Intl.DateTimeFormatOptions =
        d !== undefined
          ? { dateStyle: 'long', timeZone: 'UTC' }
          : m !== undefined
            ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
            : { year: 'numeric', timeZone: 'UTC' };
      return Number.isNaN(date.getTime())
        ? value
        : new Intl.DateTimeFormat(locale, options).format(date);
    },
    number: (value) => numberFormat.format(value),
    bytes: (value) => {
      // Decimal units, as the unit names (kB, MB) say.
      let unit = 0;
      let scaled = value;
      while (scaled >= 1000 && unit < units.length - 1) {
        scaled /= 1000;
        unit += 1;
      }
      return new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: units[unit],
        unitDisplay: unit === 0 ? 'long' : 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      }).format(scaled);
    },
    list: (items) => listFormat.format(items),
    languageName: (tag) => {
      if (!tag) return '';
      try {
        return names.of(tag) ?? tag;
      } catch {
        return tag;
      }
    },
  };
}

/** Provides the UI language and sets lang/dir on <html>, so the whole layout mirrors in Arabic. */
export function I18nProvider({
  language,
  region,
  children,
}: {
  language: Language;
  region?: string;
  children: ReactNode;
}) {
  const value = useMemo(() => makeI18n(language, region), [language, region]);
  useLayoutEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = value.dir;
    document.title = value.t('app.title');
  }, [language, value]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
