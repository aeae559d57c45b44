/**
 * Segments: immutable inverted indexes over a few thousand documents, in a compact binary form
 * that is used in memory as it is stored. Loading a segment parses a few integer columns; term
 * dictionaries stay UTF-8 bytes (binary search compares bytes; no string per term is created)
 * and postings are decoded on demand at query time, never expanded into objects.
 *
 * Format (version 1; integers are LEB128 varints unless noted; block = varint length + bytes):
 *
 *   "TVSG" u8:version u32le:crc32(everything after it) string:segmentId varint:docCount
 *   docs:     block(ids, NUL-joined) varint:nLangs block(langs, NUL-joined)
 *             block(langIdx per doc) block(flags, 1 byte per doc) block(dateLo per doc)
 *             block(dateHi per doc) varint:nTags block(tags, NUL-joined)
 *             block(per doc: count, tagIdx...) block(field lengths, NF per doc)
 *   terms:    varint:nTerms block(UTF-8 of all terms, concatenated, in JS string order)
 *             block(byte length per term) block(per term: df, posting bytes)
 *   postings: block(per term, per document in increasing order: gap, then either one byte
 *             0x80|field<<4|tf (one field, tf 1..15) or a field mask byte and one tf per field)
 *   surfaces: varint:nSurfaces block(UTF-8 of the folded unstemmed word forms, sorted)
 *             block(byte length per surface) block(per surface: count, term indexes)
 *
 * Surfaces are the indexed words whose index term differs from the word (stems); prefix search
 * looks at them so that "politic" finds "política" (indexed under the stem "polit").
 * No positions are stored: phrases are verified on the candidate text, snippets are built at
 * display time.
 */
import type { BuildDoc } from './analyze';
import type { TermRef } from './languages';
import { NF } from './analyze';
import { ByteReader, ByteWriter, crc32, malformed, utf8 } from './binary';
import { sortIndexesByString, sortedOrder } from './string-sort';

const MAGIC = [0x54, 0x56, 0x53, 0x47]; // TVSG
export const SEGMENT_VERSION = 1;
const HEADER = 9;

function joinNul(list: readonly string[]): Uint8Array {
  return utf8.encode(list.join('\0'));
}

function splitNul(bytes: Uint8Array, count: number, what: string): string[] {
  if (count === 0) {
    if (bytes.length !== 0) throw malformed(`${what} table`);
    return [];
  }
  const list = utf8.decode(bytes).split('\0');
  if (list.length !== count) throw malformed(`${what} table`);
  return list;
}

/**
 * Byte order that matches JavaScript's string order (UTF-16 code units): UTF-8 byte order is
 * code point order, which differs only between astral characters (lead byte >= 0xF0) and
 * U+E000..U+FFFF (lead byte 0xEE or 0xEF).
 */
function byteOrder(x: number, y: number): number {
  if (x >= 0xf0 && (y === 0xee || y === 0xef)) return -1;
  if (y >= 0xf0 && (x === 0xee || x === 0xef)) return 1;
  return x - y;
}

/** Compares a[a0..a1) with b[b0..b1); negative when the first sorts first. */
function compareSlices(
  a: Uint8Array,
  a0: number,
  a1: number,
  b: Uint8Array,
  b0: number,
  b1: number,
): number {
  const la = a1 - a0;
  const lb = b1 - b0;
  const n = la < lb ? la : lb;
  for (let i = 0; i < n; i++) {
    const x = a[a0 + i] as number;
    const y = b[b0 + i] as number;
    if (x !== y) return byteOrder(x, y);
  }
  return la - lb;
}

/** Compares bytes[a0..a1) with key (whole); negative when the slice sorts first. */
function compareSlice(bytes: Uint8Array, a0: number, a1: number, key: Uint8Array): number {
  return compareSlices(bytes, a0, a1, key, 0, key.length);
}

function startsWith(bytes: Uint8Array, a0: number, a1: number, prefix: Uint8Array): boolean {
  if (a1 - a0 < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[a0 + i] !== prefix[i]) return false;
  return true;
}

/** A sorted list of UTF-8 strings kept as bytes plus offsets. */
class ByteDictionary {
  constructor(
    readonly bytes: Uint8Array,
    /** count + 1 offsets into `bytes`. */
    readonly start: Uint32Array,
  ) {}

  get size(): number {
    return this.start.length - 1;
  }

