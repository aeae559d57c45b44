import { IntegrityError } from '../../shared/errors';
import type { TestimonyRecord } from '../../shared/records/types';
import {
  MANIFEST_ID,
  type ParsedQuery,
  type SearchDoc,
  SearchEngine,
  type SearchFilters,
  type Snippet,
  makeSnippet,
  needsTextCheck,
  passesTextCheck,
} from '../../shared/search';
import { open, seal } from '../crypto/aead';
import { associatedData } from '../crypto/associated-data';
import type { KeyRing } from '../crypto/keyring';
import type { Db } from '../storage/db';
import { WORKERS_FROM_DOCS, indexInWorkers } from './bulk-index';
import { LANG_TO_GUESS, guessLanguage } from './doc-language';
import { IndexFeed } from './index-feed';
import { type StoredSegment, buildIndexToStore } from './streamed-build';
import { type MetaName, deleteMeta, hasMeta, putMeta, readMeta } from '../storage/tables/meta';
import { clearAllPending, clearPending, markPending, pendingIds } from '../storage/tables/search';
import {
  deleteAllSealedRows,
  deleteSealedRow,
  putSealedRow,
  sealedRow,
} from '../storage/tables/sealed-rows';

/** What the search service needs to know of a record's evidence (kept abstract: no cycle). */
export interface AttachmentTextSource {
  list(recordId: string): { id: string; description: string; hasText: boolean }[];
  text(id: string): string | null;
}

export interface RecordSource {
  get(id: string): TestimonyRecord;
  exists(id: string): boolean;
  ids(): string[];
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  filters?: SearchFilters;
}

export interface SearchResultItem {
  id: string;
  title: string;
  score: number;
  snippet: string;
  highlights: [number, number][];
}

export interface SearchResponse {
  results: SearchResultItem[];
  total: number;
}

/**
 * Bumped when the engine's segment format or text processing changes: a stored index of
 * another version is rebuilt from the records instead of being read.
 * 2: Indic nuktas folded (a word typed without one finds the word written with one).
 */
export const INDEX_FORMAT = 2;
const STATE_KEY = 'search_state' satisfies MetaName;

interface IndexState {
  v: number;
  format: number;
  segments: string[];
}

/**
 * The vault's search index: the shared engine (src/shared/search), persisted only as encrypted
 * segments. Writers never touch the index: a record change only notes the record id in
 * search_pending inside the same transaction. When the index is in use (search, the app), the
 * pending ids are applied and the changed segments sealed back, in one transaction. So the
 * index cannot go stale unnoticed, and a CLI `add` does not pay for loading it.
 */
export class SearchService {
  #engine: SearchEngine | null = null;

  constructor(
    private readonly db: Db,
    private readonly keys: KeyRing,
    private readonly vaultId: string,
    private readonly records: RecordSource,
    private readonly attachments: () => AttachmentTextSource | null,
  ) {}

  /** Records changed while a bulk index runs: they stay pending when it ends. */
  #changedDuringBuild: Set<string> | null = null;

  /**
   * True while a bulk index runs (indexPending, reindexInWorkers): it turns the event loop
   * between slices of its work, and a search meanwhile answers from what is indexed so far
   * rather than applying the pending records itself on this thread.
   */
  get catchingUp(): boolean {
    return this.#changedDuringBuild !== null || this.#feed !== null;
  }

  /** The import being indexed as it writes (startFeed), if any. */
  #feed: IndexFeed | null = null;

  /**
   * Notes that a record's searchable content changed. Call inside the write transaction, with
   * the record as written when there is one (an import in progress feeds it to the index).
   */
  markStale(recordId: string, record?: TestimonyRecord | null): void {
    markPending(this.db, recordId);
    this.#changedDuringBuild?.add(recordId);
    if (this.#feed) {
      if (record) this.#feed.add(record);
      else this.#feed.changed(recordId);
    }
  }

