import { associatedData } from '../crypto/associated-data';
import { sodium } from '../crypto/sodium';
import { openJson, sealJson } from '../records/codec';
import type { VaultScope } from '../storage/scope';

/** The team's sealed tables keyed by tag (docs/team.md, "In the vault"; docs/crypto.md). */
export type TeamTable =
  'team_state' | 'team_records' | 'team_revisions' | 'team_files' | 'team_authors';

const encoder = new TextEncoder();

/**
 * Rows of the team tables: the primary key is a BLAKE2b tag of what the row is about (a record
 * id, a revision id, a file name…) under the `teamIds` key, so the table does not say which
 * ids it holds; the row is sealed under `teamRows` with the table and tag in the associated
 * data, so rows cannot be moved between tables or keys. Membership events are kept in order
 * in `team_events` (seq, sealed).
 */
export class TeamTables {
  constructor(private readonly scope: VaultScope) {}

  tag(table: TeamTable, key: string): string {
    const digest = sodium().blake2b({
      length: 32,
      message: encoder.encode(`tvault-team:${table}:${key}`),
      key: this.scope.keys.key('teamIds'),
    });
    return Buffer.from(digest).toString('hex');
  }

  #ad(table: string, tag: string): Uint8Array {
    return associatedData('tvault-team-row', this.scope.vaultId, table, tag);
  }

  get<T>(table: TeamTable, key: string): T | null {
    const tag = this.tag(table, key);
    const row = this.scope.db.prepare(`SELECT sealed FROM ${table} WHERE tag = ?`).get(tag) as
      { sealed: Uint8Array } | undefined;
    if (!row) return null;
    return openJson<T>(this.scope.keys.key('teamRows'), row.sealed, this.#ad(table, tag), table);
  }

  put(table: TeamTable, key: string, value: unknown): void {
    const tag = this.tag(table, key);
    this.scope.db
      .prepare(`INSERT OR REPLACE INTO ${table} (tag, sealed) VALUES (?, ?)`)
      .run(tag, sealJson(this.scope.keys.key('teamRows'), value, this.#ad(table, tag)));
  }

  delete(table: TeamTable, key: string): void {
    this.scope.db.prepare(`DELETE FROM ${table} WHERE tag = ?`).run(this.tag(table, key));
  }

  /** Every row of a table, opened (team_records and team_files: one per record or file). */
  all<T>(table: TeamTable): T[] {
    const rows = this.scope.db.prepare(`SELECT tag, sealed FROM ${table}`).all() as {
      tag: string;
      sealed: Uint8Array;
    }[];
    return rows.map((row) =>
      openJson<T>(this.scope.keys.key('teamRows'), row.sealed, this.#ad(table, row.tag), table),
    );
  }

  /** The membership chain, in order (each element the signed event's JSON). */
  events<T>(): T[] {
    const rows = this.scope.db
      .prepare('SELECT seq, sealed FROM team_events ORDER BY seq')
      .all() as {
      seq: number;
      sealed: Uint8Array;
    }[];
    return rows.map((row) =>
      openJson<T>(
        this.scope.keys.key('teamRows'),
        row.sealed,
        this.#ad('team_events', String(row.seq)),
        'team_events',
      ),
    );
  }

  appendEvent(seq: number, event: unknown): void {
    this.scope.db
      .prepare('INSERT INTO team_events (seq, sealed) VALUES (?, ?)')
      .run(
        seq,
        sealJson(this.scope.keys.key('teamRows'), event, this.#ad('team_events', String(seq))),
      );
  }
}
