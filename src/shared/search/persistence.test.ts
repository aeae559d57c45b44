import { describe, expect, it } from 'vitest';
import { InvalidInputError, isVaultError } from '../errors';
import { MANIFEST_ID, SearchEngine } from './engine';
import type { SearchDoc } from './types';
import { testDoc } from './test-doc';

function doc(id: string, body: string, fields: Partial<SearchDoc> = {}): SearchDoc {
  return testDoc(id, { lang: 'es', body, ...fields });
}

const WORDS = [
  'violencia',
  'política',
  'derechos',
  'mujeres',
  'periodista',
  'amenazas',
  'tribunal',
  'escuela',
  'trabajo',
  'familia',
  'salud',
  'denuncia',
  'policía',
  'frontera',
  'refugio',
  'sindicato',
];

/** Deterministic pseudo-random documents. */
function docs(n: number, seed = 1): SearchDoc[] {
  let x = seed;
  const rnd = () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
  return Array.from({ length: n }, (_, i) => {
    const body = Array.from(
      { length: 30 },
      () => WORDS[Math.floor(rnd() * rnd() * WORDS.length)],
    ).join(' ');
    return doc(`d${i}`, body, {
      title: WORDS[i % WORDS.length] as string,
      tags: i % 3 ? ['Salud'] : ['Trabajo'],
      date: `${2000 + (i % 20)}`,
      hasAttachments: i % 2 === 0,
    });
  });
}

const QUERIES = ['violencia', 'derechos mujeres', 'polic', 'escuela trabajo', 'sindicato', 'salud'];

/** A stand-in for the lead's encrypted blob store. */
class Store {
  readonly blobs = new Map<string, Uint8Array>();
  save(engine: SearchEngine): { written: string[]; deleted: string[] } {
    const dirty = engine.dirtySegments();
    for (const { id, bytes } of dirty) this.blobs.set(id, bytes.slice());
    const deleted = engine.removedSegments();
    for (const id of deleted) this.blobs.delete(id);
    engine.markClean();
    return { written: dirty.map((d) => d.id), deleted };
  }
  load(): SearchEngine {
    return SearchEngine.load([...this.blobs.values()].map((b) => b.slice()));
  }
}

function results(engine: SearchEngine) {
  return QUERIES.map((q) =>
    engine.search(q, { limit: 100, filters: q === 'salud' ? { hasAttachments: true } : {} }),
  );
}

