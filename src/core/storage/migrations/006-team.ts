import type { Migration } from './migration';

export const migration006: Migration = {
  version: 6,
  why: "a team archive over a synced folder (docs/team.md): membership chain, shared revisions, files seen, authors' change-set numbers",
  sql: `
      -- The membership chain (signed events), in order.
      CREATE TABLE team_events (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        sealed BLOB NOT NULL
      );
      -- tag: BLAKE2b keyed (tvteamid) of what the row is about; sealed under tvteamrw.
      CREATE TABLE team_state (tag TEXT PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
      CREATE TABLE team_records (tag TEXT PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
      CREATE TABLE team_revisions (tag TEXT PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
      CREATE TABLE team_files (tag TEXT PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
      CREATE TABLE team_authors (tag TEXT PRIMARY KEY, sealed BLOB NOT NULL) WITHOUT ROWID;
    `,
};
