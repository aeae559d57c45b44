import { z } from 'zod';
import { VaultError } from '../../shared/errors';
import type { TestimonyFields, TestimonyRecord } from '../../shared/records/types';
import { validateFields } from '../../shared/records/validate';
import { recordToJson } from '../records/codec';
import { BundleMalformedError } from './errors';
import { type RecordEntry, isoTime } from './manifest';
import { parseBundleJson } from './json-worker';

/**
 * A record revision as it travels in a bundle: the JSON of `tvault show --json` (same keys, same
 * order), UTF-8, no whitespace. `provenance` is always null: where a record came from is the
 * sender's business; the recipient writes its own provenance on import.
 */
export interface BundledRevision {
  id: string;
  revision: number;
  fields: TestimonyFields;
  createdAt: string;
  updatedAt: string;
}

const encoder = new TextEncoder();

export function encodeRevision(record: TestimonyRecord): Uint8Array {
  return encoder.encode(JSON.stringify({ ...recordToJson(record), provenance: null }));
}

const envelope = z
  .object({
    id: z.string(),
    revision: z.number().int().min(1),
    createdAt: isoTime,
    updatedAt: isoTime,
    provenance: z.null(),
  })
  .loose();

/**
 * At most this many JSON values in a record entry: some twenty members, 200 tags and 1,000
 * identifying passages (LIMITS in src/shared/records/validate.ts) are about 1,250.
 */
const RECORD_MAX_VALUES = 4096;

/**
 * Parses one record entry's content (on a worker thread when large, json-worker.ts); it must
 * match its manifest entry (id and revision).
 */
export async function decodeRevision(
  bytes: Uint8Array,
  entry: RecordEntry,
): Promise<BundledRevision> {
  const value = await parseBundleJson(bytes, {
    what: 'a record',
    maxValues: RECORD_MAX_VALUES,
    details: { id: entry.id },
  });
  const parsed = envelope.safeParse(value);
  if (!parsed.success || parsed.data.id !== entry.id || parsed.data.revision !== entry.revision) {
    throw new BundleMalformedError('a record does not match its manifest entry', { id: entry.id });
  }
  const { id, revision, createdAt, updatedAt, provenance: _provenance, ...rest } = parsed.data;
  let fields: TestimonyFields;
  try {
    fields = validateFields(rest);
  } catch (error) {
    if (error instanceof VaultError) {
      throw new BundleMalformedError('a record has invalid fields', {
        id,
        fields: error.details.fields,
      });
    }
    throw error;
  }
  return { id, revision, fields, createdAt, updatedAt };
}
