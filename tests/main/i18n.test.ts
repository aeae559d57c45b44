import { describe, expect, it } from 'vitest';
import {
  LANGUAGES,
  catalogue,
  directionOf,
  languageForLocale,
  translate,
} from '../../src/shared/i18n';
import { en } from '../../src/shared/i18n/messages/en';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  for (const language of LANGUAGES) {
    it(`${language}: every key, no empty message, the same placeholders as English`, () => {
      const messages = catalogue(language);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(text), `${language} ${key}`).toEqual(
          placeholders(en[key as keyof typeof en]),
        );
      }
    });
  }

  it('translated catalogues are translated (not copies of English)', () => {
    for (const language of ['ar', 'es', 'fr'] as const) {
      const messages = catalogue(language);
      const same = Object.keys(en).filter(
        (k) => messages[k as keyof typeof en] === en[k as keyof typeof en],
      );
      // Only names and codes may stay identical (the app name, "SHA-256:", format hints).
      expect(same.length, `${language}: ${same.join(', ')}`).toBeLessThan(8);
    }
  });
});

describe('lookup', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'archive.count', { shown: '3', total: '10' })).toBe('Showing 3 of 10');
    expect(translate('fr', 'pdf.page', { n: 2 })).toBe('Page 2 sur {total}');
  });

  it('knows which languages are right to left and maps system locales', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(LANGUAGES.filter((l) => directionOf(l) === 'rtl')).toEqual(['ar']);
    expect(languageForLocale('ar-EG')).toBe('ar');
    expect(languageForLocale('fr_CA')).toBe('fr');
    expect(languageForLocale('pt-BR')).toBe('en');
    expect(languageForLocale('')).toBe('en');
  });
});
