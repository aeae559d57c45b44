import type { Db } from '../db';
import { statement } from './statements';

/**
 * `search_pending`: ids of records changed since the encrypted index was last written, written
 * in the same transaction as the change (docs/search.md). The segments themselves are sealed
 * rows (sealed-rows.ts, table `search_segments`). Owned by src/core/search.
 */
export function markPending(db: Db, recordId: string): void {
  statement<[string]>(db, 'INSERT OR IGNORE INTO search_pending (record_id) VALUES (?)').run(
    recordId,
  );
}

export function pendingIds(db: Db): string[] {
  return statement<[], { record_id: string }>(db, 'SELECT record_id FROM search_pending')
    .all()
    .map((row) => row.record_id);
}

export function clearPending(db: Db, recordId: string): void {
  statement<[string]>(db, 'DELETE FROM search_pending WHERE record_id = ?').run(recordId);
}

export function clearAllPending(db: Db): void {
  statement(db, 'DELETE FROM search_pending').run();
}
