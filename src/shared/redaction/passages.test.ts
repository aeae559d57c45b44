import { describe, expect, it } from 'vitest';
import { nameParts } from './name-parts';
import { PassageMatcher } from './passages';

function marked(text: string, passages: string[]): string[] {
  return new PassageMatcher(passages).find(text).map((m) => text.slice(m.start, m.end));
}

describe('passages: found the way search finds words', () => {
  it('ignores case, accents and the spacing between words', () => {
    expect(
      marked('Vi a LEÏLA en la Calle\nHidalgo, y a leila.', ['Leila', 'calle hidalgo']),
    ).toEqual(['LEÏLA', 'Calle\nHidalgo', 'leila']);
  });

  it('folds Arabic diacritics and letter variants, and keeps a proclitic outside the match', () => {
    const text = 'قالت لَيْلَى إنها رأت ليلي. وليلى لم تعد، فلِليلى حق.';
    expect(marked(text, ['ليلى'])).toEqual(['لَيْلَى', 'ليلي', 'ليلى', 'ليلى']);
    const [, , withAnd] = new PassageMatcher(['ليلى']).find(text);
    expect(text.slice(withAnd!.start - 1, withAnd!.start)).toBe('و');
  });

  it('never cuts a word, and reports the words that only contain a passage', () => {
    const matcher = new PassageMatcher(['Ana']);
    expect(matcher.find('Banana, Anabel y ana.').map((m) => m.start)).toEqual([17]);
    expect(matcher.missed('Banana, Anabel y ana.').map((m) => m.form)).toEqual([
      'Banana',
      'Anabel',
    ]);
  });

  it('prefers the longest passage, and matches scripts without spaces as written', () => {
    expect(marked('Maria Lopez met Maria.', ['Maria', 'Maria Lopez'])).toEqual([
      'Maria Lopez',
      'Maria',
    ]);
    expect(marked('王芳说她在工厂', ['王芳'])).toEqual(['王芳']);
  });

  it('finds nothing when there is nothing to find', () => {
    expect(new PassageMatcher(['', '  ', '—']).empty).toBe(true);
    expect(marked('', ['x'])).toEqual([]);
  });
});

describe('name parts', () => {
  it('splits a name into the parts that identify, without particles or initials', () => {
    expect(nameParts('ليلى حسن')).toEqual(['ليلى', 'حسن']);
    expect(nameParts('María de la Cruz J.')).toEqual(['María', 'Cruz']);
    expect(nameParts('Fatima bint Ahmed al-Idrissi')).toEqual(['Fatima', 'Ahmed', 'Idrissi']);
    expect(nameParts('Jean-Pierre JEAN')).toEqual(['Jean', 'Pierre']);
  });
});