  /**
   * Reads the offsets; `verifyOrder` also checks that entries are strictly increasing (binary
   * search depends on it; the CRC already rules out damage, so only the term dictionary, read
   * at load, pays for this check).
   */
  static parse(
    bytes: Uint8Array,
    lengths: Uint8Array,
    count: number,
    what: string,
    verifyOrder = true,
  ): ByteDictionary {
    const start = new Uint32Array(count + 1);
    const c = new VarintCursor(lengths);
    let off = 0;
    for (let i = 0; i < count; i++) {
      off += c.next();
      if (off > bytes.length || c.pos > lengths.length) throw malformed(`${what} lengths`);
      start[i + 1] = off;
    }
    if (off !== bytes.length || c.pos !== lengths.length) throw malformed(`${what} lengths`);
    const dict = new ByteDictionary(bytes, start);
    for (let i = 1; verifyOrder && i < count; i++) {
      if (dict.compareEntries(i - 1, i) >= 0) throw malformed(`${what} order`);
    }
    return dict;
  }

  private compareEntries(i: number, j: number): number {
    const s = this.start;
    return compareSlices(
      this.bytes,
      s[i] as number,
      s[i + 1] as number,
      this.bytes,
      s[j] as number,
      s[j + 1] as number,
    );
  }

  /** First index whose entry is >= key. */
  lowerBound(key: Uint8Array): number {
    let lo = 0;
    let hi = this.size;
    const s = this.start;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareSlice(this.bytes, s[mid] as number, s[mid + 1] as number, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  find(key: Uint8Array): number {
    const i = this.lowerBound(key);
    if (i >= this.size) return -1;
    const s = this.start;
    return compareSlice(this.bytes, s[i] as number, s[i + 1] as number, key) === 0 ? i : -1;
  }

  /** Indexes of the entries that start with `prefix` (at most `max`). */
  withPrefix(prefix: Uint8Array, max: number): [number, number] {
    const from = this.lowerBound(prefix);
    let to = from;
    const s = this.start;
    while (
      to < this.size &&
      to - from < max &&
      startsWith(this.bytes, s[to] as number, s[to + 1] as number, prefix)
    ) {
      to++;
    }
    return [from, to];
  }

  text(i: number): string {
    return utf8.decode(this.bytes.subarray(this.start[i] as number, this.start[i + 1] as number));
  }

  slice(i: number): Uint8Array {
    return this.bytes.subarray(this.start[i] as number, this.start[i + 1] as number);
  }
}

/** Sorted strings -> (concatenated UTF-8, varint lengths). Strings must not contain NUL. */
function encodeSorted(list: readonly string[]): { bytes: Uint8Array; lengths: Uint8Array } {
  const joined = utf8.encode(list.join('\0'));
  const lengths = new ByteWriter(list.length * 2 + 16);
  const out = new Uint8Array(joined.length - Math.max(0, list.length - 1));
  let o = 0;
  let runStart = 0;
  // One pass, byte by byte: a copy per string (a subarray each) cost more than the encoding.
  for (let i = 0; i < joined.length; i++) {
    const b = joined[i] as number;
    if (b === 0) {
      lengths.varint(i - runStart);
      runStart = i + 1;
    } else {
      out[o++] = b;
    }
  }
  if (list.length > 0) lengths.varint(joined.length - runStart);
  return { bytes: out, lengths: lengths.view() };
}

export interface DocColumns {
  ids: string[];
  langs: string[];
  flags: number[];
  dateLo: number[];
  dateHi: number[];
  tags: string[][];
  lengths: Uint32Array;
}

/** What writeSegment needs of the terms, already in order. */
interface TermTable {
  bytes: Uint8Array;
  lengths: Uint8Array;
  count: number;
  /** Per term: df and posting byte length, varints. */
  info: Uint8Array;
  postings: Uint8Array;
}

interface SurfaceTable {
  bytes: Uint8Array;
  lengths: Uint8Array;
  count: number;
  /** Per surface: count, term indexes (varints). */
  terms: Uint8Array;
}

function writeSegment(
  id: string,
  docs: DocColumns,
  terms: TermTable,
  surfaces: SurfaceTable,
): Uint8Array {
  const docCount = docs.ids.length;
  const w = new ByteWriter(
    terms.postings.length + terms.bytes.length + surfaces.bytes.length + docCount * 64 + 1024,
  );
  for (const b of MAGIC) w.u8(b);
  w.u8(SEGMENT_VERSION);
  w.u32(0); // crc placeholder
  w.string(id);
  w.varint(docCount);
  w.block(joinNul(docs.ids));

  const langIndex = new Map<string, number>();
  const langCol = new ByteWriter(docCount + 16);
  for (const l of docs.langs) {
    let k = langIndex.get(l);
    if (k === undefined) {
      k = langIndex.size;
      langIndex.set(l, k);
    }
    langCol.varint(k);
  }
  w.varint(langIndex.size);
  w.block(joinNul([...langIndex.keys()]));
  w.block(langCol.view());
  w.block(Uint8Array.from(docs.flags));
  const lo = new ByteWriter(docCount * 4 + 16);
  for (const v of docs.dateLo) lo.varint(v);
  w.block(lo.view());
  const hi = new ByteWriter(docCount * 4 + 16);
  for (const v of docs.dateHi) hi.varint(v);
  w.block(hi.view());

  const tagIndex = new Map<string, number>();
  const tagCol = new ByteWriter(docCount * 2 + 16);
  for (const list of docs.tags) {
    tagCol.varint(list.length);
    for (const t of list) {
      let k = tagIndex.get(t);
      if (k === undefined) {
        k = tagIndex.size;
        tagIndex.set(t, k);
      }
      tagCol.varint(k);
    }
  }
  w.varint(tagIndex.size);
  w.block(joinNul([...tagIndex.keys()]));
  w.block(tagCol.view());
  const len = new ByteWriter(docCount * NF * 2 + 16);
  for (let i = 0; i < docCount * NF; i++) len.varint(docs.lengths[i] as number);
  w.block(len.view());

  w.varint(terms.count);
  w.block(terms.bytes);
  w.block(terms.lengths);
  w.block(terms.info);
  w.block(terms.postings);

  w.varint(surfaces.count);
  w.block(surfaces.bytes);
  w.block(surfaces.lengths);
  w.block(surfaces.terms);

  const out = w.finish();
  const crc = crc32(out, HEADER);
  out[5] = crc & 0xff;
  out[6] = (crc >>> 8) & 0xff;
  out[7] = (crc >>> 16) & 0xff;
  out[8] = (crc >>> 24) & 0xff;
  return out;
}

let segStamp = 0;
const SKIP = 0xffffffff;

/**
 * Accumulates analysed documents into a future segment. Each document's terms are numbered as
 * it is added (its TermRefs are then still in the CPU cache; numbering them later, 8,192
 * documents on, costs a cache miss per posting). Documents can be removed again (the delta);
 * build() writes the live ones, in the order they were added.
 */
export class SegmentBuilder {
  private readonly stamp = ++segStamp;
  private readonly termNames: string[] = [];
  /** The term ids by text: open addressing on TermRef.hash (1 + id per slot, 0 empty). */
  private termSlots = new Int32Array(2048);
  private termHashes = new Int32Array(1024);
  private counts = new Uint32Array(1024);
  // The last document (and its local slot) that used each term: two refs of one document can
  // carry the same text when the term cache turned over mid-document; they are merged here.
  private lastDoc = new Int32Array(1024).fill(-1);
  private firstLocal = new Uint32Array(1024);
  private readonly docs: (BuildDoc | null)[] = [];
  /** Per doc, the builder term id of each of its local terms (SKIP for merged duplicates). */
  private readonly docTermIds: Uint32Array[] = [];
  private live = 0;

  get size(): number {
    return this.live;
  }

  /** The id of the term `text` (hash `hash`), or -1 - (the empty slot where it would go). */
  private findTerm(text: string, hash: number): number {
    const slots = this.termSlots;
    const mask = slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = slots[i] as number;
      if (slot === 0) return -1 - i;
      if (this.termHashes[slot - 1] === hash && this.termNames[slot - 1] === text) return slot - 1;
    }
  }

  private newTerm(ref: TermRef, emptySlot: number): number {
    const k = this.termNames.length;
    this.termNames.push(ref.text);
    if (k >= this.counts.length) this.grow();
    this.termHashes[k] = ref.hash;
    this.termSlots[emptySlot] = k + 1;
    if (this.termNames.length * 2 > this.termSlots.length) {
      const slots = new Int32Array(this.termSlots.length * 2);
      const mask = slots.length - 1;
      for (let t = 0; t < this.termNames.length; t++) {
        let i = (this.termHashes[t] as number) & mask;
        while (slots[i] !== 0) i = (i + 1) & mask;
        slots[i] = t + 1;
      }
      this.termSlots = slots;
    }
    return k;
  }

  private grow(): void {
    const size = this.counts.length * 2;
    const h = new Int32Array(size);
    h.set(this.termHashes);
    this.termHashes = h;
    const c = new Uint32Array(size);
    c.set(this.counts);
    this.counts = c;
    const l = new Int32Array(size).fill(-1);
    l.set(this.lastDoc);
    this.lastDoc = l;
    const f = new Uint32Array(size);
    f.set(this.firstLocal);
    this.firstLocal = f;
  }

  /** Adds a document; returns its slot (for remove). */
  add(doc: BuildDoc): number {
    const d = this.docs.length;
    const stamp = this.stamp;
    const local = doc.analysis.terms;
    const tf = doc.analysis.tf;
    const ids = new Uint32Array(local.length);
    for (let i = 0; i < local.length; i++) {
      const ref = local[i] as TermRef;
      let k: number;
      if (ref.segStamp === stamp) {
        k = ref.segId;
      } else {
        let known = this.findTerm(ref.text, ref.hash);
        if (known < 0) known = this.newTerm(ref, -1 - known);
        ref.segStamp = stamp;
        ref.segId = known;
        k = known;
      }
      if (this.lastDoc[k] === d) {
        const into = (this.firstLocal[k] as number) * NF;
        for (let f = 0; f < NF; f++) {
          tf[into + f] = Math.min(0xffff, (tf[into + f] as number) + (tf[i * NF + f] as number));
          tf[i * NF + f] = 0;
        }
        ids[i] = SKIP;
        continue;
      }
      this.lastDoc[k] = d;
      this.firstLocal[k] = i;
      ids[i] = k;
      this.counts[k] = (this.counts[k] as number) + 1;
    }
    this.docs.push(doc);
    this.docTermIds.push(ids);
    this.live++;
    return d;
  }

  remove(slot: number): void {
    if (!this.docs[slot]) return;
    for (const k of this.docTermIds[slot] as Uint32Array) {
      if (k !== SKIP) this.counts[k] = (this.counts[k] as number) - 1;
    }
    this.docs[slot] = null;
    this.live--;
  }

  build(id: string): Uint8Array {
    const docs: BuildDoc[] = [];
    const docIds: Uint32Array[] = [];
    this.docs.forEach((d, slot) => {
      if (d) {
        docs.push(d);
        docIds.push(this.docTermIds[slot] as Uint32Array);
      }
    });
    const counts = this.counts;
    const all = this.termNames.length;
    // Counting sort of postings by term; documents come in order, so each list is increasing.
    const start = new Uint32Array(all + 1);
    for (let k = 0; k < all; k++) start[k + 1] = (start[k] as number) + (counts[k] as number);
    const total = start[all] as number;
    const fill = start.slice(0, all);
    const postDoc = new Uint32Array(total);
    const postLocal = new Uint32Array(total);
    // The frequency byte of each posting when it fits one byte (one field, tf <= 15), else 0;
    // computed in document order so that the term-ordered pass below reads sequentially.
    const postCode = new Uint8Array(total);
    for (let d = 0; d < docs.length; d++) {
      const ids = docIds[d] as Uint32Array;
      const tf = (docs[d] as BuildDoc).analysis.tf;
      for (let i = 0; i < ids.length; i++) {
        const k = ids[i] as number;
        if (k === SKIP) continue;
        const at = fill[k] as number;
        postDoc[at] = d;
        postLocal[at] = i;
        fill[k] = at + 1;
        const base = i * NF;
        let single = -1;
        for (let f = 0; f < NF; f++) {
          if ((tf[base + f] as number) > 0) single = single === -1 ? f : -2;
        }
        const one = single >= 0 ? (tf[base + single] as number) : 0;
        if (single >= 0 && one <= 15) postCode[at] = 0x80 | (single << 4) | one;
      }
    }
    // Terms still in use, in JS string order (string-sort.ts: the order of the native sort);
    // the dictionary stores the same order as UTF-8.
    let nTerms = 0;
    for (let k = 0; k < all; k++) if ((counts[k] as number) > 0) nTerms++;
    const order = new Uint32Array(nTerms);
    for (let k = 0, r = 0; k < all; k++) if ((counts[k] as number) > 0) order[r++] = k;
    sortIndexesByString(this.termNames, order);
    const sorted: string[] = new Array<string>(nTerms);
    for (let r = 0; r < nTerms; r++) sorted[r] = this.termNames[order[r] as number] as string;

    const postings = new ByteWriter(total * 3 + 16);
    const info = new ByteWriter(nTerms * 4 + 16);
    const tfs = docs.map((d) => d.analysis.tf);
    for (let r = 0; r < nTerms; r++) {
      const k = order[r] as number;
      const before = postings.length;
      let prev = 0;
      for (let p = start[k] as number; p < (start[k + 1] as number); p++) {
        const d = postDoc[p] as number;
        postings.varint(d - prev);
        prev = d;
        const code = postCode[p] as number;
        if (code !== 0) {
          postings.u8(code);
          continue;
        }
        const tf = tfs[d] as Uint16Array;
        const base = (postLocal[p] as number) * NF;
        let mask = 0;
        for (let f = 0; f < NF; f++) if ((tf[base + f] as number) > 0) mask |= 1 << f;
        postings.u8(mask);
        for (let f = 0; f < NF; f++) {
          const v = tf[base + f] as number;
          if (v > 0) postings.varint(v);
        }
      }
      info.varint(counts[k] as number);
      info.varint(postings.length - before);
    }
    const encodedTerms = encodeSorted(sorted);
    const rank = new Int32Array(all).fill(-1);
    for (let r = 0; r < nTerms; r++) rank[order[r] as number] = r;

    // Surface forms: word -> the terms it was indexed under (usually one).
    const surfStamp = ++segStamp;
    const surf = new Map<string, number[]>();
    for (const d of docs) {
      for (const a of d.analysis.surfaces) {
        if (a.segStamp === surfStamp) continue;
        a.segStamp = surfStamp;
        let list = surf.get(a.surface);
        for (const ref of a.refs) {
          const k = ref.segStamp === this.stamp ? ref.segId : this.findTerm(ref.text, ref.hash);
          if (k < 0) continue;
          const r = rank[k] as number;
          if (r < 0) continue;
          if (!list) surf.set(a.surface, (list = []));
          if (!list.includes(r)) list.push(r);
        }
      }
    }
    const surfaceKeys = [...surf.keys()];
    const surfaceWords = Array.from(sortedOrder(surfaceKeys), (i) => surfaceKeys[i] as string);
    const surfaceTerms = new ByteWriter(surfaceWords.length * 4 + 16);
    for (const w of surfaceWords) {
      const list = (surf.get(w) as number[]).sort((a, b) => a - b);
      surfaceTerms.varint(list.length);
      for (const r of list) surfaceTerms.varint(r);
    }
    const encodedSurfaces = encodeSorted(surfaceWords);

    const lengths = new Uint32Array(docs.length * NF);
    docs.forEach((d, i) => lengths.set(d.analysis.lengths, i * NF));
    const columns: DocColumns = {
      ids: docs.map((d) => d.meta.id),
      langs: docs.map((d) => d.meta.lang),
      flags: docs.map((d) => d.meta.flags),
      dateLo: docs.map((d) => d.meta.dateLo),
      dateHi: docs.map((d) => d.meta.dateHi),
      tags: docs.map((d) => d.meta.tags),
      lengths,
    };
    return writeSegment(
      id,
      columns,
      { ...encodedTerms, count: nTerms, info: info.view(), postings: postings.view() },
      { ...encodedSurfaces, count: surfaceWords.length, terms: surfaceTerms.view() },
    );
  }
}

/** Builds a segment from analysed documents (in the given order). */
export function buildSegment(id: string, docs: readonly BuildDoc[]): Uint8Array {
  const b = new SegmentBuilder();
  for (const d of docs) b.add(d);
  return b.build(id);
}

/**
 * A varint reader over one byte array with a movable position (no allocation per value: the
 * load and merge loops read millions of them).
 */
class VarintCursor {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    start = 0,
  ) {
    this.pos = start;
  }
  next(): number {
    const bytes = this.bytes;
    let b = bytes[this.pos++] as number;
    if (b < 0x80) return b;
    let v = b & 0x7f;
    let shift = 128;
    do {
      b = bytes[this.pos++] as number;
      v += (b & 0x7f) * shift;
      shift *= 128;
    } while (b & 0x80);
    return v;
  }
}

