import { createHmac } from 'node:crypto';
import { IntegrityError } from '../../shared/errors';
import type { CustodyEntry, CustodyFact } from '../../shared/custody/types';
import { open, seal } from '../crypto/aead';
import { associatedData } from '../crypto/associated-data';
import type { CustodyKey } from '../crypto/keys';
import type { KeyRing } from '../crypto/keyring';
import type { Db } from '../storage/db';
import {
  GENESIS_HASH,
  type OpenedEntry,
  checkpointMessage,
  openEntry,
  publicEntry,
  sealEntry,
} from './entry-codec';
import {
  checkpointsAfter,
  indexEntry,
  indexedSeqs,
  insertCheckpoint,
  insertLogEntry,
  isIndexed,
  lastCheckpointSeq,
  lastLogSeq,
  logEntriesAfter,
  logEntrySealed,
} from '../storage/tables/custody';
import { type MetaName, putMeta, readMeta } from '../storage/tables/meta';

/** The chain's head: the last entry's seq and hash. */
export interface ChainHead {
  seq: number;
  hash: string;
}

const HEAD_KEY = 'custody_head' satisfies MetaName;
const PAGE = 500;

/**
 * The vault's custody log (docs/custody.md): append-only, each entry sealed and chained to the
 * previous one. The head (last seq and hash) is kept sealed in `meta` and moved in the same
 * transaction as every append, so a removed tail shows at once; checkpoints signed with the
 * vault's Ed25519 key (at lock and after bulk work) let anyone with the public key check the
 * chain up to them.
 */
export class CustodyLog {
  /** The head as last read or written; trusted only while the last row still matches it. */
  #head: ChainHead | null = null;

  constructor(
    private readonly db: Db,
    private readonly keys: KeyRing,
    private readonly vaultId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  #key(): CustodyKey {
    return this.keys.key('custody');
  }

  /** A keyed hash of a record id for the index: equal ids match, the id is not readable. */
  #tag(recordId: string): Uint8Array {
    return createHmac('sha256', this.#key()).update(recordId).digest().subarray(0, 16);
  }

  #headAd(): Uint8Array {
    return associatedData('tvault-custody-head', this.vaultId);
  }

  /** The sealed head; null on a vault whose log is empty. IntegrityError if it was altered. */
  head(): ChainHead | null {
    const sealed = readMeta(this.db, HEAD_KEY);
    if (!sealed) return null;
    const bytes = open({
      key: this.#key(),
      sealed,
      ad: this.#headAd(),
      subject: 'the custody log head',
    });
    const head = JSON.parse(new TextDecoder().decode(bytes)) as ChainHead;
    if (!Number.isSafeInteger(head.seq) || typeof head.hash !== 'string')
      throw new IntegrityError('the custody log head', { reason: 'format' });
    return head;
  }

  #setHead(head: ChainHead): void {
    const sealed = seal({
      key: this.#key(),
      plain: new TextEncoder().encode(JSON.stringify(head)),
      ad: this.#headAd(),
    });
    putMeta(this.db, HEAD_KEY, sealed);
    this.#head = head;
  }

  /**
   * The head for the next append. The cached copy is used only while the log's last row is
   * still its seq: a rolled-back transaction removes rows, and then the sealed head is read
   * again (bulk import appends thousands of entries; opening the head each time was a fifth of
   * the log's cost).
   */
  #currentHead(): ChainHead {
    if (this.#head && this.#head.seq === lastLogSeq(this.db)) return this.#head;
    return this.head() ?? { seq: 0, hash: GENESIS_HASH };
  }

  /** Runs fn in the caller's transaction, or in its own: a savepoint per entry cost as much as the rest. */
  #inTransaction<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn)();
  }

  /** Appends one entry (inside the caller's transaction when there is one). */
  append(fact: CustodyFact): CustodyEntry {
    return this.#inTransaction(() => {
      const head = this.#currentHead();
      const stored = {
        seq: head.seq + 1,
        at: this.now().toISOString(),
        action: fact.action,
        ...(fact.record !== undefined ? { record: fact.record } : {}),
        ...(fact.attachment !== undefined ? { attachment: fact.attachment } : {}),
        ...(fact.records !== undefined ? { records: [...fact.records] } : {}),
        detail: fact.detail ?? {},
        prev: head.hash,
      };
      const { sealed, hash } = sealEntry(this.#key(), this.vaultId, stored);
      insertLogEntry(this.db, { seq: stored.seq, sealed });
      const named = new Set([...(fact.record ? [fact.record] : []), ...(fact.records ?? [])]);
      for (const id of named) indexEntry(this.db, this.#tag(id), stored.seq);
      this.#setHead({ seq: stored.seq, hash });
      return publicEntry(stored);
    });
  }

  /** The seq the last signed checkpoint covers; 0 when there is none. */
  lastCheckpointSeq(): number {
    return lastCheckpointSeq(this.db);
  }

  /**
   * Signs the head with `sign` (the vault identity) unless fewer than `minEntries` entries
   * follow the last checkpoint (1: whenever the log moved since). Returns the checkpoint
   * written, if any.
   */
  checkpoint(sign: (message: Uint8Array) => Uint8Array, minEntries = 1): ChainHead | null {
    return this.db.transaction(() => {
      const head = this.head();
      if (!head) return null;
      if (head.seq - this.lastCheckpointSeq() < Math.max(1, minEntries)) return null;
      const signature = sign(checkpointMessage(this.vaultId, head.seq, head.hash));
      insertCheckpoint(this.db, {
        seq: head.seq,
        hash: Buffer.from(head.hash, 'hex'),
        signature,
      });
      return head;
    })();
  }

  /** Raw rows in seq order, a page at a time (constant memory on any size of log). */
  *rows(): Generator<{ seq: number; sealed: Uint8Array }> {
    let after = 0;
    for (;;) {
      const page = logEntriesAfter(this.db, after, PAGE);
      yield* page;
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.seq;
    }
  }

  /** Checkpoints in seq order, a page at a time. */
  *checkpoints(): Generator<{ seq: number; hash: string; signature: Uint8Array }> {
    let after = 0;
    for (;;) {
      const page = checkpointsAfter(this.db, after, PAGE);
      for (const row of page)
        yield {
          seq: row.seq,
          hash: Buffer.from(row.hash).toString('hex'),
          signature: row.signature,
        };
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.seq;
    }
  }

  open(seq: number, sealed: Uint8Array): OpenedEntry {
    return openEntry(this.#key(), this.vaultId, seq, sealed);
  }

  /** Every entry, oldest first; a damaged entry throws INTEGRITY.FAILED naming its seq. */
  *entries(): Generator<CustodyEntry> {
    for (const row of this.rows()) yield publicEntry(this.open(row.seq, row.sealed).entry);
  }

  /** The entries that name `recordId` (as its record or among a bundle's records). */
  *entriesOf(recordId: string): Generator<CustodyEntry> {
    for (const seq of indexedSeqs(this.db, this.#tag(recordId))) {
      const sealed = logEntrySealed(this.db, seq);
      if (!sealed) throw new IntegrityError(`custody log entry ${seq}`, { seq, reason: 'missing' });
      yield publicEntry(this.open(seq, sealed).entry);
    }
  }

  /** Whether the index lists `seq` under `recordId` (verify checks the index against entries). */
  indexed(recordId: string, seq: number): boolean {
    return isIndexed(this.db, this.#tag(recordId), seq);
  }
}
