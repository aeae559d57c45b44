import type { Db } from '../db';
import { statement } from './statements';

/**
 * Tables of the same two columns, an opaque id and a sealed blob: `partners`, `received_bundles`
 * (and, until the first unlock after migration 3, `received_bundles_to_reseal`) and
 * `search_segments`. Each is owned by one area (partners, bundles, search); the table name is
 * one of these constants, never caller text.
 */
export type SealedRowTable =
  'partners' | 'received_bundles' | 'received_bundles_to_reseal' | 'search_segments';

export interface SealedRow {
  id: string;
  sealed: Uint8Array;
}

export function sealedRow(db: Db, table: SealedRowTable, id: string): Uint8Array | null {
  const row = statement<[string], { sealed: Uint8Array }>(
    db,
    `SELECT sealed FROM ${table} WHERE id = ?`,
  ).get(id);
  return row?.sealed ?? null;
}

export function sealedRows(db: Db, table: SealedRowTable): SealedRow[] {
  return statement<[], SealedRow>(db, `SELECT id, sealed FROM ${table}`).all();
}

export function putSealedRow(db: Db, table: SealedRowTable, row: SealedRow): void {
  statement<[string, Uint8Array]>(
    db,
    `INSERT OR REPLACE INTO ${table} (id, sealed) VALUES (?, ?)`,
  ).run(row.id, row.sealed);
}

export function deleteSealedRow(db: Db, table: SealedRowTable, id: string): void {
  statement<[string]>(db, `DELETE FROM ${table} WHERE id = ?`).run(id);
}

export function deleteAllSealedRows(db: Db, table: SealedRowTable): void {
  statement(db, `DELETE FROM ${table}`).run();
}

/** Whether a table exists (received_bundles_to_reseal goes once its rows are re-sealed). */
export function tableExists(db: Db, table: SealedRowTable): boolean {
  return (
    statement<[string], 1>(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(
      table,
    ) !== undefined
  );
}

export function dropTable(db: Db, table: 'received_bundles_to_reseal'): void {
  db.exec(`DROP TABLE ${table}`);
}