/** Skips one posting's frequencies; returns the new position. */
export function skipTfs(bytes: Uint8Array, p: number): number {
  const b = bytes[p++] as number;
  if (b & 0x80) return p;
  for (let m = b; m !== 0; m &= m - 1) {
    while ((bytes[p++] as number) & 0x80);
  }
  return p;
}

export class Segment {
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly docCount: number;
  readonly ids: string[];
  readonly langs: string[];
  readonly langIdx: Uint16Array;
  readonly flags: Uint8Array;
  readonly dateLo: Uint32Array;
  readonly dateHi: Uint32Array;
  readonly tags: string[];
  readonly tagStart: Uint32Array;
  readonly tagIds: Uint32Array;
  readonly lengths: Uint32Array;
  readonly terms: ByteDictionary;
  readonly df: Uint32Array;
  /** Offsets into `postings` of each term's list; nTerms + 1 entries. */
  readonly postStart: Uint32Array;
  readonly postings: Uint8Array;
  private readonly surfaceCount: number;
  private readonly surfaceBytes: Uint8Array;
  private readonly surfaceLengths: Uint8Array;
  private readonly surfaceTermBytes: Uint8Array;
  private surfaceCache: { dict: ByteDictionary; start: Uint32Array; terms: Uint32Array } | null =
    null;
  /** Tombstones (owned by the engine). */
  deleted: Uint8Array | null = null;
  deletedCount = 0;

