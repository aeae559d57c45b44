import { describe, expect, it } from 'vitest';
import { LANG_TO_GUESS } from '../../src/core/search/doc-language';
import { LanguageLanes } from '../../src/core/search/language-lanes';
import { createCorpus } from '../../bench/corpus';

describe('language lanes', () => {
  it('keep each language on one lane, and the lanes within a rebalance of each other', () => {
    const corpus = createCorpus(5);
    const lanes = new LanguageLanes(2, 200_000);
    const seen = new Map<string, Set<number>>();
    let moves = 0;
    for (let i = 0; i < 3000; i++) {
      const d = corpus.doc(i);
      if (!d.lang) continue;
      const chars = d.title.length + d.body.length;
      const lane = lanes.take(d.lang, chars);
      const set = seen.get(d.lang) ?? new Set<number>();
      if (set.size > 0 && !set.has(lane)) moves++;
      set.add(lane);
      seen.set(d.lang, set);
      const [a, b] = lanes.loads() as [number, number];
      expect(Math.abs(a - b)).toBeLessThanOrEqual(200_000 + chars);
    }
    // 16 languages; moves happen only when a lane got ahead, a few times in 3,000 documents.
    expect(seen.size).toBe(16);
    expect(moves).toBeLessThan(20);
    expect([...seen.values()].filter((s) => s.size === 1).length).toBeGreaterThan(8);
  });

  it('treat regional variants as one language, and give documents to guess the lightest lane', () => {
    const lanes = new LanguageLanes(2, 1_000_000);
    expect(lanes.take('pt-BR', 100)).toBe(0);
    expect(lanes.take('es', 10)).toBe(1);
    expect(lanes.take('pt', 100)).toBe(0);
    expect(lanes.take('PT-pt', 100)).toBe(0);
    expect(lanes.take(LANG_TO_GUESS, 50)).toBe(1);
    expect(lanes.take(LANG_TO_GUESS, 50)).toBe(1);
    expect(lanes.take(LANG_TO_GUESS, 500)).toBe(1);
    expect(lanes.take('es', 10)).toBe(1);
    expect(lanes.loads()).toEqual([300, 620]);
  });

  it('move a language whose lane got too far ahead to the lightest lane', () => {
    const lanes = new LanguageLanes(2, 1000);
    expect(lanes.take('ar', 100)).toBe(0);
    expect(lanes.take('fr', 10)).toBe(1);
    for (let i = 0; i < 10; i++) expect(lanes.take('ar', 100)).toBe(0);
    // lane 0 holds 1,100, lane 1 10: more than 1,000 apart, so Arabic moves.
    expect(lanes.take('ar', 100)).toBe(1);
    expect(lanes.take('ar', 100)).toBe(1);
  });

  it('with one lane give everything to it', () => {
    const lanes = new LanguageLanes(1);
    expect([lanes.take('ar', 5), lanes.take('', 5), lanes.take(LANG_TO_GUESS, 5)]).toEqual([
      0, 0, 0,
    ]);
  });
});
