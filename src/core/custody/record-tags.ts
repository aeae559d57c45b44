import { createHmac } from 'node:crypto';
import type { CustodyTagKey } from '../crypto/keys';
import type { StoredEntry } from './entry-codec';

/**
 * Which log entries name a record, found without decrypting the log or naming the record
 * (docs/custody.md, "How the log is built"):
 *
 *   tag(id)     = HMAC-SHA256(tvcustix key, UTF-8 record id)[:16]
 *   row tags    = tag of each record the entry names (its `record`, then its `records`, each once)
 *   tag block   = for the 64 entries (last_seq - 64, last_seq]: tag ‖ seq (8 bytes, big-endian)
 *                 for each of their tags, in seq order
 *
 * The tags ride in the entry's own row (no other page written per entry); every 64th entry
 * also packs its group's tags into one block, so a lookup reads a few bytes per entry instead
 * of the whole log.
 */
export const TAG_BYTES = 16;
const SEQ_BYTES = 8;
const PAIR_BYTES = TAG_BYTES + SEQ_BYTES;
/** Entries per tag block: a block is written with every entry whose seq is a multiple of it. */
export const TAG_BLOCK = 64;

export function recordTag(key: CustodyTagKey, recordId: string): Uint8Array {
  return createHmac('sha256', key).update(recordId).digest().subarray(0, TAG_BYTES);
}

/** The records an entry names, each once, in the order the tags are stored. */
export function namedRecords(entry: Pick<StoredEntry, 'record' | 'records'>): string[] {
  // Most entries name one record or none: no set to build.
  if (entry.records === undefined) return entry.record !== undefined ? [entry.record] : [];
  return [
    ...new Set([...(entry.record !== undefined ? [entry.record] : []), ...(entry.records ?? [])]),
  ];
}

/** The row's tags column: null when the entry names no record. */
export function rowTags(key: CustodyTagKey, records: readonly string[]): Uint8Array | null {
  if (records.length === 0) return null;
  if (records.length === 1) return recordTag(key, records[0]!);
  return Buffer.concat(records.map((id) => recordTag(key, id)));
}

/** Whether a row's tags hold `tag` (at a tag boundary). */
export function hasTag(tags: Uint8Array, tag: Uint8Array): boolean {
  return alignedMatches(tags, tag, TAG_BYTES).length > 0;
}

/** One block's bytes from its rows' tags, in seq order. */
export function packBlock(rows: readonly { seq: number; tags: Uint8Array | null }[]): Uint8Array {
  const parts: Buffer[] = [];
  for (const row of rows) {
    if (!row.tags) continue;
    for (let at = 0; at + TAG_BYTES <= row.tags.length; at += TAG_BYTES) {
      const pair = Buffer.alloc(PAIR_BYTES);
      pair.set(row.tags.subarray(at, at + TAG_BYTES));
      pair.writeBigUInt64BE(BigInt(row.seq), TAG_BYTES);
      parts.push(pair);
    }
  }
  return Buffer.concat(parts);
}

/** The seqs a block lists under `tag`. */
export function seqsInBlock(block: Uint8Array, tag: Uint8Array): number[] {
  const bytes = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  return alignedMatches(bytes, tag, PAIR_BYTES).map((at) =>
    Number(bytes.readBigUInt64BE(at + TAG_BYTES)),
  );
}

/** Offsets where `needle` starts at a multiple of `stride` (a match across two items is skipped). */
function alignedMatches(haystack: Uint8Array, needle: Uint8Array, stride: number): number[] {
  const bytes = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  const found: number[] = [];
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1))
    if (at % stride === 0) found.push(at);
  return found;
}