  private constructor(bytes: Uint8Array, authenticated: boolean) {
    if (bytes.length < HEADER || MAGIC.some((b, i) => bytes[i] !== b)) {
      throw malformed('not a search index segment');
    }
    if (bytes[4] !== SEGMENT_VERSION) throw malformed(`unsupported segment version ${bytes[4]}`);
    const r = new ByteReader(bytes, 5);
    const crc = r.u32();
    if (!authenticated && crc32(bytes, HEADER) !== crc) throw malformed('checksum mismatch');
    this.bytes = bytes;
    this.id = r.string();
    const n = r.count(bytes.length, 'document count');
    this.docCount = n;
    this.ids = splitNul(r.block(), n, 'id');
    const nLangs = r.count(0xffff, 'language count');
    this.langs = splitNul(r.block(), nLangs, 'language');
    this.langIdx = new Uint16Array(n);
    {
      const col = new ByteReader(r.block());
      for (let i = 0; i < n; i++) this.langIdx[i] = col.count(nLangs - 1, 'language index');
    }
    const flags = r.block();
    if (flags.length !== n) throw malformed('flags column');
    this.flags = flags;
    this.dateLo = new Uint32Array(n);
    this.dateHi = new Uint32Array(n);
    {
      const lo = new ByteReader(r.block());
      for (let i = 0; i < n; i++) this.dateLo[i] = lo.count(99_991_231, 'date');
      const hi = new ByteReader(r.block());
      for (let i = 0; i < n; i++) this.dateHi[i] = hi.count(99_991_231, 'date');
    }
    const nTags = r.count(bytes.length, 'tag count');
    this.tags = splitNul(r.block(), nTags, 'tag');
    this.tagStart = new Uint32Array(n + 1);
    {
      const col = new ByteReader(r.block());
      const list: number[] = [];
      for (let i = 0; i < n; i++) {
        const c = col.count(col.remaining, 'tag list');
        for (let k = 0; k < c; k++) list.push(col.count(nTags - 1, 'tag index'));
        this.tagStart[i + 1] = list.length;
      }
      this.tagIds = Uint32Array.from(list);
    }
    this.lengths = new Uint32Array(n * NF);
    {
      const col = new ByteReader(r.block());
      for (let i = 0; i < n * NF; i++) this.lengths[i] = col.count(0xffffffff, 'field length');
    }
    const nTerms = r.count(bytes.length, 'term count');
    const termBytes = r.block();
    this.terms = ByteDictionary.parse(termBytes, r.block(), nTerms, 'term', !authenticated);
    const info = r.block();
    this.postings = r.block();
    this.df = new Uint32Array(nTerms);
    this.postStart = new Uint32Array(nTerms + 1);
    {
      const c = new VarintCursor(info);
      let off = 0;
      for (let i = 0; i < nTerms; i++) {
        const df = c.next();
        if (df > n || df === 0) throw malformed('document frequency');
        this.df[i] = df;
        off += c.next();
        if (off > this.postings.length || c.pos > info.length) throw malformed('posting offsets');
        this.postStart[i + 1] = off;
      }
      if (off !== this.postings.length || c.pos !== info.length) throw malformed('posting offsets');
    }
    this.surfaceCount = r.count(bytes.length, 'surface count');
    this.surfaceBytes = r.block();
    this.surfaceLengths = r.block();
    this.surfaceTermBytes = r.block();
    if (r.remaining !== 0) throw malformed('trailing bytes');
  }

