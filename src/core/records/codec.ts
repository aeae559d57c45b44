import { IntegrityError } from '../../shared/errors';
import type { Provenance, TestimonyFields, TestimonyRecord } from '../../shared/records/types';
import { open, seal } from '../crypto/aead';
import { associatedData } from '../crypto/associated-data';
import type { AnyKey } from '../crypto/keys';
import { pad, unpad } from '../crypto/padding';

/** What one sealed revision holds: every field plus times and provenance. */
export interface RevisionPayload {
  v: 1;
  fields: TestimonyFields;
  createdAt: string;
  updatedAt: string;
  provenance: Provenance | null;
}

/** What the sealed summary of a record's head revision holds (enough for the archive list). */
export interface SummaryPayload {
  v: 1;
  title: string;
  date: string | null;
  lang: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  consent: TestimonyFields['consent'];
  hasWarning: boolean;
}

export const RECORD_KIND_TESTIMONY = 'testimony';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export const adFor = {
  recordKey: (vaultId: string, recordId: string, kind: string) =>
    associatedData('tvault-record-key', vaultId, recordId, kind),
  revision: (vaultId: string, recordId: string, kind: string, revision: number) =>
    associatedData('tvault-revision', vaultId, recordId, kind, revision),
  summary: (vaultId: string, recordId: string, kind: string, revision: number) =>
    associatedData('tvault-summary', vaultId, recordId, kind, revision),
};

export function sealJson(key: AnyKey, value: unknown, ad: Uint8Array): Uint8Array {
  return seal({ key, plain: pad(encoder.encode(JSON.stringify(value))), ad });
}

export function openJson<T>(
  key: AnyKey,
  sealed: Uint8Array,
  ad: Uint8Array,
  subject: string,
  details: Record<string, unknown> = {},
): T {
  const padded = open({ key, sealed, ad, subject, details });
  try {
    return JSON.parse(decoder.decode(unpad(padded, subject, details))) as T;
  } catch (error) {
    if (error instanceof IntegrityError) throw error;
    throw new IntegrityError(subject, { ...details, reason: 'payload' });
  }
}

export function summaryOf(payload: RevisionPayload): SummaryPayload {
  const { fields } = payload;
  return {
    v: 1,
    title: fields.title,
    date: fields.date,
    lang: fields.lang,
    tags: fields.tags,
    createdAt: payload.createdAt,
    updatedAt: payload.updatedAt,
    consent: fields.consent,
    hasWarning: fields.warning.length > 0,
  };
}

/**
 * A record as `tvault show --json` prints it, key order included. Bundles carry the same JSON
 * (with provenance null), so this one function fixes the shape for both.
 */
export function recordToJson(record: TestimonyRecord) {
  return {
    id: record.id,
    title: record.title,
    body: record.body,
    lang: record.lang,
    narrator: record.narrator,
    date: record.date,
    place: record.place,
    tags: record.tags,
    consent: record.consent,
    warning: record.warning,
    notes: record.notes,
    identifying: record.identifying,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    revision: record.revision,
    provenance: record.provenance,
  };
}