  /**
   * Starts indexing the records an import writes as it writes them (index-feed.ts); the
   * import then calls the feed's room() between rows, finish() after its commit (then
   * indexPending() for whatever the feed did not carry) or abandon() when it fails. Null when
   * the vault has records but no usable index, or a bulk index runs: indexPending() after the
   * commit does it all, as before.
   */
  startFeed(
    options: { workers?: number; batch?: number; segmentTarget?: number } = {},
  ): IndexFeed | null {
    if (this.catchingUp) return null;
    const fresh = this.records.ids().length === 0;
    const engine = fresh ? null : (this.#engine ?? this.#load());
    if (!fresh && !engine) return null;
    const docOf = (record: TestimonyRecord) => this.#bulkDoc(record);
    const ended = () => {
      this.#feed = null;
    };
    if (engine) {
      // Held in memory (as the index is) and added after the commit.
      this.#engine = engine;
      const kept: Uint8Array[] = [];
      this.#feed = new IndexFeed(
        {
          docOf,
          begin: () => undefined,
          nextId: () => engine.newSegmentId(),
          keep: (_id, bytes) => kept.push(bytes),
          commit: (indexed) => {
            for (const bytes of kept.splice(0)) engine.addSegment(bytes);
            this.#persist(engine, indexed);
          },
          ended,
        },
        options,
      );
      return this.#feed;
    }
    // An empty vault: a new index, stored segment by segment (streamed-build.ts). Segments
    // finished while the import's transaction is open are written in it; later ones are held
    // and written with the manifest and state after the commit.
    let seq = 0;
    const stored: StoredSegment[] = [];
    const held: { id: string; bytes: Uint8Array }[] = [];
    this.#feed = new IndexFeed(
      {
        docOf,
        begin: () => {
          this.#engine = null;
          deleteAllSealedRows(this.db, 'search_segments');
          deleteMeta(this.db, STATE_KEY);
        },
        nextId: () => SearchEngine.segmentIdAt(++seq),
        keep: (id, bytes, docCount) => {
          stored.push({ id, docCount });
          if (this.db.inTransaction) this.#storeSegment(id, bytes);
          else held.push({ id, bytes });
        },
        commit: (indexed) => {
          const segments = [MANIFEST_ID, ...stored.map((s) => s.id)];
          this.db.transaction(() => {
            for (const { id, bytes } of held.splice(0)) this.#storeSegment(id, bytes);
            this.#storeSegment(MANIFEST_ID, SearchEngine.manifestOf(stored));
            this.#storeState(segments);
            for (const id of indexed) clearPending(this.db, id);
          })();
        },
        ended,
      },
      options,
    );
    return this.#feed;
  }

  /**
   * Brings the stored index up to date now, with every core (worker threads), when many
   * records are pending (after an import): the next search then only loads it. With few
   * pending records this is what the next search would do anyway.
   */
  async indexPending(): Promise<void> {
    const pending = this.#pendingIds();
    if (pending.length < WORKERS_FROM_DOCS) {
      if (pending.length > 0) this.engine();
      return;
    }
    const loaded = this.#engine ?? this.#load();
    if (!loaded) {
      await this.reindexInWorkers();
      return;
    }
    // Searches meanwhile answer from it, as its segments arrive (engine()).
    this.#engine = loaded;
    const engine = await this.#bulk(loaded, pending);
    if (engine.needsCompaction()) engine.compact();
    this.#persist(engine, this.#stillPending(pending));
    this.#engine = engine;
  }

  /**
   * reindex() with every core: drops the stored index and builds it again from every record,
   * storing each segment as it is built instead of holding the index (streamed-build.ts), so
   * memory does not grow with the vault (an import into a new vault comes here). The index is
   * loaded by the next search. A crash meanwhile leaves no index, and the next use rebuilds it
   * from the records (never an index missing part of them).
   */
  async reindexInWorkers(): Promise<{ documents: number }> {
    this.#engine = null;
    this.db.transaction(() => {
      deleteAllSealedRows(this.db, 'search_segments');
      deleteMeta(this.db, STATE_KEY);
    })();
    this.#changedDuringBuild = new Set();
    let built: Awaited<ReturnType<typeof buildIndexToStore>>;
    try {
      built = await buildIndexToStore(
        this.records.ids(),
        (id) => (this.records.exists(id) ? this.#bulkDoc(this.records.get(id)) : null),
        (id, bytes) => this.#storeSegment(id, bytes),
      );
    } catch (error) {
      this.#changedDuringBuild = null;
      throw error;
    }
    const indexed = this.#stillPending(this.#pendingIds());
    const segments = [MANIFEST_ID, ...built.segments.map((s) => s.id)];
    this.db.transaction(() => {
      this.#storeSegment(MANIFEST_ID, SearchEngine.manifestOf(built.segments));
      this.#storeState(segments);
      for (const id of indexed) clearPending(this.db, id);
    })();
    return { documents: built.documents };
  }

  /** Runs indexInWorkers on `engine` over `ids`, noting the records changed meanwhile. */
  async #bulk(engine: SearchEngine, ids: readonly string[]): Promise<SearchEngine> {
    this.#changedDuringBuild = new Set();
    try {
      await indexInWorkers(engine, ids, (id) =>
        this.records.exists(id) ? this.#bulkDoc(this.records.get(id)) : null,
      );
      return engine;
    } catch (error) {
      this.#engine = null; // the in-memory index may hold part of the batches
      throw error;
    }
  }

  /** The applied ids that no write touched again while they were being indexed. */
  #stillPending(applied: readonly string[]): string[] {
    const changed = this.#changedDuringBuild;
    this.#changedDuringBuild = null;
    return changed ? applied.filter((id) => !changed.has(id)) : [...applied];
  }

  #pendingIds(): string[] {
    return pendingIds(this.db);
  }

  get isLoaded(): boolean {
    return this.#engine !== null;
  }

  /**
   * Loads the index (rebuilding it if missing, unreadable or of another format) and applies
   * pending changes. While a bulk index runs (catchingUp), the index as it stands: the records
   * it has not reached yet are not found until it ends (an empty index while a whole index is
   * being built and stored).
   */
  engine(): SearchEngine {
    if (this.catchingUp) return this.#engine ?? SearchEngine.create();
    if (!this.#engine) this.#engine = this.#load() ?? this.#rebuild();
    this.#applyPending(this.#engine);
    return this.#engine;
  }

  /** Applies pending changes only if the index is already in memory (the app after each edit). */
  refreshIfLoaded(): void {
    if (this.#engine && !this.catchingUp) this.#applyPending(this.#engine);
  }

  /** Drops the stored index and builds it again from every record. */
  reindex(): { documents: number } {
    this.#engine = this.#rebuild();
    return { documents: this.#engine.size() };
  }

  search(query: string, options: SearchOptions = {}): SearchResponse {
    const limit = clampLimit(options.limit);
    const offset = Math.max(0, options.offset ?? 0);
    const engine = this.engine();
    // Ask for more than needed when phrases must be verified on the text.
    const first = engine.search(query, { limit: limit + offset, filters: options.filters });
    if (!needsTextCheck(first.query)) {
      return {
        results: first.hits
          .slice(offset, offset + limit)
          .map((hit) => this.#item(hit.id, hit.score, first.query)),
        total: first.total,
      };
    }
    const all = engine.search(query, { limit: Math.max(first.total, 1), filters: options.filters });
    const verified: SearchResultItem[] = [];
    let total = 0;
    for (const hit of all.hits) {
      const record = this.records.get(hit.id);
      if (!passesTextCheck(searchableText(record, this.#attachmentText(hit.id)), all.query))
        continue;
      total += 1;
      if (total > offset && verified.length < limit)
        verified.push(this.#itemFor(record, hit.score, all.query));
    }
    return { results: verified, total };
  }

  /** Record ids matching a query, best first (export --query). */
  matchingIds(query: string, filters?: SearchFilters): string[] {
    const first = this.engine().search(query, { limit: 1, filters });
    const { results } = this.search(query, { limit: Math.max(first.total, 1), filters });
    return results.map((r) => r.id);
  }

  /**
   * Keeps, in order, the ids whose text contains every quoted phrase of the query and none of
   * its `-"phrases"` (the renderer's worker ranks on words; phrases are checked here, on the
   * decrypted text).
   */
  filterByPhrases(ids: string[], query: ParsedQuery): string[] {
    if (!needsTextCheck(query)) return ids;
    return ids.filter(
      (id) =>
        this.records.exists(id) &&
        passesTextCheck(searchableText(this.records.get(id), this.#attachmentText(id)), query),
    );
  }

  /**
   * Plaintext segments for the renderer's search worker (after unlock; never written to disk).
   * Straight from the engine in memory, which engine() has brought up to date and persisted:
   * reading the sealed copies back from SQLite and decrypting them would give the same bytes.
   */
  segments(): Uint8Array[] {
    return this.engine()
      .allSegments()
      .map((segment) => segment.bytes);
  }

  /** Snippets for hits found by the renderer's worker. */
  snippets(
    ids: string[],
    query: ParsedQuery,
  ): Record<string, { title: string; snippet: string; highlights: [number, number][] }> {
    const out: Record<string, { title: string; snippet: string; highlights: [number, number][] }> =
      {};
    for (const id of ids) {
      if (!this.records.exists(id)) continue;
      const item = this.#itemFor(this.records.get(id), 0, query);
      out[id] = { title: item.title, snippet: item.snippet, highlights: item.highlights };
    }
    return out;
  }

  /**
   * After a deletion: apply it and compact, so the deleted record's terms leave the stored
   * segments too (its tombstone alone would keep them, encrypted, until the next compaction).
   */
  purgeDeleted(): void {
    const engine = this.engine();
    engine.compact();
    this.#persist(engine, []);
  }

  close(): void {
    this.#engine = null;
  }

  /**
   * For `tvault verify`: the index as stored, loaded afresh and not repaired (normal use would
   * rebuild an unreadable index silently), with the ids still waiting to be applied. Null when
   * the stored index cannot be read. Nothing is written.
   */
  /** Whether an index was ever written (a vault that never searched has none). */
  hasStoredIndex(): boolean {
    return hasMeta(this.db, STATE_KEY);
  }

  /** The stored index was written by an older version: the next use rebuilds it (not damage). */
  storedIndexOutdated(): boolean {
    const state = this.#state();
    return state !== null && state.format !== INDEX_FORMAT;
  }

  /**
   * The stored index as verify checks it: the indexed ids, read one segment at a time (never
   * the whole index), and the pending ids. Null when there is no index of the current format.
   * `ids` throws on a damaged index.
   */
  storedIndex(): { ids: () => Generator<string>; pending: Set<string> } | null {
    const state = this.#state();
    if (!state || state.format !== INDEX_FORMAT) return null;
    const pending = new Set(this.#pendingIds());
    return { ids: () => SearchEngine.persistedIds((id) => this.#readSegment(id)), pending };
  }

  #item(id: string, score: number, query: ParsedQuery): SearchResultItem {
    return this.#itemFor(this.records.get(id), score, query);
  }

  #itemFor(record: TestimonyRecord, score: number, query: ParsedQuery): SearchResultItem {
    // Snippets come from the body, else from whichever field matched (notes, evidence text).
    const sources = [record.body, record.notes, this.#attachmentText(record.id), record.title];
    // The language the record was indexed in (given or detected) is the one whose stems can
    // have matched: trying every stemmer on a long text cost minutes (issue 11).
    const indexed = indexLanguage(record);
    const lang = indexed ? { lang: indexed } : {};
    let snippet: Snippet | null = null;
    let fallback: Snippet | null = null;
    for (const text of sources) {
      const candidate = makeSnippet(text, query, lang);
      fallback ??= candidate;
      if (candidate.highlights.length > 0) {
        snippet = candidate;
        break;
      }
    }
    snippet ??= fallback as Snippet;
    return {
      id: record.id,
      title: record.title,
      score,
      snippet: snippet.text,
      highlights: snippet.highlights,
    };
  }

  #attachmentText(recordId: string): string {
    const source = this.attachments();
    if (!source) return '';
    return source
      .list(recordId)
      .map((a) =>
        [a.description, a.hasText ? (source.text(a.id) ?? '') : ''].filter(Boolean).join('\n'),
      )
      .filter(Boolean)
      .join('\n');
  }

  /** The record's document for a bulk build: its language, if not given, guessed by the worker. */
  #bulkDoc(record: TestimonyRecord): SearchDoc {
    return this.#doc(record, record.lang || LANG_TO_GUESS);
  }

  #doc(record: TestimonyRecord, lang = indexLanguage(record)): SearchDoc {
    const source = this.attachments();
    return {
      id: record.id,
      lang,
      title: record.title,
      body: record.body,
      narrator: record.narrator,
      place: record.place,
      tags: record.tags,
      notes: record.notes,
      attachmentText: this.#attachmentText(record.id),
      consentStatus: record.consent.status,
      consentScope: record.consent.scope,
      date: record.date,
      hasAttachments: source ? source.list(record.id).length > 0 : false,
    };
  }

  #applyPending(engine: SearchEngine): void {
    const pending = this.#pendingIds();
    if (pending.length === 0) return;
    const upserts: SearchDoc[] = [];
    for (const id of pending) {
      if (this.records.exists(id)) upserts.push(this.#doc(this.records.get(id)));
      else engine.remove(id);
    }
    if (upserts.length > 0) engine.upsertMany(upserts);
    if (engine.needsCompaction()) engine.compact();
    this.#persist(engine, pending);
  }

  #rebuild(): SearchEngine {
    const engine = SearchEngine.create();
    const ids = this.records.ids();
    const batch: SearchDoc[] = [];
    for (const id of ids) {
      batch.push(this.#doc(this.records.get(id)));
      if (batch.length >= 2000) engine.upsertMany(batch.splice(0));
    }
    if (batch.length) engine.upsertMany(batch);
    // Seals the last partial batch and frees the word caches of the bulk build.
    engine.compact();
    this.db.transaction(() => {
      deleteAllSealedRows(this.db, 'search_segments');
      clearAllPending(this.db);
      this.#persistSegments(engine);
    })();
    return engine;
  }

  #load(): SearchEngine | null {
    const state = this.#state();
    if (!state || state.format !== INDEX_FORMAT) return null;
    try {
      // Each segment was opened with the search key (AEAD): Segment.decode need not check it.
      return SearchEngine.load(
        state.segments.map((id) => this.#readSegment(id)),
        { authenticated: true },
      );
    } catch {
      // An unreadable or incomplete index is rebuilt from the records, which are the truth.
      return null;
    }
  }

  #persist(engine: SearchEngine, applied: string[]): void {
    this.db.transaction(() => {
      for (const id of applied) clearPending(this.db, id);
      this.#persistSegments(engine);
    })();
  }

  #persistSegments(engine: SearchEngine): void {
    for (const segment of engine.dirtySegments()) this.#storeSegment(segment.id, segment.bytes);
    for (const id of engine.removedSegments()) this.#forgetSegment(id);
    this.#storeState(engine.segmentIds());
    engine.markClean();
  }

  #storeSegment(id: string, bytes: Uint8Array): void {
    putSealedRow(this.db, 'search_segments', {
      id,
      sealed: seal({ key: this.keys.key('search'), plain: bytes, ad: this.#segmentAd(id) }),
    });
  }

  #storeState(segments: string[]): void {
    const state: IndexState = { v: 1, format: INDEX_FORMAT, segments };
    putMeta(
      this.db,
      STATE_KEY,
      seal({
        key: this.keys.key('search'),
        plain: new TextEncoder().encode(JSON.stringify(state)),
        ad: this.#stateAd(),
      }),
    );
  }

  #forgetSegment(id: string): void {
    deleteSealedRow(this.db, 'search_segments', id);
  }

  #readSegment(id: string): Uint8Array {
    const sealed = sealedRow(this.db, 'search_segments', id);
    if (!sealed) throw new IntegrityError(`search index segment ${id}`, { reason: 'missing' });
    return open({
      key: this.keys.key('search'),
      sealed,
      ad: this.#segmentAd(id),
      subject: `search index segment ${id}`,
    });
  }

  #state(): IndexState | null {
    const sealed = readMeta(this.db, STATE_KEY);
    if (!sealed) return null;
    try {
      const bytes = open({
        key: this.keys.key('search'),
        sealed,
        ad: this.#stateAd(),
        subject: 'search index state',
      });
      return JSON.parse(new TextDecoder().decode(bytes)) as IndexState;
    } catch {
      return null;
    }
  }

  #segmentAd(id: string): Uint8Array {
    return associatedData('tvault-search-segment', this.vaultId, id);
  }

  #stateAd(): Uint8Array {
    return associatedData('tvault-search-state', this.vaultId);
  }
}

/** The text a quoted phrase may match in: every indexed field. */
function searchableText(record: TestimonyRecord, attachmentText: string): string {
  return [
    record.title,
    record.body,
    record.narrator,
    record.place,
    record.tags.join(' '),
    record.notes,
    attachmentText,
  ].join('\n');
}

/** Stem by the language the user gave, else by a guess from the start of the text itself. */
function indexLanguage(record: TestimonyRecord): string {
  return record.lang || guessLanguage(record.title, record.body);
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return 20;
  return Math.min(Math.max(1, Math.floor(limit)), 10_000);
}