  /**
   * Reads a segment. Bytes of unknown origin are checked whole: the checksum and the order of
   * the term dictionary (a lookup in a misordered dictionary would miss terms silently).
   * `authenticated`: the bytes were built by this code or opened from the vault's authenticated
   * encryption, which already refuses any changed byte; the two checks, a pass over every byte
   * and a comparison of every pair of neighbouring terms, were half the time of loading a large
   * index (1,000,000 short items: 1.0 s and about 0.6 s of the first query after unlock). Every
   * structural check (counts, lengths, offsets) is kept either way.
   */
  static decode(bytes: Uint8Array, options: { authenticated?: boolean } = {}): Segment {
    if (!(bytes instanceof Uint8Array)) throw malformed('expected bytes');
    return new Segment(bytes, options.authenticated === true);
  }

  get liveCount(): number {
    return this.docCount - this.deletedCount;
  }

  get termCount(): number {
    return this.terms.size;
  }

  isDeleted(d: number): boolean {
    return this.deleted !== null && this.deleted[d] === 1;
  }

  /** Index of a term given as UTF-8, or -1. */
  findTerm(term: Uint8Array): number {
    return this.terms.find(term);
  }

  termText(k: number): string {
    return this.terms.text(k);
  }

  /** Term indexes whose term starts with `prefix` (UTF-8; at most `max`, in term order). */
  termsWithPrefix(prefix: Uint8Array, max: number): number[] {
    const [from, to] = this.terms.withPrefix(prefix, max);
    const out: number[] = [];
    for (let i = from; i < to; i++) out.push(i);
    return out;
  }