describe('persistence', () => {
  it('round-trips: dirtySegments -> load gives the same results', () => {
    const engine = SearchEngine.create({ segmentTarget: 100 });
    engine.upsertMany(docs(350));
    const store = new Store();
    store.save(engine);
    expect([...store.blobs.keys()].sort()).toEqual(engine.segmentIds().sort());
    const loaded = store.load();
    expect(loaded.size()).toBe(350);
    expect(results(loaded)).toEqual(results(engine));
    expect(results(engine)[0]!.total).toBeGreaterThan(0);
  });

  it('writes only what changed and deletes what went away', () => {
    const engine = SearchEngine.create({ segmentTarget: 100, deltaMax: 10 });
    engine.upsertMany(docs(300));
    const store = new Store();
    store.save(engine);
    expect(engine.dirtySegments()).toEqual([]);
    expect(engine.removedSegments()).toEqual([]);

    // One new document: only the delta and the manifest are rewritten.
    engine.upsert(doc('new', 'una denuncia nueva sobre la frontera'));
    const first = store.save(engine);
    expect(first.written).toHaveLength(2);
    expect(first.written).toContain(MANIFEST_ID);
    expect(first.deleted).toEqual([]);

    // Deleting a document of a sealed segment: a tombstone in the manifest only.
    engine.remove('d250');
    expect(store.save(engine).written).toEqual([MANIFEST_ID]);

    // Editing and compacting replaces segments; the old blobs are reported removed.
    for (let i = 0; i < 40; i++) engine.upsert(doc(`d${i}`, 'texto cambiado sobre el sindicato'));
    engine.compact();
    const compacted = store.save(engine);
    expect(compacted.deleted.length).toBeGreaterThan(0);
    expect([...store.blobs.keys()].sort()).toEqual(engine.segmentIds().sort());

    const loaded = store.load();
    expect(loaded.size()).toBe(engine.size());
    expect(loaded.has('d250')).toBe(false);
    expect(loaded.has('new')).toBe(true);
    expect(results(loaded)).toEqual(results(engine));
    expect(loaded.search('cambiado').total).toBe(40);

    // A loaded engine keeps working and persisting.
    loaded.upsert(doc('after', 'refugio'));
    loaded.remove('d200');
    store.save(loaded);
    const again = store.load();
    expect(results(again)).toEqual(results(loaded));
    expect(again.has('after')).toBe(true);
    expect(again.has('d200')).toBe(false);
  });

  it('persists an empty index and deleted deltas', () => {
    const store = new Store();
    const engine = SearchEngine.create();
    store.save(engine);
    expect([...store.blobs.keys()]).toEqual([MANIFEST_ID]);
    expect(store.load().size()).toBe(0);
    engine.upsert(doc('a', 'violencia'));
    store.save(engine);
    expect(store.blobs.size).toBe(2);
    engine.remove('a');
    const { deleted } = store.save(engine);
    expect(deleted).toHaveLength(1);
    expect(store.blobs.size).toBe(1);
    expect(store.load().search('violencia').total).toBe(0);
    expect(SearchEngine.load([]).size()).toBe(0);
  });

  it('allSegments() rebuilds the same engine, delta and deletions included, and hands out copies', () => {
    const engine = SearchEngine.create({ deltaMax: 7 });
    engine.upsertMany(docs(40));
    engine.remove('d3');
    engine.upsert(doc('d5', 'frontera refugio nuevo'));
    engine.upsert(doc('late', 'sindicato tribunal')); // still in the delta
    const blobs = engine.allSegments();
    expect(blobs.map((b) => b.id).sort()).toEqual(engine.segmentIds().sort());
    const copy = SearchEngine.load(blobs.map((b) => b.bytes));
    expect(copy.size()).toBe(engine.size());
    for (const query of ['violencia', 'refugio nuevo', 'sindicato', 'salud familia']) {
      expect(copy.search(query, { limit: 50 })).toEqual(engine.search(query, { limit: 50 }));
    }
    // The receiver owns its arrays: changing them leaves the engine intact.
    for (const b of blobs) b.bytes.fill(0);
    expect(SearchEngine.load(engine.allSegments().map((b) => b.bytes)).size()).toBe(engine.size());
  });

  it('ignores and reports blobs the manifest does not name', () => {
    const a = SearchEngine.create();
    a.upsert(doc('a', 'violencia'));
    const stray = SearchEngine.create({ deltaMax: 1 });
    for (const d of docs(5)) stray.upsert(d);
    const ours = a.segmentIds();
    const strayBlob = stray.dirtySegments().find((d) => !ours.includes(d.id))!;
    const blobs = a.dirtySegments().map((d) => d.bytes);
    const loaded = SearchEngine.load([...blobs, strayBlob.bytes]);
    expect(loaded.size()).toBe(1);
    expect(loaded.removedSegments()).toEqual([strayBlob.id]);
  });

  describe('an authenticated load (blobs the vault opened with AEAD)', () => {
    const authenticated = (blobs: Uint8Array[]) =>
      SearchEngine.load(
        blobs.map((b) => b.slice()),
        { authenticated: true },
      );

    it('gives the results of a checked load, and updates work on it', () => {
      const engine = SearchEngine.create({ segmentTarget: 100 });
      engine.upsertMany(docs(350));
      const blobs = engine.dirtySegments().map((b) => b.bytes);
      const loaded = authenticated(blobs);
      const checked = SearchEngine.load(blobs.map((b) => b.slice()));
      expect(results(loaded)).toEqual(results(checked));
      // The map of where each document is comes on first need: updates, removals, has().
      expect(loaded.has('d7')).toBe(true);
      expect(loaded.has('nope')).toBe(false);
      for (const e of [loaded, checked]) {
        e.upsert(doc('d7', 'sindicato frontera'));
        e.remove('d8');
        e.upsert(doc('new', 'violencia sindicato'));
      }
      expect(loaded.size()).toBe(350);
      expect(results(loaded)).toEqual(results(checked));
      expect(loaded.has('d8')).toBe(false);
    });

    it('skips the checksum and the term order, never the structure', () => {
      const engine = SearchEngine.create();
      engine.upsertMany(docs(50));
      const blobs = engine.dirtySegments();
      const manifest = blobs.find((b) => b.id === MANIFEST_ID)!.bytes;
      const segment = blobs.find((b) => b.id !== MANIFEST_ID)!.bytes;
      // The stored checksum itself changed: only the checked load notices.
      const crc = segment.slice();
      crc[5] = (crc[5] as number) ^ 0x01;
      expect(() => SearchEngine.load([manifest.slice(), crc])).toThrow(/checksum/);
      expect(authenticated([manifest, crc]).size()).toBe(50);
      // A cut segment is refused by both: its structure does not hold.
      expect(() => authenticated([manifest, segment.slice(0, segment.length - 3)])).toThrow(
        InvalidInputError,
      );
    });
  });

  describe('malformed bytes', () => {
    const engine = SearchEngine.create();
    engine.upsertMany(docs(50));
    const blobs = engine.dirtySegments();
    const manifest = blobs.find((b) => b.id === MANIFEST_ID)!.bytes;
    const segment = blobs.find((b) => b.id !== MANIFEST_ID)!.bytes;

    function rejects(list: Uint8Array[], message: RegExp): void {
      let caught: unknown;
      try {
        SearchEngine.load(list);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InvalidInputError);
      expect(isVaultError(caught) && caught.code).toBe('INPUT.INVALID');
      expect((caught as Error).message).toMatch(message);
    }

    it('loads the intact blobs', () => {
      expect(SearchEngine.load([manifest, segment]).size()).toBe(50);
    });

    it('rejects flipped bits anywhere in a segment', () => {
      for (const at of [0, 4, 7, 20, Math.floor(segment.length / 2), segment.length - 1]) {
        const bad = segment.slice();
        bad[at] = (bad[at] as number) ^ 0x40;
        rejects([manifest, bad], /search index segment is malformed/i);
      }
    });

    it('rejects truncated, empty and foreign bytes', () => {
      rejects([manifest, segment.slice(0, segment.length - 3)], /malformed/);
      rejects([manifest, segment.slice(0, 5)], /malformed/);
      rejects([manifest, new Uint8Array(0)], /malformed/);
      rejects(
        [manifest, new TextEncoder().encode('{"version":"2.3.9","fields":[]}')],
        /not a search index segment/,
      );
      const badManifest = manifest.slice();
      badManifest[badManifest.length - 1] = (badManifest[badManifest.length - 1] as number) ^ 1;
      rejects([badManifest, segment], /manifest/);
    });

    it('rejects inconsistent sets of blobs', () => {
      rejects([segment], /no manifest/);
      rejects([manifest], /missing/);
      rejects([manifest, manifest, segment], /more than one manifest/);
      rejects([manifest, segment, segment], /duplicate segment/);
      rejects(['not bytes' as unknown as Uint8Array], /expected bytes/);
    });
  });
});
