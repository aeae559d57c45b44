import { describe, expect, it } from 'vitest';
import { diffWords, tokenize } from './diff';

/** Rebuilds both sides from a diff: a correct diff must give back exactly the two texts. */
function sides(parts: ReturnType<typeof diffWords>): [string, string] {
  let before = '';
  let after = '';
  for (const p of parts) {
    if (p.op !== 'insert') before += p.text;
    if (p.op !== 'delete') after += p.text;
  }
  return [before, after];
}

describe('diffWords', () => {
  it('marks a changed word and keeps the rest equal', () => {
    const parts = diffWords('the quick brown fox', 'the slow brown fox');
    expect(parts).toEqual([
      { op: 'equal', text: 'the ' },
      { op: 'delete', text: 'quick' },
      { op: 'insert', text: 'slow' },
      { op: 'equal', text: ' brown fox' },
    ]);
  });

  it('handles Arabic text and empty sides', () => {
    expect(diffWords('', 'شهادة جديدة')).toEqual([{ op: 'insert', text: 'شهادة جديدة' }]);
    expect(diffWords('شهادة', '')).toEqual([{ op: 'delete', text: 'شهادة' }]);
    const parts = diffWords('تعرضت للتحرش في العمل', 'تعرضت للتهديد في العمل');
    expect(parts.filter((p) => p.op === 'delete').map((p) => p.text)).toEqual(['للتحرش']);
    expect(parts.filter((p) => p.op === 'insert').map((p) => p.text)).toEqual(['للتهديد']);
  });

  it('always reconstructs both texts, on random edits', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const words = ['a', 'b', 'c', 'd', 'e', 'اسم', 'ñu'];
    for (let round = 0; round < 200; round++) {
      const make = () =>
        Array.from({ length: rand(30) }, () => words[rand(words.length)]).join(
          rand(2) ? ' ' : '\n',
        );
      const before = make();
      const after = make();
      expect(sides(diffWords(before, after))).toEqual([before, after]);
    }
  });

  it('falls back to a whole replacement past the edit bound, still exact', () => {
    const before = Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ');
    const after = Array.from({ length: 500 }, (_, i) => `x${i}`).join(' ');
    const parts = diffWords(before, after, 10);
    expect(sides(parts)).toEqual([before, after]);
    expect(parts.some((p) => p.op === 'equal' && p.text.trim())).toBe(false);
  });

  it('tokenizes words and whitespace', () => {
    expect(tokenize('a  b\nc')).toEqual(['a', '  ', 'b', '\n', 'c']);
  });
});