  private surfaceTable(): { dict: ByteDictionary; start: Uint32Array; terms: Uint32Array } {
    if (this.surfaceCache) return this.surfaceCache;
    const n = this.surfaceCount;
    const dict = ByteDictionary.parse(this.surfaceBytes, this.surfaceLengths, n, 'surface', false);
    const bytes = this.surfaceTermBytes;
    const nTerms = this.terms.size;
    const start = new Uint32Array(n + 1);
    // Two passes over the lists: count, then fill a typed array.
    const c = new VarintCursor(bytes);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const count = c.next();
      for (let k = 0; k < count; k++) c.next();
      total += count;
      if (c.pos > bytes.length) throw malformed('surface terms');
      start[i + 1] = total;
    }
    if (c.pos !== bytes.length) throw malformed('surface terms');
    const terms = new Uint32Array(total);
    c.pos = 0;
    let j = 0;
    for (let i = 0; i < n; i++) {
      const count = c.next();
      for (let k = 0; k < count; k++) {
        const t = c.next();
        if (t >= nTerms) throw malformed('surface term');
        terms[j++] = t;
      }
    }
    this.surfaceCache = { dict, start, terms };
    return this.surfaceCache;
  }

  /** Term indexes reached through unstemmed word forms that start with `prefix` (UTF-8). */
  surfaceTermsWithPrefix(prefix: Uint8Array, max: number): number[] {
    if (this.surfaceCount === 0) return [];
    const table = this.surfaceTable();
    const [from, to] = table.dict.withPrefix(prefix, max);
    const out: number[] = [];
    for (let i = from; i < to; i++) {
      for (let k = table.start[i] as number; k < (table.start[i + 1] as number); k++)
        out.push(table.terms[k] as number);
    }
    return out;
  }

  docTags(d: number): Uint32Array {
    return this.tagIds.subarray(this.tagStart[d] as number, this.tagStart[d + 1] as number);
  }

  /** Counts the live documents of one term (differs from df when there are tombstones). */
  liveDf(termIdx: number): number {
    if (this.deletedCount === 0 || this.deleted === null) return this.df[termIdx] as number;
    const bytes = this.postings;
    const del = this.deleted;
    const c = new VarintCursor(bytes, this.postStart[termIdx] as number);
    const end = this.postStart[termIdx + 1] as number;
    let d = 0;
    let live = 0;
    while (c.pos < end) {
      d += c.next();
      if (d < this.docCount && del[d] === 0) live++;
      c.pos = skipTfs(bytes, c.pos);
    }
    return live;
  }

  /** Calls `visit` with each document number in one term's postings (deleted ones too). */
  forEachDoc(termIdx: number, visit: (d: number) => void): void {
    const bytes = this.postings;
    const c = new VarintCursor(bytes, this.postStart[termIdx] as number);
    const end = this.postStart[termIdx + 1] as number;
    let d = 0;
    while (c.pos < end) {
      d += c.next();
      if (d >= this.docCount) return; // damaged list: stop reading it
      visit(d);
      c.pos = skipTfs(bytes, c.pos);
    }
  }

  /** @internal for merges */
  surfaceEntries(): { dict: ByteDictionary; start: Uint32Array; terms: Uint32Array } | null {
    return this.surfaceCount === 0 ? null : this.surfaceTable();
  }
}

