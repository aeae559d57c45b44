import { associatedData } from '../crypto/associated-data';
import { sodium } from '../crypto/sodium';
import { openJson, sealJson } from '../records/codec';
import type { VaultScope } from '../storage/scope';
import {
  type TeamTaggedTable,
  deleteTeamRow,
  insertTeamEvent,
  putTeamRow,
  teamEvents,
  teamRow,
  teamRows,
} from '../storage/tables/team';

/** The team's sealed tables keyed by tag (docs/team.md, "In the vault"; docs/crypto.md). */
export type TeamTable = TeamTaggedTable;

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
    const sealed = teamRow(this.scope.db, table, tag);
    if (!sealed) return null;
    return openJson<T>(this.scope.keys.key('teamRows'), sealed, this.#ad(table, tag), table);
  }

  put(table: TeamTable, key: string, value: unknown): void {
    const tag = this.tag(table, key);
    putTeamRow(this.scope.db, table, {
      tag,
      sealed: sealJson(this.scope.keys.key('teamRows'), value, this.#ad(table, tag)),
    });
  }

  delete(table: TeamTable, key: string): void {
    deleteTeamRow(this.scope.db, table, this.tag(table, key));
  }

  /** Every row of a table, opened (team_records and team_files: one per record or file). */
  all<T>(table: TeamTable): T[] {
    return teamRows(this.scope.db, table).map((row) =>
      openJson<T>(this.scope.keys.key('teamRows'), row.sealed, this.#ad(table, row.tag), table),
    );
  }

  /** The membership chain, in order (each element the signed event's JSON). */
  events<T>(): T[] {
    return teamEvents(this.scope.db).map((row) =>
      openJson<T>(
        this.scope.keys.key('teamRows'),
        row.sealed,
        this.#ad('team_events', String(row.seq)),
        'team_events',
      ),
    );
  }

  appendEvent(seq: number, event: unknown): void {
    insertTeamEvent(this.scope.db, {
      seq,
      sealed: sealJson(
        this.scope.keys.key('teamRows'),
        event,
        this.#ad('team_events', String(seq)),
      ),
    });
  }
}
