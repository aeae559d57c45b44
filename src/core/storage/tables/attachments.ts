import type { Db } from '../db';
import { statement } from './statements';

/**
 * The `attachments` table: one row per evidence file, its key wrapped under the attachments
 * key, its metadata and extracted text sealed under the file key (docs/crypto.md). Owned by
 * src/core/attachments; other areas use only the counts and ids below.
 */
export interface AttachmentRow {
  id: string;
  record_id: string;
  wrapped_key: Uint8Array;
  meta: Uint8Array;
  /** 1 when the row holds extracted text (the text itself is read only on demand). */
  has_text: number;
}

/** The columns needed to open the extracted text. */
export interface AttachmentTextRow {
  id: string;
  record_id: string;
  wrapped_key: Uint8Array;
  extracted_text: Uint8Array | null;
}

const COLUMNS = 'id, record_id, wrapped_key, meta, extracted_text IS NOT NULL AS has_text';

export function attachmentExists(db: Db, id: string): boolean {
  return statement<[string], 1>(db, 'SELECT 1 FROM attachments WHERE id = ?').get(id) !== undefined;
}

export function attachmentRow(db: Db, id: string): AttachmentRow | undefined {
  return statement<[string], AttachmentRow>(
    db,
    `SELECT ${COLUMNS} FROM attachments WHERE id = ?`,
  ).get(id);
}

/** Every row, in the order they were added. */
export function attachmentRows(db: Db): AttachmentRow[] {
  return statement<[], AttachmentRow>(
    db,
    `SELECT ${COLUMNS} FROM attachments ORDER BY rowid`,
  ).all();
}

export function attachmentRowsOf(db: Db, recordId: string): AttachmentRow[] {
  return statement<[string], AttachmentRow>(
    db,
    `SELECT ${COLUMNS} FROM attachments WHERE record_id = ?`,
  ).all(recordId);
}

export function attachmentTextRow(db: Db, id: string): AttachmentTextRow | undefined {
  return statement<[string], AttachmentTextRow>(
    db,
    'SELECT id, record_id, wrapped_key, extracted_text FROM attachments WHERE id = ?',
  ).get(id);
}

/** Up to `limit` ids starting with a (lower-case hex) prefix. */
export function attachmentIdsWithPrefix(db: Db, prefix: string, limit: number): string[] {
  return statement<[string, string, number], { id: string }>(
    db,
    "SELECT id FROM attachments WHERE id >= ? AND id < ? || 'g' ORDER BY id LIMIT ?",
  )
    .all(prefix, prefix, limit)
    .map((row) => row.id);
}

export function attachmentIds(db: Db): string[] {
  return statement<[], { id: string }>(db, 'SELECT id FROM attachments')
    .all()
    .map((row) => row.id);
}

export function attachmentIdsOf(db: Db, recordId: string): string[] {
  return statement<[string], { id: string }>(db, 'SELECT id FROM attachments WHERE record_id = ?')
    .all(recordId)
    .map((row) => row.id);
}

/** Ids after `after`, in order, at most `limit` of them (a page of a full scan). */
export function attachmentIdsAfter(db: Db, after: string, limit: number): string[] {
  return statement<[string, number], { id: string }>(
    db,
    'SELECT id FROM attachments WHERE id > ? ORDER BY id LIMIT ?',
  )
    .all(after, limit)
    .map((row) => row.id);
}

export function attachmentCount(db: Db): number {
  return statement<[], { n: number }>(db, 'SELECT count(*) AS n FROM attachments').get()!.n;
}

/** How many attachments each record has (records without any are absent). */
export function attachmentCountsByRecord(db: Db): Map<string, number> {
  const counts = new Map<string, number>();
  const rows = statement<[], { record_id: string; n: number }>(
    db,
    'SELECT record_id, count(*) AS n FROM attachments GROUP BY record_id',
  ).iterate();
  for (const row of rows) counts.set(row.record_id, row.n);
  return counts;
}

export function insertAttachment(
  db: Db,
  row: Omit<AttachmentRow, 'has_text'> & { extracted_text: Uint8Array | null },
): void {
  statement<[string, string, Uint8Array, Uint8Array, Uint8Array | null]>(
    db,
    'INSERT INTO attachments (id, record_id, wrapped_key, meta, extracted_text) VALUES (?, ?, ?, ?, ?)',
  ).run(row.id, row.record_id, row.wrapped_key, row.meta, row.extracted_text);
}

export function updateAttachmentText(
  db: Db,
  id: string,
  sealed: { meta: Uint8Array; extractedText: Uint8Array | null },
): void {
  statement<[Uint8Array, Uint8Array | null, string]>(
    db,
    'UPDATE attachments SET meta = ?, extracted_text = ? WHERE id = ?',
  ).run(sealed.meta, sealed.extractedText, id);
}

export function deleteAttachment(db: Db, id: string): void {
  statement<[string]>(db, 'DELETE FROM attachments WHERE id = ?').run(id);
}

export function deleteAttachmentsOf(db: Db, recordId: string): void {
  statement<[string]>(db, 'DELETE FROM attachments WHERE record_id = ?').run(recordId);
}
