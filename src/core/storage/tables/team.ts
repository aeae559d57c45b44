import type { Db } from '../db';
import { statement } from './statements';

/**
 * The team tables (docs/team.md, "In the vault"): rows keyed by a BLAKE2b tag, sealed; and
 * `team_events`, the membership chain by seq. Owned by src/core/team (team-tables.ts seals
 * and opens them); the table name is one of these constants, never caller text.
 */
export type TeamTaggedTable =
  'team_state' | 'team_records' | 'team_revisions' | 'team_files' | 'team_authors';

export interface TeamTaggedRow {
  tag: string;
  sealed: Uint8Array;
}

export interface TeamEventRow {
  seq: number;
  sealed: Uint8Array;
}

export function teamRow(db: Db, table: TeamTaggedTable, tag: string): Uint8Array | null {
  const row = statement<[string], { sealed: Uint8Array }>(
    db,
    `SELECT sealed FROM ${table} WHERE tag = ?`,
  ).get(tag);
  return row?.sealed ?? null;
}

export function teamRows(db: Db, table: TeamTaggedTable): TeamTaggedRow[] {
  return statement<[], TeamTaggedRow>(db, `SELECT tag, sealed FROM ${table}`).all();
}

export function putTeamRow(db: Db, table: TeamTaggedTable, row: TeamTaggedRow): void {
  statement<[string, Uint8Array]>(
    db,
    `INSERT OR REPLACE INTO ${table} (tag, sealed) VALUES (?, ?)`,
  ).run(row.tag, row.sealed);
}

export function deleteTeamRow(db: Db, table: TeamTaggedTable, tag: string): void {
  statement<[string]>(db, `DELETE FROM ${table} WHERE tag = ?`).run(tag);
}

/** The membership chain in seq order. */
export function teamEvents(db: Db): TeamEventRow[] {
  return statement<[], TeamEventRow>(db, 'SELECT seq, sealed FROM team_events ORDER BY seq').all();
}

export function insertTeamEvent(db: Db, row: TeamEventRow): void {
  statement<[number, Uint8Array]>(db, 'INSERT INTO team_events (seq, sealed) VALUES (?, ?)').run(
    row.seq,
    row.sealed,
  );
}
