/**
 * The search engine: sealed segments + one small mutable delta, tombstones for deletions,
 * compaction, and BM25F ranking computed from global statistics so that a document's score
 * does not depend on which segment holds it.
 */
import { InvalidInputError } from '../errors';
import {
  CONSENT_SCOPE_CODES,
  CONSENT_STATUS_CODES,
  FIELD_BOOSTS,
  NF,
  buildDoc,
  docMeta,
  normaliseTag,
  parseDateRange,
  type BuildDoc,
} from './analyze';
import { ByteReader, ByteWriter, crc32, malformed, utf8 } from './binary';
import { analyzeWord, baseLanguage, clearWordCaches } from './languages';
import { hasPositiveTerms, parseQuery } from './query';
import { Segment, SegmentBuilder, buildSegment, mergeSegments } from './segment';
import { foldWord, forEachToken, isCjk } from './text';
import type {
  ParsedQuery,
  SearchDoc,
  SearchFilters,
  SearchHit,
  SearchOptions,
  SearchResult,
} from './types';

/** Documents per segment built in bulk or by compaction. */
export const SEGMENT_TARGET = 8192;
/**
 * Single upserts go to a tiny delta, rebuilt (lazily, at the next search or persist) after each
 * change and sealed as a segment when it reaches this size: a change costs a few milliseconds.
 */
export const DELTA_MAX = 4;
/** Sealed small segments are merged automatically, eight of a size at a time, up to this size. */
export const AUTO_MERGE_MAX = 512;
const MERGE_FACTOR = 8;
export const MANIFEST_ID = 'manifest';
const MANIFEST_MAGIC = [0x54, 0x56, 0x53, 0x4d]; // TVSM
const MANIFEST_VERSION = 1;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100_000;

// BM25F parameters.
const K1 = 1.2;
/** Length normalisation per field: full for long text, light for short fields. */
const FIELD_B: readonly number[] = [0.5, 0.75, 0.3, 0.3, 0.3, 0.75, 0.75];
/** Weight of a term reached by prefix expansion (an exact word scores 1). */
const PREFIX_WEIGHT = 0.7;
/** Prefix expansions considered per query, and the postings they may add. */
const MAX_EXPANSIONS = 32;
const EXPANSION_POSTINGS_BUDGET = 400_000;
const PREFIX_SCAN = 2000;
/** Query words after tokenising (CJK bigrams count one each); more are ignored. */
const MAX_GROUPS = 64;

interface Location {
  /** null while the document is in the delta. */
  seg: Segment | null;
  idx: number;
}

interface Alt {
  term: string;
  /** The term as UTF-8 (segment dictionaries are bytes). */
  bytes: Uint8Array;
  weight: number;
  /** Term index per searched segment, -1 when absent. */
  idx: Int32Array;
  idf: number;
}

interface Group {
  alts: Alt[];
  required: boolean;
  /** Global live document frequency of the group's most frequent alternative (for ordering). */
  df: number;
}

interface CompiledFilter {
  tags: string[] | null;
  /** Groups of normalised tags: each group needs one of its tags (a vocabulary concept). */
  anyTags: string[][] | null;
  langs: string[] | null;
  status: number; // bit mask over status codes, 0 = any
  scope: number;
  dateLo: number;
  dateHi: number;
  hasDate: boolean;
  hasAttachments: boolean | null;
}

class Delta {
  /** id -> the document and its slot in the builder. */
  readonly docs = new Map<string, { doc: BuildDoc; slot: number }>();
  readonly builder = new SegmentBuilder();
  segment: Segment | null = null;
  stale = false;
  constructor(readonly id: string) {}
}

/** Min-heap on "worse" hits (lower score, then larger id) keeping the best `k`. */
class TopK {
  private readonly scores: number[] = [];
  private readonly ids: string[] = [];
  constructor(private readonly k: number) {}

  private worse(i: number, j: number): boolean {
    const a = this.scores[i] as number;
    const b = this.scores[j] as number;
    return a < b || (a === b && (this.ids[i] as string) > (this.ids[j] as string));
  }

  private swap(i: number, j: number): void {
    const s = this.scores[i] as number;
    this.scores[i] = this.scores[j] as number;
    this.scores[j] = s;
    const t = this.ids[i] as string;
    this.ids[i] = this.ids[j] as string;
    this.ids[j] = t;
  }

