import type { Db } from '../db';
import { statement } from './statements';

/**
 * The `records` and `revisions` tables (docs/crypto.md "The database"): a record's kind and head
 * revision in clear, its data key wrapped under the records key, a sealed summary, and one
 * sealed row per revision. Owned by src/core/records.
 */
export interface RecordRow {
  id: string;
  kind: string;
  head: number;
  wrapped_key: Uint8Array;
  summary: Uint8Array;
}

const COLUMNS = 'id, kind, head, wrapped_key, summary';

export function recordRow(db: Db, id: string): RecordRow | undefined {
  return statement<[string], RecordRow>(db, `SELECT ${COLUMNS} FROM records WHERE id = ?`).get(id);
}

export function recordRows(db: Db): IterableIterator<RecordRow> {
  return statement<[], RecordRow>(db, `SELECT ${COLUMNS} FROM records`).iterate();
}

export function recordExists(db: Db, id: string): boolean {
  return statement<[string], 1>(db, 'SELECT 1 FROM records WHERE id = ?').get(id) !== undefined;
}

export function recordCount(db: Db): number {
  return statement<[], { n: number }>(db, 'SELECT count(*) AS n FROM records').get()!.n;
}

/** Every record id, in order. */
export function recordIds(db: Db): string[] {
  return statement<[], { id: string }>(db, 'SELECT id FROM records ORDER BY id')
    .all()
    .map((row) => row.id);
}

/** Up to `limit` ids starting with a (lower-case hex) prefix. */
export function recordIdsWithPrefix(db: Db, prefix: string, limit: number): string[] {
  return statement<[string, string, number], { id: string }>(
    db,
    "SELECT id FROM records WHERE id >= ? AND id < ? || 'g' ORDER BY id LIMIT ?",
  )
    .all(prefix, prefix, limit)
    .map((row) => row.id);
}

/** Ids after `after`, in order, at most `limit` of them (a page of a full scan). */
export function recordIdsAfter(db: Db, after: string, limit: number): string[] {
  return statement<[string, number], { id: string }>(
    db,
    'SELECT id FROM records WHERE id > ? ORDER BY id LIMIT ?',
  )
    .all(after, limit)
    .map((row) => row.id);
}

export function insertRecord(db: Db, row: RecordRow): void {
  statement<[string, string, number, Uint8Array, Uint8Array]>(
    db,
    `INSERT INTO records (${COLUMNS}) VALUES (?, ?, ?, ?, ?)`,
  ).run(row.id, row.kind, row.head, row.wrapped_key, row.summary);
}

/** Moves the head to a new revision with its summary (the revision row is written first). */
export function updateRecordHead(db: Db, id: string, head: number, summary: Uint8Array): void {
  statement<[number, Uint8Array, string]>(
    db,
    'UPDATE records SET head = ?, summary = ? WHERE id = ?',
  ).run(head, summary, id);
}

/** Deletes the record; its revisions, attachments and import links go with it (ON DELETE CASCADE). */
export function deleteRecord(db: Db, id: string): void {
  statement<[string]>(db, 'DELETE FROM records WHERE id = ?').run(id);
}

export function insertRevision(db: Db, recordId: string, revision: number, sealed: Uint8Array) {
  statement<[string, number, Uint8Array]>(
    db,
    'INSERT INTO revisions (record_id, revision, sealed) VALUES (?, ?, ?)',
  ).run(recordId, revision, sealed);
}

export function revisionSealed(db: Db, recordId: string, revision: number): Uint8Array | null {
  const row = statement<[string, number], { sealed: Uint8Array }>(
    db,
    'SELECT sealed FROM revisions WHERE record_id = ? AND revision = ?',
  ).get(recordId, revision);
  return row?.sealed ?? null;
}

/** How many revision rows a record has and the highest number among them. */
export function revisionSpan(db: Db, recordId: string): { count: number; last: number | null } {
  const row = statement<[string], { n: number; last: number | null }>(
    db,
    'SELECT count(*) AS n, max(revision) AS last FROM revisions WHERE record_id = ?',
  ).get(recordId)!;
  return { count: row.n, last: row.last };
}
