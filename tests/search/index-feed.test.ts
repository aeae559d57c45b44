/**
 * An import feeds the index workers with the records it writes (issue 16; index-feed.ts):
 * nothing is read back after the commit, the index is the one a reindex builds, and what was
 * built for an import that failed never becomes part of the index.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ImportRow } from '../../src/core/records/import-transaction';
import { emptyFields } from '../../src/shared/records/types';
import type { SearchDoc } from '../../src/shared/search';
import { createCorpus } from '../../bench/corpus';
import { SearchService } from '../../src/core/search/search-service';
import { SegmentWorkers } from '../../src/core/search/segment-workers';
import { withRawDb } from '../helpers/raw-db';
import { useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();
const corpus = createCorpus(7);
const QUERIES = [...corpus.queries(20, 1), ...corpus.queries(10, 2), 'derechos', 'حقوق'];

function fieldsOf(d: SearchDoc, withLang: boolean) {
  return {
    ...emptyFields(),
    title: d.title,
    body: d.body.slice(0, 250),
    lang: withLang ? d.lang : '',
    narrator: d.narrator,
    place: d.place,
    tags: d.tags,
    notes: d.notes,
  };
}

/** Segments built and merges done by the index workers so far. */
const done = { builds: 0, merges: 0 };

async function* rows(from: number, count: number, failAfter = Infinity): AsyncGenerator<ImportRow> {
  for (let i = 0; i < count; i++) {
    if (i === failAfter) {
      // Once the workers built two batches and merged them (stored inside the transaction).
      while (done.builds < 2 || done.merges < 1) await new Promise((r) => setTimeout(r, 20));
      throw new Error('the source broke');
    }
    // Short bodies (the test's time); every third without a language: the worker guesses it.
    yield { line: i + 1, fields: fieldsOf(corpus.doc(from + i), i % 3 !== 0) };
  }
}

function results(search: { search: (q: string, o: { limit: number }) => unknown }) {
  return QUERIES.map((q) => search.search(q, { limit: 30 }));
}

function stored(dir: string) {
  return withRawDb(dir, (db) => ({
    pending: (db.prepare('SELECT count(*) AS n FROM search_pending').get() as { n: number }).n,
    segments: db.prepare('SELECT id, sealed FROM search_segments ORDER BY id').all() as {
      id: string;
      sealed: Uint8Array;
    }[],
  }));
}

describe('an import feeding the index', () => {
  it('into a new vault reads no record back, and gives the index a reindex gives', async () => {
    const { dir, vault } = await vaults.create();
    const get = vi.spyOn(vault.records, 'get');
    const report = await vault.importRows(rows(0, 1300));
    expect(report.imported).toBe(1300);
    // Before: every imported record was read back (decrypted, its language guessed).
    expect(get).not.toHaveBeenCalled();
    get.mockRestore();
    expect(vault.search.catchingUp).toBe(false);
    const fed = results(vault.search);
    vault.close();
    expect(stored(dir).pending).toBe(0);
    const reopened = await vaults.open(dir);
    expect(results(reopened.search)).toEqual(fed);
    await reopened.search.reindexInWorkers();
    expect(results(reopened.search)).toEqual(fed);
  }, 120_000);

  it('into a vault with an index adds to it, as indexing afterwards would', async () => {
    const { dir, vault } = await vaults.create();
    await vault.importRows(rows(0, 1100));
    vault.addRecords([fieldsOf(corpus.doc(5000), true)]);
    const get = vi.spyOn(vault.records, 'get');
    await vault.importRows(rows(1100, 1100));
    // Only the record added outside an import is read (it was pending).
    expect(get.mock.calls.length).toBeLessThanOrEqual(1);
    get.mockRestore();
    const fed = results(vault.search);
    expect(vault.search.engine().size()).toBe(2201);
    vault.close();
    expect(stored(dir).pending).toBe(0);
    const reopened = await vaults.open(dir);
    expect(results(reopened.search)).toEqual(fed);
    reopened.search.reindex();
    expect(results(reopened.search)).toEqual(fed);
  }, 120_000);

  it('that fails leaves the index as it was, in a new vault and in one with an index', async () => {
    const build = SegmentWorkers.prototype.build;
    const merge = SegmentWorkers.prototype.merge;
    vi.spyOn(SegmentWorkers.prototype, 'build').mockImplementation(function (
      this: SegmentWorkers,
      ...args
    ) {
      return build.apply(this, args).finally(() => (done.builds += 1));
    });
    vi.spyOn(SegmentWorkers.prototype, 'merge').mockImplementation(function (
      this: SegmentWorkers,
      ...args
    ) {
      return merge.apply(this, args).finally(() => (done.merges += 1));
    });
    // Batches of 1,000 documents merged into segments of about 2,000, so that 4,200 short
    // records are merged (stored, in a new vault) before the source breaks; an import merges
    // into segments of 32,768 otherwise.
    const startFeed = SearchService.prototype.startFeed;
    vi.spyOn(SearchService.prototype, 'startFeed').mockImplementation(function (
      this: SearchService,
      options = {},
    ) {
      return startFeed.call(this, { ...options, batch: 1000, segmentTarget: 2048 });
    });
    const { dir, vault } = await vaults.create();
    await expect(vault.importRows(rows(0, 4300, 4200))).rejects.toThrow('the source broke');
    expect(vault.search.catchingUp).toBe(false);
    vault.close();
    expect(stored(dir)).toEqual({ pending: 0, segments: [] });

    const second = await vaults.open(dir);
    await second.importRows(rows(0, 1100));
    const answers = results(second.search);
    second.close();
    const before = stored(dir);
    expect(before.segments.length).toBeGreaterThan(1);
    const third = await vaults.open(dir);
    done.builds = 0;
    done.merges = 0;
    await expect(third.importRows(rows(1100, 4300, 4200))).rejects.toThrow('the source broke');
    expect(results(third.search)).toEqual(answers);
    third.close();
    expect(stored(dir)).toEqual(before);
    const reopened = await vaults.open(dir);
    expect(results(reopened.search)).toEqual(answers);
    vi.restoreAllMocks();
  }, 300_000);
});
