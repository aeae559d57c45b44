import type { Migration } from './migration';

export const migration004: Migration = {
  version: 4,
  why: 'the custody log (docs/custody.md): sealed hash-chained entries, a keyed index by record, signed checkpoints',
  sql: `
      CREATE TABLE custody_log (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        sealed BLOB NOT NULL
      );

      -- Which entries name a record: a keyed hash of the record id (never the id), so that one
      -- record's custody is found without decrypting the whole log.
      CREATE TABLE custody_index (
        tag BLOB NOT NULL,
        seq INTEGER NOT NULL,
        PRIMARY KEY (tag, seq)
      ) WITHOUT ROWID;

      -- Ed25519 signatures by the vault's identity over (vault id, seq, chain hash at seq).
      CREATE TABLE custody_checkpoints (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        hash BLOB NOT NULL,
        signature BLOB NOT NULL
      );
    `,
};