/** k-way merge order over byte dictionaries: calls `visit` once per distinct entry, in order. */
function mergeDictionaries(
  dicts: readonly ByteDictionary[],
  visit: (bytes: Uint8Array, members: [number, number][]) => void,
): void {
  const cursor = new Int32Array(dicts.length);
  // Binary min-heap of source indexes keyed by their current entry.
  const heap: number[] = [];
  const cmp = (a: number, b: number): number => {
    const da = dicts[a] as ByteDictionary;
    const db = dicts[b] as ByteDictionary;
    const ca = cursor[a] as number;
    const cb = cursor[b] as number;
    const c = compareSlices(
      da.bytes,
      da.start[ca] as number,
      da.start[ca + 1] as number,
      db.bytes,
      db.start[cb] as number,
      db.start[cb + 1] as number,
    );
    return c !== 0 ? c : a - b;
  };
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (cmp(heap[i] as number, heap[p] as number) >= 0) break;
      [heap[i], heap[p]] = [heap[p] as number, heap[i] as number];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && cmp(heap[l] as number, heap[m] as number) < 0) m = l;
      if (r < heap.length && cmp(heap[r] as number, heap[m] as number) < 0) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m] as number, heap[i] as number];
      i = m;
    }
  };
  const pop = (): number => {
    const top = heap[0] as number;
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      down(0);
    }
    return top;
  };
  dicts.forEach((d, i) => {
    if (d.size > 0) {
      heap.push(i);
      up(heap.length - 1);
    }
  });
  // Defined once, not per entry: a closure per entry (hundreds of thousands per merge) was a
  // fifth of the merge's time where names are kept on functions (tsx, which the bench runs).
  const advance = (s: number): void => {
    cursor[s] = (cursor[s] as number) + 1;
    if ((cursor[s] as number) < (dicts[s] as ByteDictionary).size) {
      heap.push(s);
      up(heap.length - 1);
    }
  };
  while (heap.length > 0) {
    const first = pop();
    const key = (dicts[first] as ByteDictionary).slice(cursor[first] as number);
    const members: [number, number][] = [[first, cursor[first] as number]];
    while (heap.length > 0) {
      const s = heap[0] as number;
      const d = dicts[s] as ByteDictionary;
      const c = cursor[s] as number;
      if (compareSlice(d.bytes, d.start[c] as number, d.start[c + 1] as number, key) !== 0) break;
      pop();
      members.push([s, c]);
      advance(s);
    }
    visit(key, members);
    advance(first);
  }
}

