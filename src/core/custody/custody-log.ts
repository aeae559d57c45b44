import { IntegrityError, isVaultError } from '../../shared/errors';
import type { CustodyEntry, CustodyFact } from '../../shared/custody/types';
import type { CustodyKey, CustodyTagKey } from '../crypto/keys';
import type { KeyRing } from '../crypto/keyring';
import type { Db } from '../storage/db';
import { type ChainHead, type ChainPoint, openChainPoint, sealChainPoint } from './chain-head';
import {
  GENESIS_HASH,
  type OpenedEntry,
  type StoredEntry,
  checkpointMessage,
  openEntry,
  publicEntry,
  sealEntry,
} from './entry-codec';
import {
  TAG_BLOCK,
  hasTag,
  namedRecords,
  packBlock,
  recordTag,
  rowTags,
  seqsInBlock,
} from './record-tags';
import {
  type CustodyLogRow,
  type CustodyTagBlockRow,
  appendLogEntry,
  checkpointsAfter,
  insertCheckpoint,
  insertTagBlock,
  lastCheckpointSeq,
  lastLogHead,
  logEntriesAfter,
  logEntrySealed,
  logTagsBetween,
  setLogTags,
  tagBlocksAfter,
} from '../storage/tables/custody';
import { type MetaName, putMeta, readMeta } from '../storage/tables/meta';

export type { ChainHead };

const GENESIS_KEY = 'custody_genesis' satisfies MetaName;
const PAGE = 500;