  push(score: number, id: string): void {
    if (this.k === 0) return;
    if (this.scores.length < this.k) {
      this.scores.push(score);
      this.ids.push(id);
      let i = this.scores.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const top = this.scores[0] as number;
    if (score < top || (score === top && id > (this.ids[0] as string))) return;
    this.scores[0] = score;
    this.ids[0] = id;
    let i = 0;
    const n = this.scores.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(l, m)) m = l;
      if (r < n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  sorted(): SearchHit[] {
    const out = this.scores.map((score, i) => ({ id: this.ids[i] as string, score }));
    out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return out;
  }
}

function isManifest(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && MANIFEST_MAGIC.every((b, i) => bytes[i] === b);
}

interface ManifestEntry {
  id: string;
  docCount: number;
  deleted: number[];
}

/** What a manifest records of a segment. */
type ManifestSource = Pick<Segment, 'id' | 'docCount' | 'deletedCount' | 'deleted'>;

function encodeManifest(nextSeq: number, segments: readonly ManifestSource[]): Uint8Array {
  const w = new ByteWriter(256 + segments.length * 32);
  for (const b of MANIFEST_MAGIC) w.u8(b);
  w.u8(MANIFEST_VERSION);
  w.u32(0);
  w.varint(nextSeq);
  w.varint(segments.length);
  for (const s of segments) {
    w.string(s.id);
    w.varint(s.docCount);
    w.varint(s.deletedCount);
    if (s.deleted && s.deletedCount > 0) {
      let prev = 0;
      for (let d = 0; d < s.docCount; d++) {
        if (s.deleted[d] === 1) {
          w.varint(d - prev);
          prev = d;
        }
      }
    }
  }
  const out = w.finish();
  const crc = crc32(out, 9);
  out[5] = crc & 0xff;
  out[6] = (crc >>> 8) & 0xff;
  out[7] = (crc >>> 16) & 0xff;
  out[8] = (crc >>> 24) & 0xff;
  return out;
}

function decodeManifest(bytes: Uint8Array): { nextSeq: number; entries: ManifestEntry[] } {
  if (bytes.length < 9) throw malformed('truncated manifest');
  if (bytes[4] !== MANIFEST_VERSION) throw malformed(`unsupported manifest version ${bytes[4]}`);
  const r = new ByteReader(bytes, 5);
  const crc = r.u32();
  if (crc32(bytes, 9) !== crc) throw malformed('manifest checksum mismatch');
  const nextSeq = r.varint();
  const n = r.count(bytes.length, 'segment count');
  const entries: ManifestEntry[] = [];
  for (let i = 0; i < n; i++) {
    const id = r.string();
    const docCount = r.varint();
    const nDel = r.count(docCount, 'tombstone count');
    const deleted: number[] = [];
    let d = 0;
    for (let k = 0; k < nDel; k++) {
      d += r.varint();
      if (d >= docCount || (k > 0 && d === deleted[k - 1])) throw malformed('tombstone');
      deleted.push(d);
    }
    entries.push({ id, docCount, deleted });
  }
  if (r.remaining !== 0) throw malformed('trailing bytes in manifest');
  return { nextSeq, entries };
}

export interface EngineOptions {
  /** Documents per segment for bulk builds and compaction (default SEGMENT_TARGET). */
  segmentTarget?: number;
  /** Delta size at which single upserts seal it (default DELTA_MAX). */
  deltaMax?: number;
  /** Largest segment that automatic merges build (default AUTO_MERGE_MAX; 0: never merge). */
  autoMergeMax?: number;
  /**
   * load(): the blobs come from authenticated storage (the vault opens them with AEAD), so
   * Segment.decode skips its checksum and term-order checks (see there).
   */
  authenticated?: boolean;
}

function segmentName(seq: number): string {
  return `seg-${seq.toString(36).padStart(6, '0')}`;
}

function clampInt(v: number | undefined, min: number, max: number, dflt: number): number {
  if (v === undefined || v === null || !Number.isFinite(v)) return dflt;
  return Math.max(min, Math.min(max, Math.floor(v)));
}

export class SearchEngine {
  private segments: Segment[] = [];
  private delta: Delta;
  /**
   * Where each live document is, by id: built at once for a new engine and for bytes of unknown
   * origin (load checks that no document is indexed twice), and on first need after an
   * authenticated load, since a search never needs it: for 1,000,000 documents it was 0.7 s of
   * the first query after unlock and 150 MB that only updates use (see locations()).
   */
  private whereMap: Map<string, Location> | null = new Map();
  private nextSeq = 1;
  // Global statistics over live documents.
  private live = 0;
  private readonly lenTotal = new Float64Array(NF);
  /** Live documents with at least one indexed token in each field. */
  private readonly fieldDocs = new Float64Array(NF);
  private readonly langCounts = new Map<string, number>();
  // Persistence bookkeeping.
  private persisted = new Set<string>();
  private readonly dirty = new Set<string>([MANIFEST_ID]);
  private readonly segmentTarget: number;
  private readonly deltaMax: number;
  private readonly autoMergeMax: number;

  private constructor(opts: EngineOptions = {}) {
    this.segmentTarget = clampInt(opts.segmentTarget, 1, 1 << 20, SEGMENT_TARGET);
    this.deltaMax = clampInt(opts.deltaMax, 1, 1 << 20, DELTA_MAX);
    this.autoMergeMax = clampInt(opts.autoMergeMax, 0, 1 << 20, AUTO_MERGE_MAX);
    this.delta = new Delta(segmentName(this.nextSeq++));
  }

  static create(opts?: EngineOptions): SearchEngine {
    return new SearchEngine(opts);
  }

  /**
   * Loads persisted segments (the blobs of dirtySegments(), in any order). Blobs not named by
   * the manifest are ignored and reported by removedSegments(). Throws InvalidInputError on
   * damaged or inconsistent bytes. Takes ownership of the arrays (they are used in place).
   */
  static load(blobs: Uint8Array[], opts?: EngineOptions): SearchEngine {
    const engine = new SearchEngine(opts);
    if (!Array.isArray(blobs)) throw malformed('expected an array of segments');
    if (blobs.length === 0) return engine;
    let manifest: { nextSeq: number; entries: ManifestEntry[] } | null = null;
    const byId = new Map<string, Segment>();
    for (const bytes of blobs) {
      if (!(bytes instanceof Uint8Array)) throw malformed('expected bytes');
      if (isManifest(bytes)) {
        if (manifest) throw malformed('more than one manifest');
        manifest = decodeManifest(bytes);
      } else {
        const seg = Segment.decode(bytes, { authenticated: opts?.authenticated === true });
        if (byId.has(seg.id)) throw malformed(`duplicate segment ${seg.id}`);
        byId.set(seg.id, seg);
      }
    }
    if (!manifest) throw malformed('no manifest among the segments');
    engine.persisted = new Set([MANIFEST_ID, ...byId.keys()]);
    let maxSeq = 0;
    for (const e of manifest.entries) {
      const seg = byId.get(e.id);
      if (!seg) throw malformed(`segment ${e.id} is missing`);
      if (seg.docCount !== e.docCount)
        throw malformed(`segment ${e.id} does not match the manifest`);
      if (e.deleted.length > 0) {
        seg.deleted = new Uint8Array(seg.docCount);
        for (const d of e.deleted) seg.deleted[d] = 1;
        seg.deletedCount = e.deleted.length;
      }
      engine.segments.push(seg);
      const m = /^seg-([0-9a-z]+)$/.exec(e.id);
      if (m) maxSeq = Math.max(maxSeq, parseInt(m[1] as string, 36));
    }
    engine.nextSeq = Math.max(manifest.nextSeq, maxSeq + 1);
    engine.delta = new Delta(segmentName(engine.nextSeq++));
    if (opts?.authenticated) engine.whereMap = null;
    for (const seg of engine.segments) engine.addSegmentStats(seg);
    engine.dirty.clear();
    return engine;
  }

  /**
   * The live documents' ids of a persisted index, reading and decoding one segment at a time
   * through `read` (by segment id; the manifest is MANIFEST_ID), so a check of the index
   * (tvault verify) never holds more than one segment. Throws InvalidInputError on damaged or
   * inconsistent bytes, as `load` does.
   */
  static *persistedIds(read: (segmentId: string) => Uint8Array): Generator<string> {
    const bytes = read(MANIFEST_ID);
    if (!isManifest(bytes)) throw malformed('no manifest among the segments');
    for (const entry of decodeManifest(bytes).entries) {
      const seg = Segment.decode(read(entry.id));
      if (seg.id !== entry.id || seg.docCount !== entry.docCount)
        throw malformed(`segment ${entry.id} does not match the manifest`);
      const deleted = new Set(entry.deleted);
      for (let d = 0; d < seg.docCount; d++) if (!deleted.has(d)) yield seg.ids[d] as string;
    }
  }

  // ---------------------------------------------------------------- updates

  private addStats(lengths: ArrayLike<number>, lang: string, sign: 1 | -1): void {
    this.live += sign;
    for (let f = 0; f < NF; f++) {
      const len = lengths[f] as number;
      if (len === 0) continue;
      this.lenTotal[f] = (this.lenTotal[f] as number) + sign * len;
      this.fieldDocs[f] = (this.fieldDocs[f] as number) + sign;
    }
    const base = baseLanguage(lang);
    const c = (this.langCounts.get(base) ?? 0) + sign;
    if (c <= 0) this.langCounts.delete(base);
    else this.langCounts.set(base, c);
  }

  /** Registers the live documents of a loaded segment (ids, statistics) in one pass. */
  private get where(): Map<string, Location> {
    this.whereMap ??= this.locations();
    return this.whereMap;
  }

  /** The map `where`, from the segments and the delta (a document twice: malformed). */
  private locations(): Map<string, Location> {
    const where = new Map<string, Location>();
    for (const seg of this.segments) {
      for (let d = 0; d < seg.docCount; d++) {
        if (seg.isDeleted(d)) continue;
        const id = seg.ids[d] as string;
        if (where.has(id)) throw malformed(`document ${id} is indexed twice`);
        where.set(id, { seg, idx: d });
      }
    }
    for (const id of this.delta.docs.keys()) where.set(id, { seg: null, idx: -1 });
    return where;
  }

  private addSegmentStats(seg: Segment): void {
    const perLang = new Uint32Array(seg.langs.length);
    const where = this.whereMap;
    for (let d = 0; d < seg.docCount; d++) {
      if (seg.isDeleted(d)) continue;
      if (where) {
        const id = seg.ids[d] as string;
        if (where.has(id)) throw malformed(`document ${id} is indexed twice`);
        where.set(id, { seg, idx: d });
      }
      perLang[seg.langIdx[d] as number] = (perLang[seg.langIdx[d] as number] as number) + 1;
      for (let f = 0; f < NF; f++) {
        const len = seg.lengths[d * NF + f] as number;
        if (len === 0) continue;
        this.lenTotal[f] = (this.lenTotal[f] as number) + len;
        this.fieldDocs[f] = (this.fieldDocs[f] as number) + 1;
      }
    }
    seg.langs.forEach((lang, k) => {
      const count = perLang[k] as number;
      if (count === 0) return;
      this.live += count;
      const base = baseLanguage(lang);
      this.langCounts.set(base, (this.langCounts.get(base) ?? 0) + count);
    });
  }

  private removeInternal(id: string): boolean {
    const loc = this.where.get(id);
    if (!loc) return false;
    this.where.delete(id);
    if (loc.seg === null) {
      const entry = this.delta.docs.get(id);
      if (entry) {
        this.delta.docs.delete(id);
        this.delta.builder.remove(entry.slot);
        this.delta.stale = true;
        this.dirty.add(this.delta.id);
        this.addStats(entry.doc.analysis.lengths, entry.doc.meta.lang, -1);
      }
    } else {
      const seg = loc.seg;
      if (!seg.deleted) seg.deleted = new Uint8Array(seg.docCount);
      if (seg.deleted[loc.idx] !== 1) {
        seg.deleted[loc.idx] = 1;
        seg.deletedCount++;
        this.addStats(
          seg.lengths.subarray(loc.idx * NF, loc.idx * NF + NF),
          seg.langs[seg.langIdx[loc.idx] as number] as string,
          -1,
        );
      }
    }
    this.dirty.add(MANIFEST_ID);
    return true;
  }

  private addToDelta(doc: BuildDoc): void {
    const id = doc.meta.id;
    this.removeInternal(id);
    this.delta.docs.set(id, { doc, slot: this.delta.builder.add(doc) });
    this.delta.stale = true;
    this.where.set(id, { seg: null, idx: -1 });
    this.addStats(doc.analysis.lengths, doc.meta.lang, 1);
    this.dirty.add(this.delta.id);
    this.dirty.add(MANIFEST_ID);
  }

  /** Adds or replaces one document; it is searchable at once. */
  upsert(doc: SearchDoc): void {
    const built = buildDoc(doc);
    if (this.delta.docs.size >= this.deltaMax && !this.delta.docs.has(built.meta.id)) {
      this.sealDelta();
      this.autoMerge();
    }
    this.addToDelta(built);
  }

  /**
   * Bulk add/replace (reindex, import): fills segments of SEGMENT_TARGET documents, across
   * calls (feed it in chunks of any size). The remainder stays in the delta, built at the next
   * search; call compact() at the end of a reindex or import to seal it.
   */
  upsertMany(docs: SearchDoc[]): void {
    if (!Array.isArray(docs)) throw new InvalidInputError('upsertMany expects an array.');
    // Validate everything first so that a bad document changes nothing.
    for (const d of docs) {
      if (d === null || typeof d !== 'object')
        throw new InvalidInputError('Search document must be an object.');
      docMeta(d);
    }
    for (const d of docs) {
      const built = buildDoc(d);
      if (this.delta.docs.size >= this.segmentTarget && !this.delta.docs.has(built.meta.id))
        this.sealDelta();
      this.addToDelta(built);
    }
  }

  /**
   * Analyses documents and seals them as one segment, for addSegment: what a worker thread
   * runs (the engine's own bulk path, upsertMany, does the same in place).
   */
  static buildSegment(id: string, docs: readonly SearchDoc[]): Uint8Array {
    if (!Array.isArray(docs)) throw new InvalidInputError('buildSegment expects an array.');
    return buildSegment(id, docs.map(buildDoc));
  }

  /**
   * The segment id numbered `seq` (1, 2, ...): ids for segments built and stored without an
   * engine (a streamed bulk build, see manifestOf).
   */
  static segmentIdAt(seq: number): string {
    return segmentName(clampInt(seq, 1, Number.MAX_SAFE_INTEGER, 1));
  }

  /**
   * Merges segments built elsewhere (buildSegment) into one segment `id`, as compaction would:
   * a streamed bulk build joins the small segments its workers return into full ones without
   * holding the index. Throws InvalidInputError on damaged bytes.
   */
  static mergeBuilt(id: string, parts: readonly Uint8Array[]): Uint8Array {
    if (parts.length === 0) throw new InvalidInputError('Nothing to merge.');
    return mergeSegments(
      id,
      parts.map((bytes) => Segment.decode(bytes)),
    );
  }

  /**
   * The manifest of an index whose segments were built and stored one at a time, never held
   * together (SearchService's streamed rebuild): `load` of it with those segments gives the
   * engine that adding them one by one would have given. The segments hold distinct documents
   * (no tombstones) and are named by segmentIdAt.
   */
  static manifestOf(segments: readonly { id: string; docCount: number }[]): Uint8Array {
    let maxSeq = 0;
    for (const s of segments) {
      const m = /^seg-([0-9a-z]+)$/.exec(s.id);
      if (!m) throw malformed(`segment id ${s.id} is not a segment's`);
      maxSeq = Math.max(maxSeq, parseInt(m[1] as string, 36));
    }
    return encodeManifest(
      maxSeq + 1,
      segments.map((s) => ({ id: s.id, docCount: s.docCount, deletedCount: 0, deleted: null })),
    );
  }

  /** A fresh segment id, for a segment built elsewhere (a worker) and added by addSegment. */
  newSegmentId(): string {
    return segmentName(this.nextSeq++);
  }

  /**
   * Adds a sealed segment built elsewhere from the same analysis (buildSegment over buildDoc,
   * in a worker thread), with an id from newSegmentId(). Its documents replace any earlier
   * version of them (tombstones), as upsertMany would. Throws InvalidInputError on damaged
   * bytes, an id already in use, or a document present twice in the segment; nothing changes
   * then. Takes ownership of the bytes.
   */
  addSegment(bytes: Uint8Array): void {
    const seg = Segment.decode(bytes);
    if (
      seg.id === MANIFEST_ID ||
      seg.id === this.delta.id ||
      this.segments.some((s) => s.id === seg.id) ||
      this.persisted.has(seg.id)
    ) {
      throw malformed(`segment id ${seg.id} is already in use`);
    }
    const ids = new Set<string>(seg.ids);
    if (ids.size !== seg.docCount) throw malformed(`segment ${seg.id} holds a document twice`);
    for (const id of ids) this.removeInternal(id);
    const m = /^seg-([0-9a-z]+)$/.exec(seg.id);
    if (m) this.nextSeq = Math.max(this.nextSeq, parseInt(m[1] as string, 36) + 1);
    this.segments.push(seg);
    this.addSegmentStats(seg);
    this.dirty.add(seg.id);
    this.dirty.add(MANIFEST_ID);
  }

  /** Hides a document at once (tombstone if it is in a sealed segment). */
  remove(id: string): void {
    this.removeInternal(id);
  }

  has(id: string): boolean {
    return this.where.has(id);
  }

  size(): number {
    return this.live;
  }

  private deltaSegment(): Segment | null {
    const delta = this.delta;
    if (delta.docs.size === 0) {
      delta.segment = null;
      delta.stale = false;
      return null;
    }
    if (delta.stale || !delta.segment) {
      delta.segment = Segment.decode(delta.builder.build(delta.id), { authenticated: true });
      delta.stale = false;
    }
    return delta.segment;
  }

  private sealDelta(): void {
    const seg = this.deltaSegment();
    if (seg) {
      this.segments.push(seg);
      for (let d = 0; d < seg.docCount; d++) this.where.set(seg.ids[d] as string, { seg, idx: d });
      // Same id and bytes as the delta blob: dirty only if the delta was (tracked on change).
      this.dirty.add(MANIFEST_ID);
    }
    this.delta = new Delta(segmentName(this.nextSeq++));
  }

  private mergeInto(group: Segment[]): Segment {
    const seg = Segment.decode(mergeSegments(segmentName(this.nextSeq++), group), {
      authenticated: true,
    });
    for (let d = 0; d < seg.docCount; d++) this.where.set(seg.ids[d] as string, { seg, idx: d });
    this.dirty.add(seg.id);
    this.dirty.add(MANIFEST_ID);
    return seg;
  }

  /**
   * Tiered merging of small segments: when MERGE_FACTOR segments of one size class exist, they
   * become one segment of the next class, as long as that stays under autoMergeMax documents.
   * Keeps the segment count logarithmic under single upserts, each merge bounded in cost.
   */
  private autoMerge(): void {
    for (
      let limit = this.deltaMax;
      limit * MERGE_FACTOR <= this.autoMergeMax;
      limit *= MERGE_FACTOR
    ) {
      const lower = limit / MERGE_FACTOR;
      const members = this.segments.filter((s) => s.liveCount <= limit && s.liveCount > lower);
      if (members.length < MERGE_FACTOR) continue;
      const group = members.slice(0, MERGE_FACTOR);
      const merged = this.mergeInto(group);
      const first = this.segments.indexOf(group[0] as Segment);
      this.segments = this.segments.filter((s) => !group.includes(s));
      this.segments.splice(Math.min(first, this.segments.length), 0, merged);
    }
  }

  /**
   * True when compaction would pay off: more small segments than automatic merging leaves
   * (it keeps fewer than MERGE_FACTOR per size class), or more than 10% deleted documents.
   */
  needsCompaction(): boolean {
    let small = 0;
    let deleted = 0;
    let total = 0;
    for (const s of this.segments) {
      if (s.liveCount < this.segmentTarget / 2) small++;
      deleted += s.deletedCount;
      total += s.docCount;
    }
    return small > 3 * MERGE_FACTOR || (total > 0 && deleted / total > 0.1);
  }

  /**
   * Seals the delta, merges small segments (up to SEGMENT_TARGET documents each) and rewrites
   * segments that have tombstones, dropping the deleted documents. Call it when idle, off the
   * UI thread (a merge of 8,192 documents takes a second or two), and at the end of a reindex or
   * import (it seals what upsertMany left in the delta, and drops the word caches).
   */
  compact(): void {
    this.sealDelta();
    const next: Segment[] = [];
    let group: Segment[] = [];
    let groupLive = 0;
    const flush = (): void => {
      if (group.length === 0) return;
      const only = group[0] as Segment;
      if (group.length === 1 && only.deletedCount === 0) {
        next.push(only);
      } else {
        next.push(this.mergeInto(group));
      }
      group = [];
      groupLive = 0;
    };
    for (const s of this.segments) {
      if (s.liveCount === 0) continue; // every document deleted: the segment just goes
      const candidate = s.deletedCount > 0 || s.liveCount < this.segmentTarget / 2;
      if (!candidate) {
        next.push(s);
        continue;
      }
      if (groupLive + s.liveCount > this.segmentTarget) flush();
      group.push(s);
      groupLive += s.liveCount;
    }
    flush();
    this.segments = next;
    this.dirty.add(MANIFEST_ID);
    // Compaction ends a reindex or an import: the word caches (the largest part of the heap
    // while indexing) are not worth keeping for occasional edits.
    clearWordCaches();
  }

  // ------------------------------------------------------------ persistence

  private currentIds(): string[] {
    const ids = [MANIFEST_ID, ...this.segments.map((s) => s.id)];
    if (this.delta.docs.size > 0) ids.push(this.delta.id);
    return ids;
  }

  segmentIds(): string[] {
    return this.currentIds();
  }

  /** Blobs changed since the last markClean(): changed segments, the delta and the manifest. */
  dirtySegments(): { id: string; bytes: Uint8Array }[] {
    const out: { id: string; bytes: Uint8Array }[] = [];
    const delta = this.deltaSegment();
    const all = [...this.segments];
    if (delta) all.push(delta);
    for (const s of all) if (this.dirty.has(s.id)) out.push({ id: s.id, bytes: s.bytes });
    if (this.dirty.has(MANIFEST_ID)) {
      out.push({ id: MANIFEST_ID, bytes: encodeManifest(this.nextSeq, all) });
    }
    return out;
  }

  /**
   * Every blob of the index as it is now (manifest, segments, delta), clean or not: what
   * `load` needs to rebuild this engine elsewhere (the app's search worker). Copies, so that the
   * receiver may take ownership.
   */
  allSegments(): { id: string; bytes: Uint8Array }[] {
    const all = [...this.segments];
    const delta = this.deltaSegment();
    if (delta) all.push(delta);
    return [
      { id: MANIFEST_ID, bytes: encodeManifest(this.nextSeq, all) },
      ...all.map((s) => ({ id: s.id, bytes: s.bytes.slice() })),
    ];
  }

  /** Ids of blobs the store holds that are no longer part of the index. */
  removedSegments(): string[] {
    const current = new Set(this.currentIds());
    return [...this.persisted].filter((id) => !current.has(id));
  }

  markClean(): void {
    this.persisted = new Set(this.currentIds());
    this.dirty.clear();
  }

  /** Counts, for diagnostics and benchmarks. */
  info(): { docs: number; segments: number; deltaDocs: number; deleted: number; bytes: number } {
    let deleted = 0;
    let bytes = this.deltaSegment()?.bytes.length ?? 0;
    for (const s of this.segments) {
      deleted += s.deletedCount;
      bytes += s.bytes.length;
    }
    return {
      docs: this.live,
      segments: this.segments.length,
      deltaDocs: this.delta.docs.size,
      deleted,
      bytes,
    };
  }

  // ----------------------------------------------------------------- search

  private queryLanguages(opts: SearchOptions): string[] {
    const set = new Set<string>(['']);
    if (opts.lang) set.add(baseLanguage(opts.lang));
    else if (opts.filters?.langs && opts.filters.langs.length > 0) {
      for (const l of opts.filters.langs) set.add(baseLanguage(l));
    } else for (const l of this.langCounts.keys()) set.add(l);
    return [...set].sort();
  }

  private compileFilter(filters: SearchFilters | undefined): CompiledFilter {
    const f: CompiledFilter = {
      tags: null,
      anyTags: null,
      langs: null,
      status: 0,
      scope: 0,
      dateLo: 0,
      dateHi: 99_999_999,
      hasDate: false,
      hasAttachments: null,
    };
    if (!filters) return f;
    const list = (v: unknown, what: string): string[] => {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        throw new InvalidInputError(`Search filter ${what} must be a list of strings.`);
      }
      return v as string[];
    };
    if (filters.tags !== undefined) {
      const tags = list(filters.tags, 'tags').map(normaliseTag).filter(Boolean);
      if (tags.length > 0) f.tags = [...new Set(tags)];
    }
    if (filters.anyTags !== undefined) {
      if (!Array.isArray(filters.anyTags))
        throw new InvalidInputError('Search filter anyTags must be a list of lists of strings.');
      // An empty group (a concept without names) matches nothing, as it should.
      f.anyTags = filters.anyTags.map((group) => [
        ...new Set(list(group, 'anyTags').map(normaliseTag).filter(Boolean)),
      ]);
      if (f.anyTags.length === 0) f.anyTags = null;
    }
    if (filters.langs !== undefined && filters.langs.length > 0) {
      f.langs = list(filters.langs, 'langs').map((l) => l.trim().toLowerCase());
    }
    const mask = (values: unknown, codes: readonly string[], what: string): number => {
      let m = 0;
      for (const v of list(values, what)) {
        const k = codes.indexOf(v);
        if (k < 0) throw new InvalidInputError(`Unknown ${what} filter value.`, { value: v });
        m |= 1 << k;
      }
      return m;
    };
    if (filters.consentStatus !== undefined)
      f.status = mask(filters.consentStatus, CONSENT_STATUS_CODES, 'consentStatus');
    if (filters.consentScope !== undefined)
      f.scope = mask(filters.consentScope, CONSENT_SCOPE_CODES, 'consentScope');
    for (const [key, value] of [
      ['dateFrom', filters.dateFrom],
      ['dateTo', filters.dateTo],
    ] as const) {
      if (value === undefined || value === null || value === '') continue;
      const range = typeof value === 'string' ? parseDateRange(value) : null;
      if (!range)
        throw new InvalidInputError(`Search filter ${key} must be YYYY, YYYY-MM or YYYY-MM-DD.`);
      f.hasDate = true;
      if (key === 'dateFrom') f.dateLo = range[0];
      else f.dateHi = range[1];
    }
    if (filters.hasAttachments !== undefined && filters.hasAttachments !== null) {
      f.hasAttachments = Boolean(filters.hasAttachments);
    }
    return f;
  }

  /** Per-segment document predicate, or null when no document of the segment can pass. */
  private segmentFilter(seg: Segment, f: CompiledFilter): ((d: number) => boolean) | true | null {
    const plain =
      f.tags === null &&
      f.anyTags === null &&
      f.langs === null &&
      f.status === 0 &&
      f.scope === 0 &&
      !f.hasDate &&
      f.hasAttachments === null;
    if (plain) return true;
    let tagIds: number[] | null = null;
    if (f.tags) {
      tagIds = [];
      for (const t of f.tags) {
        const k = seg.tags.indexOf(t);
        if (k < 0) return null;
        tagIds.push(k);
      }
    }
    let anyTagIds: number[][] | null = null;
    if (f.anyTags) {
      anyTagIds = [];
      for (const group of f.anyTags) {
        const ids = group.map((t) => seg.tags.indexOf(t)).filter((k) => k >= 0);
        if (ids.length === 0) return null;
        anyTagIds.push(ids);
      }
    }
    let langOk: Uint8Array | null = null;
    if (f.langs) {
      langOk = new Uint8Array(seg.langs.length);
      let any = false;
      seg.langs.forEach((docLang, i) => {
        for (const want of f.langs as string[]) {
          const ok =
            want === ''
              ? docLang === ''
              : want.includes('-')
                ? docLang === want
                : docLang !== '' && baseLanguage(docLang) === baseLanguage(want);
          if (ok) {
            (langOk as Uint8Array)[i] = 1;
            any = true;
            break;
          }
        }
      });
      if (!any) return null;
    }
    return (d: number): boolean => {
      const flags = seg.flags[d] as number;
      if (f.status !== 0 && !(f.status & (1 << (flags & 3)))) return false;
      if (f.scope !== 0 && !(f.scope & (1 << ((flags >> 2) & 3)))) return false;
      if (f.hasAttachments !== null && Boolean(flags & 16) !== f.hasAttachments) return false;
      if (langOk && langOk[seg.langIdx[d] as number] !== 1) return false;
      if (f.hasDate) {
        const lo = seg.dateLo[d] as number;
        if (lo === 0) return false;
        if ((seg.dateHi[d] as number) < f.dateLo || lo > f.dateHi) return false;
      }
      if (tagIds) {
        const tags = seg.docTags(d);
        for (const k of tagIds) if (!tags.includes(k)) return false;
      }
      if (anyTagIds) {
        const tags = seg.docTags(d);
        for (const group of anyTagIds) if (!group.some((k) => tags.includes(k))) return false;
      }
      return true;
    };
  }

  /** Turns the parsed query into groups of alternative index terms. */
  private buildGroups(parsed: ParsedQuery, langs: string[], segs: Segment[]): Group[] {
    const groups: Group[] = [];
    const keys = new Set<string>();
    const tokenGroup = (raw: string): { terms: string[]; stop: boolean } => {
      const terms = new Set<string>();
      let stop = false;
      for (const l of langs) {
        const a = analyzeWord(raw, l);
        if (a.stop) stop = true;
        for (const t of a.terms) terms.add(t);
      }
      return { terms: [...terms].sort(), stop };
    };
    const addGroup = (
      terms: string[],
      required: boolean,
      extra: { term: string; weight: number }[] = [],
    ): void => {
      if (terms.length === 0 && extra.length === 0) return;
      const key = terms.join('\0') + '\u0001' + extra.map((e) => e.term).join('\0');
      if (keys.has(key) || groups.length >= MAX_GROUPS) return;
      keys.add(key);
      const alts: Alt[] = [...terms.map((term) => ({ term, weight: 1 })), ...extra].map((a) => ({
        term: a.term,
        bytes: utf8.encode(a.term),
        weight: a.weight,
        idx: new Int32Array(segs.length).fill(-1),
        idf: 0,
      }));
      groups.push({ alts, required, df: 0 });
    };
    for (const term of parsed.terms) {
      forEachToken(term, (raw) => {
        const g = tokenGroup(raw);
        addGroup(g.terms, !g.stop);
      });
    }
    // `a OR b`: one group whose alternatives are the forms of every word (the best one scores).
    const alternatives = (words: readonly string[]): { terms: string[]; stop: boolean } => {
      const terms = new Set<string>();
      let stop = true;
      for (const word of words) {
        forEachToken(word, (raw) => {
          const g = tokenGroup(raw);
          if (!g.stop) stop = false;
          for (const t of g.terms) terms.add(t);
        });
      }
      return { terms: [...terms].sort(), stop };
    };
    const lastGroup = parsed.prefixInGroup ? parsed.anyOf.length - 1 : -1;
    parsed.anyOf.forEach((words, i) => {
      if (i === lastGroup) return; // built with the prefix below
      const g = alternatives(words);
      addGroup(g.terms, !g.stop);
    });
    if (parsed.prefix) {
      const tokens: string[] = [];
      forEachToken(parsed.prefix, (raw) => tokens.push(raw));
      const last = tokens.pop();
      for (const raw of tokens) {
        const g = tokenGroup(raw);
        addGroup(g.terms, !g.stop);
      }
      if (last !== undefined) {
        const g = tokenGroup(last);
        if (lastGroup >= 0) {
          const others = alternatives(parsed.anyOf[lastGroup] as string[]);
          g.terms = [...new Set([...g.terms, ...others.terms])].sort();
          g.stop = g.stop && others.stop;
        }
        const folded = foldWord(last);
        const cjk = isCjk(folded);
        const chars = Array.from(folded).length;
        const extra: { term: string; weight: number }[] = [];
        if ((cjk && chars === 1) || (!cjk && chars >= 2)) {
          const max = chars === 2 && !cjk ? 8 : MAX_EXPANSIONS;
          const exact = new Set(g.terms);
          const dfs = new Map<string, number>();
          const prefixBytes = utf8.encode(folded);
          for (const s of segs) {
            let found = s.termsWithPrefix(prefixBytes, PREFIX_SCAN);
            for (const k of s.surfaceTermsWithPrefix(prefixBytes, PREFIX_SCAN)) found.push(k);
            // Only this segment's most frequent candidates are decoded to strings (the global
            // choice below is exact whenever a prefix has few candidates per segment).
            if (found.length > 4 * max) {
              found = [...new Set(found)]
                .sort((a, b) => (s.df[b] as number) - (s.df[a] as number) || a - b)
                .slice(0, 4 * max);
            }
            for (const k of new Set(found)) {
              const t = s.termText(k);
              if (exact.has(t)) continue;
              dfs.set(t, (dfs.get(t) ?? 0) + (s.df[k] as number));
            }
          }
          const ranked = [...dfs].sort(
            (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0),
          );
          let budget = EXPANSION_POSTINGS_BUDGET;
          for (const [t, df] of ranked) {
            if (extra.length >= max || (extra.length > 0 && df > budget)) break;
            extra.push({ term: t, weight: PREFIX_WEIGHT });
            budget -= df;
          }
        }
        addGroup(g.terms, !g.stop, extra);
      }
    }
    return groups;
  }

  /** The index terms of the `-word`s: every form they take in the query's languages. */
  private excludedTerms(parsed: ParsedQuery, langs: string[]): Uint8Array[] {
    const terms = new Set<string>();
    for (const word of parsed.excluded) {
      forEachToken(word, (raw) => {
        for (const l of langs) for (const t of analyzeWord(raw, l).terms) terms.add(t);
      });
    }
    return [...terms].sort().map((t) => utf8.encode(t));
  }

  /** Documents of `seg` holding an excluded term (1), or null when it holds none. */
  private excludedDocs(seg: Segment, terms: readonly Uint8Array[]): Uint8Array | null {
    let out: Uint8Array | null = null;
    for (const bytes of terms) {
      const k = seg.findTerm(bytes);
      if (k < 0) continue;
      const marks = (out ??= new Uint8Array(seg.docCount));
      seg.forEachDoc(k, (d) => {
        marks[d] = 1;
      });
    }
    return out;
  }

  search(query: string, opts: SearchOptions = {}): SearchResult {
    const parsed = parseQuery(typeof query === 'string' ? query : '', {
      prefix: opts.prefix !== false,
    });
    const limit = clampInt(opts.limit, 0, MAX_LIMIT, DEFAULT_LIMIT);
    const offset = clampInt(opts.offset, 0, MAX_LIMIT, 0);
    const filter = this.compileFilter(opts.filters);
    const empty: SearchResult = { hits: [], total: 0, query: parsed };
    if (!hasPositiveTerms(parsed)) return empty;
    const segs: Segment[] = this.segments.filter((s) => s.liveCount > 0);
    const delta = this.deltaSegment();
    if (delta) segs.push(delta);
    if (segs.length === 0 || this.live === 0) return empty;

    const langs = this.queryLanguages(opts);
    const groups = this.buildGroups(parsed, langs, segs);
    if (groups.length === 0) return empty;
    const excludedTerms = this.excludedTerms(parsed, langs);

    // Global statistics: live document frequency per alternative, over all segments.
    const n = this.live;
    for (const g of groups) {
      for (const a of g.alts) {
        let df = 0;
        for (let s = 0; s < segs.length; s++) {
          const seg = segs[s] as Segment;
          const k = seg.findTerm(a.bytes);
          a.idx[s] = k;
          if (k >= 0) df += seg.liveDf(k);
        }
        a.idf = df > 0 ? Math.log(1 + (n - df + 0.5) / (df + 0.5)) : 0;
        if (df > g.df) g.df = df;
      }
    }
    // Required groups first, rarest first: the first one bounds the candidates.
    const order = groups
      .map((g, i) => ({ g, i }))
      .sort((a, b) => Number(b.g.required) - Number(a.g.required) || a.g.df - b.g.df || a.i - b.i)
      .map((x) => x.g);
    const required = order.filter((g) => g.required).length;
    if (required > 0 && order.some((g) => g.required && g.df === 0)) {
      return empty;
    }
    const avg = new Float64Array(NF);
    // Average length over the documents that have the field (short optional fields such as
    // tags would otherwise be penalised wherever they are present).
    for (let f = 0; f < NF; f++) {
      const docs = this.fieldDocs[f] as number;
      avg[f] = docs > 0 ? (this.lenTotal[f] as number) / docs : 0;
    }

    const top = new TopK(Math.min(offset + limit, MAX_LIMIT));
    let total = 0;
    let maxDocs = 0;
    for (const s of segs) maxDocs = Math.max(maxDocs, s.docCount);
    const acc = new Float64Array(maxDocs);
    const tmp = new Float64Array(maxDocs);
    const cnt = new Uint8Array(maxDocs);
    const touched = new Int32Array(maxDocs);
    const cand = new Int32Array(maxDocs);

    for (let s = 0; s < segs.length; s++) {
      const seg = segs[s] as Segment;
      const pass = this.segmentFilter(seg, filter);
      if (pass === null) continue;
      if (
        required > 0 &&
        order.some((g) => g.required && g.alts.every((a) => (a.idx[s] as number) < 0))
      )
        continue;
      const del = seg.deletedCount > 0 ? seg.deleted : null;
      const bytes = seg.postings;
      const lengths = seg.lengths;
      const docCount = seg.docCount;
      let nCand = 0;
      let step = 0; // required groups processed
      for (const g of order) {
        let nTouched = 0;
        for (const a of g.alts) {
          const k = a.idx[s] as number;
          if (k < 0 || a.idf === 0) continue;
          const w = a.weight * a.idf;
          let p = seg.postStart[k] as number;
          const end = seg.postStart[k + 1] as number;
          let d = 0;
          while (p < end) {
            let b = bytes[p++] as number;
            let gap = b & 0x7f;
            if (b & 0x80) {
              let shift = 128;
              do {
                b = bytes[p++] as number;
                gap += (b & 0x7f) * shift;
                shift *= 128;
              } while (b & 0x80);
            }
            d += gap;
            const head = bytes[p++] as number;
            let tfw = 0;
            if (d >= docCount) break; // damaged list: stop reading it
            const base = d * NF;
            if (head & 0x80) {
              const f = (head >> 4) & 7;
              const tf = head & 15;
              const avgLen = avg[f] as number;
              const b = FIELD_B[f] as number;
              const norm = avgLen > 0 ? 1 - b + (b * (lengths[base + f] as number)) / avgLen : 1;
              tfw = ((FIELD_BOOSTS[f] as number) * tf) / norm;
            } else {
              for (let f = 0; f < NF; f++) {
                if (!(head & (1 << f))) continue;
                let tf = 0;
                let shift = 1;
                do {
                  b = bytes[p++] as number;
                  tf += (b & 0x7f) * shift;
                  shift *= 128;
                } while (b & 0x80);
                const avgLen = avg[f] as number;
                const fb = FIELD_B[f] as number;
                const norm =
                  avgLen > 0 ? 1 - fb + (fb * (lengths[base + f] as number)) / avgLen : 1;
                tfw += ((FIELD_BOOSTS[f] as number) * tf) / norm;
              }
            }
            if (del !== null && del[d] === 1) continue;
            if (required > 0) {
              // Only documents that matched every earlier required group can still qualify.
              if (g.required ? cnt[d] !== step : cnt[d] !== required) continue;
            }
            const score = (w * tfw * (K1 + 1)) / (tfw + K1);
            const prev = tmp[d] as number;
            if (score > prev) {
              if (prev === 0) touched[nTouched++] = d;
              tmp[d] = score;
            }
          }
        }
        for (let i = 0; i < nTouched; i++) {
          const d = touched[i] as number;
          acc[d] = (acc[d] as number) + (tmp[d] as number);
          tmp[d] = 0;
          if (g.required) {
            cnt[d] = (cnt[d] as number) + 1;
            if (step === 0) cand[nCand++] = d;
          } else if (required === 0 && cnt[d] === 0) {
            cnt[d] = 1;
            cand[nCand++] = d;
          }
        }
        if (g.required) step++;
      }
      const need = required > 0 ? required : 1;
      const left = this.excludedDocs(seg, excludedTerms);
      for (let i = 0; i < nCand; i++) {
        const d = cand[i] as number;
        if (cnt[d] === need && (left === null || left[d] === 0) && (pass === true || pass(d))) {
          total++;
          top.push(acc[d] as number, seg.ids[d] as string);
        }
        acc[d] = 0;
        cnt[d] = 0;
      }
    }
    const ranked = top.sorted();
    return { hits: ranked.slice(offset, offset + limit), total, query: parsed };
  }
}