/**
 * Merges segments into one, dropping tombstoned documents. Nothing is re-analysed and no term
 * string is created: dictionaries are merged as bytes and each posting's frequency bytes are
 * copied; only document numbers change.
 */
export function mergeSegments(id: string, sources: readonly Segment[]): Uint8Array {
  const columns: DocColumns = {
    ids: [],
    langs: [],
    flags: [],
    dateLo: [],
    dateHi: [],
    tags: [],
    lengths: new Uint32Array(0),
  };
  const lengths: number[] = [];
  const remap: Int32Array[] = [];
  for (const s of sources) {
    const map = new Int32Array(s.docCount).fill(-1);
    for (let d = 0; d < s.docCount; d++) {
      if (s.isDeleted(d)) continue;
      map[d] = columns.ids.length;
      columns.ids.push(s.ids[d] as string);
      columns.langs.push(s.langs[s.langIdx[d] as number] as string);
      columns.flags.push(s.flags[d] as number);
      columns.dateLo.push(s.dateLo[d] as number);
      columns.dateHi.push(s.dateHi[d] as number);
      columns.tags.push([...s.docTags(d)].map((k) => s.tags[k] as string));
      for (let f = 0; f < NF; f++) lengths.push(s.lengths[d * NF + f] as number);
    }
    remap.push(map);
  }
  columns.lengths = Uint32Array.from(lengths);

  const termBytes = new ByteWriter(1 << 16);
  const termLengths = new ByteWriter(1 << 12);
  const info = new ByteWriter(1 << 12);
  const postings = new ByteWriter(sources.reduce((n, s) => n + s.postings.length, 16));
  const newTerm = sources.map((s) => new Int32Array(s.termCount).fill(-1));
  let count = 0;
  mergeDictionaries(
    sources.map((s) => s.terms),
    (key, members) => {
      const before = postings.length;
      let df = 0;
      let prev = 0;
      for (const [si, k] of members) {
        const s = sources[si] as Segment;
        const map = remap[si] as Int32Array;
        const bytes = s.postings;
        const c = new VarintCursor(bytes, s.postStart[k] as number);
        const end = s.postStart[k + 1] as number;
        let d = 0;
        while (c.pos < end) {
          d += c.next();
          const p = c.pos;
          const q = skipTfs(bytes, p);
          const nd = d < map.length ? (map[d] as number) : -1;
          if (nd >= 0) {
            postings.varint(nd - prev);
            prev = nd;
            postings.range(bytes, p, q);
            df++;
          }
          c.pos = q;
        }
      }
      if (df === 0) return;
      for (const [si, k] of members) (newTerm[si] as Int32Array)[k] = count;
      termBytes.bytes(key);
      termLengths.varint(key.length);
      info.varint(df);
      info.varint(postings.length - before);
      count++;
    },
  );

  const surfaceBytes = new ByteWriter(1 << 16);
  const surfaceLengths = new ByteWriter(1 << 12);
  const surfaceTerms = new ByteWriter(1 << 12);
  let surfaceCount = 0;
  const tables = sources.map((s) => s.surfaceEntries());
  const present = tables.map((t, i) => (t ? i : -1)).filter((i) => i >= 0);
  mergeDictionaries(
    present.map((i) => (tables[i] as NonNullable<(typeof tables)[number]>).dict),
    (key, members) => {
      const list: number[] = [];
      for (const [pi, k] of members) {
        const si = present[pi] as number;
        const table = tables[si] as NonNullable<(typeof tables)[number]>;
        for (let j = table.start[k] as number; j < (table.start[k + 1] as number); j++) {
          const nt = (newTerm[si] as Int32Array)[table.terms[j] as number] as number;
          if (nt >= 0 && !list.includes(nt)) list.push(nt);
        }
      }
      if (list.length === 0) return;
      list.sort((a, b) => a - b);
      surfaceBytes.bytes(key);
      surfaceLengths.varint(key.length);
      surfaceTerms.varint(list.length);
      for (const t of list) surfaceTerms.varint(t);
      surfaceCount++;
    },
  );

  return writeSegment(
    id,
    columns,
    {
      bytes: termBytes.view(),
      lengths: termLengths.view(),
      count,
      info: info.view(),
      postings: postings.view(),
    },
    {
      bytes: surfaceBytes.view(),
      lengths: surfaceLengths.view(),
      count: surfaceCount,
      terms: surfaceTerms.view(),
    },
  );
}