/**
 * The vault's custody log (docs/custody.md): append-only, each entry sealed and chained to the
 * previous one. The head (last seq and hash) is sealed into the newest row and cleared from the
 * one before in the same transaction, so a removed tail leaves a last row without a head; the
 * first entry's hash is kept in `meta` (the genesis), so a log removed whole shows too.
 * Checkpoints signed with the vault's Ed25519 key (at lock and after bulk work) let anyone with
 * the public key check the chain up to them.
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

  #tagKey(): CustodyTagKey {
    return this.keys.key('custodyTags');
  }

  /** The row tags of an entry (verify compares them with the stored ones). */
  tagsFor(entry: Pick<StoredEntry, 'record' | 'records'>): Uint8Array | null {
    return rowTags(this.#tagKey(), namedRecords(entry));
  }

  /** A sealed head as stored in a row; IntegrityError if it was altered. */
  openHead(sealed: Uint8Array): ChainHead {
    return openChainPoint(this.#key(), this.vaultId, 'head', sealed);
  }

  #seal(point: ChainPoint, head: ChainHead): Uint8Array {
    return sealChainPoint(this.#key(), this.vaultId, point, head);
  }

  /**
   * The sealed head; null on a vault whose log is empty. IntegrityError if it was altered, or
   * (reason `missing`) when the last row holds none: the entries after it were removed.
   */
  head(): ChainHead | null {
    const last = lastLogHead(this.db);
    if (!last) return null;
    if (!last.head)
      throw new IntegrityError('the custody log head', { seq: last.seq, reason: 'missing' });
    return this.openHead(last.head);
  }

  /**
   * The head, or null when the log is empty or its head is missing or altered: for records of
   * the log's state (a backup's marker) that must not fail on a log verify will report.
   */
  headIfSound(): ChainHead | null {
    try {
      return this.head();
    } catch (error) {
      if (isVaultError(error)) return null;
      throw error;
    }
  }

  /** Seq 1 and its hash, as written with the first entry; null before it (or on old logs). */
  genesis(): ChainHead | null {
    const sealed = readMeta(this.db, GENESIS_KEY);
    return sealed ? openChainPoint(this.#key(), this.vaultId, 'genesis', sealed) : null;
  }

  /**
   * What the next entry follows. The cached head is used while the last row is still its seq (a
   * rolled-back transaction removes rows; bulk import appends thousands of entries, and opening
   * the head each time was a fifth of the log's cost). When the last row lost its head, or the
   * whole log is gone after its genesis, entries were removed after it: the next entry skips
   * one seq and starts a new chain, so the cut stays a visible gap (`log-entry-missing`).
   */
  #appendAfter(): ChainHead {
    const last = lastLogHead(this.db);
    if (!last) return { seq: readMeta(this.db, GENESIS_KEY) ? 1 : 0, hash: GENESIS_HASH };
    if (this.#head?.seq === last.seq) return this.#head;
    if (!last.head) return { seq: last.seq + 1, hash: GENESIS_HASH };
    return this.openHead(last.head);
  }

  /** Runs fn in the caller's transaction, or in its own: a savepoint per entry cost as much as the rest. */
  #inTransaction<T>(fn: () => T): T {
    return this.db.inTransaction ? fn() : this.db.transaction(fn)();
  }

  /** Appends one entry (inside the caller's transaction when there is one). */
  append(fact: CustodyFact): CustodyEntry {
    return this.#inTransaction(() => {
      const after = this.#appendAfter();
      const stored = {
        seq: after.seq + 1,
        at: this.now().toISOString(),
        action: fact.action,
        ...(fact.record !== undefined ? { record: fact.record } : {}),
        ...(fact.attachment !== undefined ? { attachment: fact.attachment } : {}),
        ...(fact.records !== undefined ? { records: [...fact.records] } : {}),
        detail: fact.detail ?? {},
        prev: after.hash,
      };
      const { sealed, hash } = sealEntry(this.#key(), this.vaultId, stored);
      const head = { seq: stored.seq, hash };
      appendLogEntry(this.db, {
        seq: stored.seq,
        sealed,
        tags: this.tagsFor(stored),
        head: this.#seal('head', head),
      });
      if (stored.seq % TAG_BLOCK === 0) this.#writeTagBlock(stored.seq);
      if (stored.seq === 1) putMeta(this.db, GENESIS_KEY, this.#seal('genesis', head));
      this.#head = head;
      return publicEntry(stored);
    });
  }

  /** Packs the tags of the TAG_BLOCK entries up to `lastSeq` into their block. */
  #writeTagBlock(lastSeq: number): void {
    const pairs = packBlock(logTagsBetween(this.db, lastSeq - TAG_BLOCK, lastSeq));
    insertTagBlock(this.db, { lastSeq, pairs });
  }

  /**
   * Migration 9's keyed half (custody/retag.ts): every entry's tags recomputed under the tags
   * key, the blocks built, the genesis noted. An entry that does not open gets no tags (verify
   * reports it as damaged either way).
   */
  rebuildTags(): void {
    let last = 0;
    for (const row of this.rows()) {
      let tags: Uint8Array | null = null;
      try {
        const { entry, hash } = this.open(row.seq, row.sealed);
        tags = this.tagsFor(entry);
        if (row.seq === 1) putMeta(this.db, GENESIS_KEY, this.#seal('genesis', { seq: 1, hash }));
      } catch (error) {
        if (!isVaultError(error)) throw error;
      }
      setLogTags(this.db, row.seq, tags);
      last = row.seq;
    }
    for (let seq = TAG_BLOCK; seq <= last; seq += TAG_BLOCK) this.#writeTagBlock(seq);
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
      // A last row without its head (a removed tail) is not signed: the next entry marks the cut.
      const last = lastLogHead(this.db);
      if (!last?.head) return null;
      const head = this.openHead(last.head);
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
  *rows(): Generator<CustodyLogRow> {
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

  /** Tag blocks in seq order, a page at a time. */
  *tagBlocks(): Generator<CustodyTagBlockRow> {
    let after = 0;
    for (;;) {
      const page = tagBlocksAfter(this.db, after, PAGE);
      yield* page;
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.lastSeq;
    }
  }

  /**
   * The entries that name `recordId` (as its record or among a bundle's records): its tag is
   * looked for in the blocks, then in the rows after the last block, and only the entries found
   * are opened. One that does not name the record after all (a tag altered) is left out; verify
   * reports it.
   */
  *entriesOf(recordId: string): Generator<CustodyEntry> {
    const tag = recordTag(this.#tagKey(), recordId);
    const seqs: number[] = [];
    let blocked = 0;
    for (const block of this.tagBlocks()) {
      seqs.push(...seqsInBlock(block.pairs, tag));
      blocked = block.lastSeq;
    }
    for (const row of logTagsBetween(this.db, blocked, Number.MAX_SAFE_INTEGER))
      if (row.tags && hasTag(row.tags, tag)) seqs.push(row.seq);
    for (const seq of seqs) {
      const sealed = logEntrySealed(this.db, seq);
      if (!sealed) throw new IntegrityError(`custody log entry ${seq}`, { seq, reason: 'missing' });
      const { entry } = this.open(seq, sealed);
      if (namedRecords(entry).includes(recordId)) yield publicEntry(entry);
    }
  }
}
