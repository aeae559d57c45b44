import { createHash } from 'node:crypto';
import { IntegrityError } from '../../shared/errors';
import {
  CUSTODY_ACTIONS,
  type CustodyAction,
  type CustodyDetail,
  type CustodyEntry,
} from '../../shared/custody/types';
import { open, seal } from '../crypto/aead';
import { associatedData, associatedDataWithPrefix } from '../crypto/associated-data';
import type { CustodyKey } from '../crypto/keys';

/**
 * One custody entry at rest (docs/custody.md):
 *
 *   plaintext = UTF-8 JSON {"v":1,"seq","at","action","record"?,"attachment"?,"records"?,
 *                           "detail","prev"}    prev = hex SHA-256 of the previous plaintext
 *   sealed    = XChaCha20-Poly1305(custody key, plaintext, AD("tvault-custody-entry", vault id, seq))
 *   hash      = SHA-256(plaintext)
 *
 * The associated data binds each entry to its position, so an entry moved to another row does
 * not open; `prev` chains every entry to all that came before it.
 */
export const GENESIS_HASH = '0'.repeat(64);
const FORMAT = 1;

export interface StoredEntry extends CustodyEntry {
  records?: string[];
  prev: string;
}

export interface OpenedEntry {
  entry: StoredEntry;
  hash: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** AD("tvault-custody-entry", vault id, seq), its first two parts encoded once per vault. */
export const entryAd: (vaultId: string, seq: number) => Uint8Array = associatedDataWithPrefix(
  (vaultId: string) => ['tvault-custody-entry', vaultId],
);

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sealEntry(
  key: CustodyKey,
  vaultId: string,
  entry: StoredEntry,
): { sealed: Uint8Array; hash: string } {
  // Buffer.from writes the same UTF-8 as TextEncoder, into Node's pool (a log entry is small).
  const plaintext = Buffer.from(
    JSON.stringify({
      v: FORMAT,
      seq: entry.seq,
      at: entry.at,
      action: entry.action,
      ...(entry.record !== undefined ? { record: entry.record } : {}),
      ...(entry.attachment !== undefined ? { attachment: entry.attachment } : {}),
      ...(entry.records !== undefined ? { records: entry.records } : {}),
      detail: entry.detail,
      prev: entry.prev,
    }),
    'utf8',
  );
  const sealed = seal({ key, plain: plaintext, ad: entryAd(vaultId, entry.seq) });
  return { sealed, hash: sha256Hex(plaintext) };
}

/** Opens and checks one entry's shape; IntegrityError (with the seq) when it does not hold. */
export function openEntry(
  key: CustodyKey,
  vaultId: string,
  seq: number,
  sealed: Uint8Array,
): OpenedEntry {
  const subject = `custody log entry ${seq}`;
  const plaintext = open({ key, sealed, ad: entryAd(vaultId, seq), subject, details: { seq } });
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(decoder.decode(plaintext)) as Record<string, unknown>;
  } catch {
    throw new IntegrityError(subject, { seq, reason: 'format' });
  }
  const ok =
    value !== null &&
    value.v === FORMAT &&
    value.seq === seq &&
    typeof value.at === 'string' &&
    (CUSTODY_ACTIONS as readonly string[]).includes(value.action as string) &&
    typeof value.prev === 'string' &&
    typeof value.detail === 'object' &&
    value.detail !== null;
  if (!ok) throw new IntegrityError(subject, { seq, reason: 'format' });
  const entry: StoredEntry = {
    seq,
    at: value.at as string,
    action: value.action as CustodyAction,
    ...(typeof value.record === 'string' ? { record: value.record } : {}),
    ...(typeof value.attachment === 'string' ? { attachment: value.attachment } : {}),
    ...(Array.isArray(value.records) ? { records: value.records as string[] } : {}),
    detail: value.detail as CustodyDetail,
    prev: value.prev as string,
  };
  return { entry, hash: sha256Hex(plaintext) };
}

/** The bytes a checkpoint signature covers: the chain's hash after entry `seq`. */
export function checkpointMessage(vaultId: string, seq: number, hash: string): Uint8Array {
  return associatedData('tvault-custody-checkpoint', vaultId, seq, hash);
}

/** The entry as adapters show it (without the chain's internals). */
export function publicEntry(stored: StoredEntry): CustodyEntry {
  const { prev: _prev, records, ...entry } = stored;
  return records ? { ...entry, detail: { ...entry.detail, records } } : entry;
}
