import type { Db } from '../db';
import { statement } from './statements';

/**
 * `import_sources`: which testimony an imported source record became. `tag` is a keyed hash
 * of the source and its record id (never either in clear), `sealed` the source itself. Owned
 * by src/core/import.
 */
export interface ImportSourceRow {
  tag: Uint8Array;
  record_id: string;
  sealed: Uint8Array;
}

export function importSourceByTag(db: Db, tag: Uint8Array): ImportSourceRow | undefined {
  return statement<[Uint8Array], ImportSourceRow>(
    db,
    'SELECT tag, record_id, sealed FROM import_sources WHERE tag = ?',
  ).get(tag);
}

export function importSourceOf(db: Db, recordId: string): ImportSourceRow | undefined {
  return statement<[string], ImportSourceRow>(
    db,
    'SELECT tag, record_id, sealed FROM import_sources WHERE record_id = ?',
  ).get(recordId);
}

export function insertImportSource(db: Db, row: ImportSourceRow): void {
  statement<[Uint8Array, string, Uint8Array]>(
    db,
    'INSERT INTO import_sources (tag, record_id, sealed) VALUES (?, ?, ?)',
  ).run(row.tag, row.record_id, row.sealed);
}
