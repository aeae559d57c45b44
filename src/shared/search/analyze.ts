/** From a SearchDoc to what a segment stores: per-field term frequencies and filter metadata. */
import { InvalidInputError } from '../errors';
import { analyzer, baseLanguage, type TermRef, type WordAnalysis } from './languages';
import { forEachToken, foldWord } from './text';
import { scanWords } from './word-scan';
import type { SearchDoc } from './types';

/** Indexed fields, in storage order. */
export const FIELDS = [
  'title',
  'body',
  'narrator',
  'place',
  'tags',
  'notes',
  'attachmentText',
] as const;
export type FieldName = (typeof FIELDS)[number];
export const NF = FIELDS.length;
/** BM25F field weights: title and tags boosted, narrator and place a little. */
export const FIELD_BOOSTS: readonly number[] = [3, 1, 1.5, 1.5, 2.5, 1, 0.8];

export const CONSENT_STATUS_CODES = ['unknown', 'given', 'withdrawn'] as const;
export const CONSENT_SCOPE_CODES = [
  'archive-only',
  'share-with-partners',
  'publish-anonymised',
] as const;

export interface DocMeta {
  id: string;
  /** Lower-cased language tag as given ('' unknown). */
  lang: string;
  /** Bits 0-1 consent status code, 2-3 scope code, 4 has attachments. */
  flags: number;
  /** YYYYMMDD of the first and last day the date may denote, 0 when no date. */
  dateLo: number;
  dateHi: number;
  /** Normalised tags (see normaliseTag), deduplicated. */
  tags: string[];
}

export interface AnalysedDoc {
  /** Distinct index terms of the document. */
  terms: TermRef[];
  /** terms.length * NF term frequencies, term-major. */
  tf: Uint16Array;
  /** Indexed tokens per field (stop words excluded). */
  lengths: Uint32Array;
  /** Analyses of the words whose index terms differ from the word itself (stems). */
  surfaces: WordAnalysis[];
}

export interface BuildDoc {
  meta: DocMeta;
  analysis: AnalysedDoc;
}

export const MAX_ID_LENGTH = 512;

/** Tags compare case-, accent- and spacing-insensitively. */
export function normaliseTag(tag: string): string {
  const parts: string[] = [];
  forEachToken(tag, (raw) => {
    const f = foldWord(raw);
    if (f) parts.push(f);
  });
  return parts.join(' ');
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * 'YYYY' | 'YYYY-MM' | 'YYYY-MM-DD' -> [first day, last day] as YYYYMMDD numbers, or null when
 * the string is not such a date.
 */
export function parseDateRange(value: string): [number, number] | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2] === undefined) return [y * 10000 + 101, y * 10000 + 1231];
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  if (m[3] === undefined)
    return [y * 10000 + mo * 100 + 1, y * 10000 + mo * 100 + daysInMonth(y, mo)];
  const d = Number(m[3]);
  if (d < 1 || d > daysInMonth(y, mo)) return null;
  const v = y * 10000 + mo * 100 + d;
  return [v, v];
}

function str(value: unknown, what: string, id: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new InvalidInputError(`Search document ${id}: ${what} must be a string.`, { id });
  }
  return value;
}

export function validateId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH || id.includes('\0')) {
    throw new InvalidInputError('Search document id must be a non-empty string without NUL.');
  }
  return id;
}

export function docMeta(doc: SearchDoc): DocMeta {
  const id = validateId(doc.id);
  const status = CONSENT_STATUS_CODES.indexOf(doc.consentStatus as never);
  const scope = CONSENT_SCOPE_CODES.indexOf(doc.consentScope as never);
  const range = typeof doc.date === 'string' ? parseDateRange(doc.date) : null;
  if (doc.tags !== undefined && !Array.isArray(doc.tags)) {
    throw new InvalidInputError(`Search document ${id}: tags must be an array.`, { id });
  }
  const tags = new Set<string>();
  for (const t of doc.tags ?? []) {
    const n = normaliseTag(str(t, 'tag', id));
    if (n) tags.add(n);
  }
  return {
    id,
    lang: str(doc.lang, 'lang', id).trim().toLowerCase().slice(0, 35),
    flags:
      (status < 0 ? 0 : status) | ((scope < 0 ? 0 : scope) << 2) | (doc.hasAttachments ? 16 : 0),
    dateLo: range ? range[0] : 0,
    dateHi: range ? range[1] : 0,
    tags: [...tags],
  };
}

let docStamp = 0;

export function analyseDoc(doc: SearchDoc): AnalysedDoc {
  const id = doc.id;
  const analyse = analyzer(baseLanguage(str(doc.lang, 'lang', id)));
  const stamp = ++docStamp;
  const terms: TermRef[] = [];
  let tf = new Uint16Array(256 * NF);
  const lengths = new Uint32Array(NF);
  const surfaces: WordAnalysis[] = [];
  for (let f = 0; f < NF; f++) {
    const name = FIELDS[f] as FieldName;
    const text = name === 'tags' ? (doc.tags ?? []).join('\n') : str(doc[name], name, id);
    if (!text) continue;
    let count = 0;
    const add = (a: WordAnalysis): void => {
      if (a.stop || a.refs.length === 0) return;
      count++;
      for (const r of a.refs) {
        if (r.docStamp !== stamp) {
          r.docStamp = stamp;
          r.docSlot = terms.length;
          terms.push(r);
          if (terms.length * NF > tf.length) {
            const next = new Uint16Array(tf.length * 2);
            next.set(tf);
            tf = next;
          }
        }
        const slot = r.docSlot * NF + f;
        if ((tf[slot] as number) < 0xffff) tf[slot] = (tf[slot] as number) + 1;
      }
      if (a.stemmed && a.docStamp !== stamp) {
        a.docStamp = stamp;
        surfaces.push(a);
      }
    };
    // The per-character scan takes most text; it hands the rest over to the general tokeniser
    // at the first script it cannot cut alone (CJK, Thai..., characters beyond the BMP).
    const rest = scanWords(text, (start, end, hash) => add(analyse.span(text, start, end, hash)));
    if (rest >= 0) forEachToken(text.slice(rest), (raw) => add(analyse.word(raw)));
    lengths[f] = count;
  }
  // Two refs of one text can meet here when the term cache turned over mid-document;
  // buildSegment merges them.
  return { terms, tf: tf.slice(0, terms.length * NF), lengths, surfaces };
}

export function buildDoc(doc: SearchDoc): BuildDoc {
  if (doc === null || typeof doc !== 'object') {
    throw new InvalidInputError('Search document must be an object.');
  }
  const meta = docMeta(doc);
  return { meta, analysis: analyseDoc(doc) };
}
