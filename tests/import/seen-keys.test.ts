import { beforeAll, describe, expect, it } from 'vitest';
import { loadSodium } from '../../src/core/crypto/sodium';
import { SeenKeys } from '../../src/core/import/seen-keys';

beforeAll(async () => {
  await loadSodium();
});

describe('SeenKeys', () => {
  it('finds each key met before, with its position, across its growth', () => {
    const seen = new SeenKeys();
    const units = ['line', 'row', 'record'] as const;
    const keys = Array.from({ length: 5000 }, (_, i) => `jsonl:${i}`);
    const first = keys.map((key, i) => seen.seenBefore(key, { unit: units[i % 3]!, at: i + 1 }));
    expect(first.every((earlier) => earlier === null)).toBe(true);
    expect(seen.size).toBe(5000);
    const again = keys.map((key) => seen.seenBefore(key, { unit: 'line', at: 9_999_999 }));
    expect(again).toEqual(keys.map((_, i) => ({ unit: units[i % 3]!, at: i + 1 })));
    expect(seen.size).toBe(5000);
    expect(seen.seenBefore('jsonl:5000', { unit: 'row', at: 2 ** 40 })).toBeNull();
    expect(seen.seenBefore('jsonl:5000', { unit: 'line', at: 1 })).toEqual({
      unit: 'row',
      at: 2 ** 40,
    });
  });

  it('tells keys apart whatever their length, and a long key from its prefix', () => {
    const seen = new SeenKeys();
    const long = `csv:${'x'.repeat(1 << 20)}`;
    expect(seen.seenBefore(long, { unit: 'row', at: 3 })).toBeNull();
    expect(seen.seenBefore(long.slice(0, -1), { unit: 'row', at: 4 })).toBeNull();
    expect(seen.seenBefore('', { unit: 'row', at: 5 })).toBeNull();
    expect(seen.seenBefore(`${long.slice(0, -1)}x`, { unit: 'row', at: 6 })).toEqual({
      unit: 'row',
      at: 3,
    });
  });
});
