import type { Db } from '../db';
import { statement } from './statements';

/**
 * The custody tables (docs/custody.md): `custody_log` (sealed hash-chained entries by seq),
 * `custody_index` (keyed tag of a record id -> seq) and `custody_checkpoints` (signed heads).
 * Owned by src/core/custody.
 */
export interface CustodyLogRow {
  seq: number;
  sealed: Uint8Array;
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

export function insertLogEntry(db: Db, row: CustodyLogRow): void {
  statement<[number, Uint8Array]>(db, 'INSERT INTO custody_log (seq, sealed) VALUES (?, ?)').run(
    row.seq,
    row.sealed,
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
    'SELECT seq, sealed FROM custody_log WHERE seq > ? ORDER BY seq LIMIT ?',
  ).all(after, limit);
}

export function indexEntry(db: Db, tag: Uint8Array, seq: number): void {
  statement<[Uint8Array, number]>(
    db,
    'INSERT OR IGNORE INTO custody_index (tag, seq) VALUES (?, ?)',
  ).run(tag, seq);
}

export function indexedSeqs(db: Db, tag: Uint8Array): number[] {
  return statement<[Uint8Array], { seq: number }>(
    db,
    'SELECT seq FROM custody_index WHERE tag = ? ORDER BY seq',
  )
    .all(tag)
    .map((row) => row.seq);
}

export function isIndexed(db: Db, tag: Uint8Array, seq: number): boolean {
  return (
    statement<[Uint8Array, number], 1>(
      db,
      'SELECT 1 FROM custody_index WHERE tag = ? AND seq = ?',
    ).get(tag, seq) !== undefined
  );
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
