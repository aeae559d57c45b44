import { describe, expect, it } from 'vitest';
import { createCorpus, rng } from '../../../bench/corpus';
import { forEachToken } from './text';
import { sortedOrder } from './string-sort';

function viaRadix(list: string[]): string[] {
  return Array.from(sortedOrder(list), (i) => list[i] as string);
}

describe('sortedOrder', () => {
  it("gives Array.prototype.sort's order on strings of every kind of code unit", () => {
    const random = rng(7);
    const alphabets = [
      ['a', 'b', 'c', 'ab'],
      ['a', 'b', 'á', 'ñ', 'д', 'ж', 'ا', 'न', '中', '\u{1F600}', '\uE000', '\uFFFF', '\uD800', ''],
    ];
    for (let round = 0; round < 300; round++) {
      const alphabet = alphabets[round % 2] as string[];
      const list: string[] = [];
      const n = Math.floor(random() * (round < 290 ? 400 : 5000));
      for (let i = 0; i < n; i++) {
        let w = '';
        const length = Math.floor(random() * 9);
        for (let j = 0; j < length; j++) w += alphabet[Math.floor(random() * alphabet.length)];
        list.push(w);
      }
      expect(viaRadix(list)).toEqual([...list].sort());
    }
  });

  it('sorts the distinct words of the multilingual corpus like the native sort', () => {
    const corpus = createCorpus(3);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) forEachToken(corpus.doc(i).body, (w) => seen.add(w));
    const list = [...seen];
    expect(list.length).toBeGreaterThan(20_000);
    expect(viaRadix(list)).toEqual([...list].sort());
    expect(viaRadix([])).toEqual([]);
  });
});
