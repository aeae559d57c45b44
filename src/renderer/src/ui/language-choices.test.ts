import { describe, expect, it } from 'vitest';
import { languageChoices, matchChoices } from './language-choices';

const codes = (ui: string, typed: string) =>
  matchChoices(languageChoices(ui), typed).map((c) => c.code);

describe('the language picker finds a language by what people type', () => {
  it('by its name in the UI language, accents and case aside', () => {
    expect(codes('en', 'arab')[0]).toBe('ar');
    expect(codes('fr', 'ESPAGNOL')).toEqual(['es']);
    expect(codes('es', 'arabe')[0]).toBe('ar'); // "árabe" typed without the accent
    expect(codes('fr', 'persan')).toEqual(['fa']);
  });

  it('by its name in its own script, article and letter variants aside', () => {
    expect(codes('en', 'عرب')).toContain('ar');
    expect(codes('en', 'العربيه')).toContain('ar'); // teh marbuta typed as heh
    expect(codes('en', 'فارسي')).toEqual(['fa']); // Arabic yeh for the Persian one
    expect(codes('en', 'español')).toEqual(['es']);
  });

  it('by its code, and offers nothing for what names no language', () => {
    expect(codes('en', 'pt-b')).toEqual(['pt-BR']);
    expect(codes('en', 'zzqx')).toEqual([]);
    expect(codes('en', '').length).toBeGreaterThan(40);
  });
});
