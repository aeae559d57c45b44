import { describe, expect, it } from 'vitest';
import { MANIFEST_ID, SearchEngine } from './engine';
import { testDoc } from './test-doc';

/** The blobs of an index as they are stored: segment id -> bytes. */
function stored(engine: SearchEngine): Map<string, Uint8Array> {
  return new Map(engine.dirtySegments().map((s) => [s.id, s.bytes]));
}

describe('SearchEngine.persistedIds (what tvault verify reads)', () => {
  it('yields the live ids of every segment, tombstones left out, as load sees them', () => {
    const engine = SearchEngine.create({ segmentTarget: 50, deltaMax: 10 });
    engine.upsertMany(Array.from({ length: 170 }, (_, i) => testDoc(`d${i}`, { body: 'texto' })));
    engine.upsert(testDoc('late', { body: 'otra' }));
    engine.remove('d7');
    engine.remove('d120');
    const blobs = stored(engine);
    const ids = [...SearchEngine.persistedIds((id) => blobs.get(id)!)];
    const loaded = SearchEngine.load([...blobs.values()]);
    expect(ids).toHaveLength(loaded.size());
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain('d7');
    expect(ids).not.toContain('d120');
    for (const id of ids) expect(loaded.has(id)).toBe(true);
  });

  it('reads one segment at a time, only as the ids are consumed', () => {
    const engine = SearchEngine.create({ segmentTarget: 50 });
    engine.upsertMany(Array.from({ length: 200 }, (_, i) => testDoc(`d${i}`, { body: 'texto' })));
    const blobs = stored(engine);
    expect(blobs.size).toBeGreaterThan(3);
    const read: string[] = [];
    const ids = SearchEngine.persistedIds((id) => (read.push(id), blobs.get(id)!));
    ids.next();
    expect(read).toHaveLength(2);
    expect(read[0]).toBe(MANIFEST_ID);
  });

  it('a damaged or missing segment throws, as load does', () => {
    const engine = SearchEngine.create({ segmentTarget: 50 });
    engine.upsertMany(Array.from({ length: 120 }, (_, i) => testDoc(`d${i}`, { body: 'texto' })));
    const blobs = stored(engine);
    const victim = [...blobs.keys()].find((id) => id !== MANIFEST_ID)!;
    const damaged = Uint8Array.from(blobs.get(victim)!);
    damaged[damaged.length - 1]! ^= 1;
    blobs.set(victim, damaged);
    expect(() => [...SearchEngine.persistedIds((id) => blobs.get(id)!)]).toThrow();
    blobs.delete(victim);
    expect(() => [
      ...SearchEngine.persistedIds((id) => {
        const bytes = blobs.get(id);
        if (!bytes) throw new Error(`missing ${id}`);
        return bytes;
      }),
    ]).toThrow();
  });
});
