import type { Db } from '../db';
import { statement } from './statements';

/**
 * The custody tables (docs/custody.md): `custody_log` (sealed hash-chained entries by seq, each
 * with its record tags; the newest also holds the sealed head), `custody_tag_blocks` (the tags
 * of every 64 entries, packed) and `custody_checkpoints` (signed heads). Owned by
 * src/core/custody.
 */
export interface CustodyLogRow {
  seq: number;
  sealed: Uint8Array;
  tags: Uint8Array | null;
  head: Uint8Array | null;
}

export interface CustodyTagsRow {
  seq: number;
  tags: Uint8Array | null;
}

export interface CustodyTagBlockRow {
  lastSeq: number;
  pairs: Uint8Array;
}

export interface CustodyCheckpointRow {
  seq: number;
  hash: Uint8Array;
  signature: Uint8Array;
}

/** The highest seq in the log; 0 when it is empty. */
export function lastLogSeq(db: Db): number {
  return (
    statement<[], { seq: number | null }>(db, 'SELECT max(seq) AS seq FROM custody_log').get()!
      .seq ?? 0
  );
}

/**
 * Appends a row that holds the head, and clears the head of the row before it: both rows sit on
 * the table's last page, so the head costs no page of its own.
 */
export function appendLogEntry(db: Db, row: CustodyLogRow & { head: Uint8Array }): void {
  statement<[number]>(
    db,
    'UPDATE custody_log SET head = NULL WHERE seq = ? AND head IS NOT NULL',
  ).run(row.seq - 1);
  statement<[number, Uint8Array, Uint8Array | null, Uint8Array]>(
    db,
    'INSERT INTO custody_log (seq, sealed, tags, head) VALUES (?, ?, ?, ?)',
  ).run(row.seq, row.sealed, row.tags, row.head);
}

/** The last row's seq and head; null when the log is empty. */
export function lastLogHead(db: Db): { seq: number; head: Uint8Array | null } | null {
  return (
    statement<[], { seq: number; head: Uint8Array | null }>(
      db,
      'SELECT seq, head FROM custody_log ORDER BY seq DESC LIMIT 1',
    ).get() ?? null
  );
}

export function logEntrySealed(db: Db, seq: number): Uint8Array | null {
  const row = statement<[number], { sealed: Uint8Array }>(
    db,
    'SELECT sealed FROM custody_log WHERE seq = ?',
  ).get(seq);
  return row?.sealed ?? null;
}

/** Entries after `after`, in seq order, at most `limit` of them. */
export function logEntriesAfter(db: Db, after: number, limit: number): CustodyLogRow[] {
  return statement<[number, number], CustodyLogRow>(
    db,
    'SELECT seq, sealed, tags, head FROM custody_log WHERE seq > ? ORDER BY seq LIMIT ?',
  ).all(after, limit);
}

/** The tags of the rows in (after, upTo], in seq order (those that name a record). */
export function logTagsBetween(db: Db, after: number, upTo: number): CustodyTagsRow[] {
  return statement<[number, number], CustodyTagsRow>(
    db,
    'SELECT seq, tags FROM custody_log WHERE seq > ? AND seq <= ? AND tags IS NOT NULL ORDER BY seq',
  ).all(after, upTo);
}

export function setLogTags(db: Db, seq: number, tags: Uint8Array | null): void {
  statement<[Uint8Array | null, number]>(db, 'UPDATE custody_log SET tags = ? WHERE seq = ?').run(
    tags,
    seq,
  );
}

export function insertTagBlock(db: Db, row: CustodyTagBlockRow): void {
  statement<[number, Uint8Array]>(
    db,
    'INSERT INTO custody_tag_blocks (last_seq, pairs) VALUES (?, ?)',
  ).run(row.lastSeq, row.pairs);
}

/** Tag blocks after `after`, in seq order, at most `limit` of them. */
export function tagBlocksAfter(db: Db, after: number, limit: number): CustodyTagBlockRow[] {
  return statement<[number, number], CustodyTagBlockRow>(
    db,
    'SELECT last_seq AS lastSeq, pairs FROM custody_tag_blocks WHERE last_seq > ? ORDER BY last_seq LIMIT ?',
  ).all(after, limit);
}

/**
 * Whether migration 9's keyed half is still to run: the old index (tags keyed with the sealing
 * key) waits under this name until the first unlock recomputes every tag.
 */
export function retagPending(db: Db): boolean {
  return (
    statement<[], 1>(
      db,
      "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'custody_index_to_retag'",
    ).get() !== undefined
  );
}

export function dropRetagTable(db: Db): void {
  db.exec('DROP TABLE custody_index_to_retag');
}

/** The seq the last checkpoint covers; 0 when there is none. */
export function lastCheckpointSeq(db: Db): number {
  return (
    statement<[], { seq: number | null }>(
      db,
      'SELECT max(seq) AS seq FROM custody_checkpoints',
    ).get()!.seq ?? 0
  );
}

export function insertCheckpoint(db: Db, row: CustodyCheckpointRow): void {
  statement<[number, Uint8Array, Uint8Array]>(
    db,
    'INSERT INTO custody_checkpoints (seq, hash, signature) VALUES (?, ?, ?)',
  ).run(row.seq, row.hash, row.signature);
}

/** Checkpoints after `after`, in seq order, at most `limit` of them. */
export function checkpointsAfter(db: Db, after: number, limit: number): CustodyCheckpointRow[] {
  return statement<[number, number], CustodyCheckpointRow>(
    db,
    'SELECT seq, hash, signature FROM custody_checkpoints WHERE seq > ? ORDER BY seq LIMIT ?',
  ).all(after, limit);
}
