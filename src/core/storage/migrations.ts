import type Database from 'better-sqlite3';
import { UnsupportedVersionError } from '../../shared/errors';

/**
 * Schema migrations, in order; migration N brings user_version from N-1 to N. Each runs in its
 * own transaction. Never edit a released migration: add a new one (tests/core/migrations.test.ts
 * checks the schema after each step). Rows hold only opaque ids and ciphertext.
 */
export const MIGRATIONS: readonly { version: number; why: string; sql: string }[] = [
  {
    version: 1,
    why: 'the first schema: metadata, records and revisions, attachments, search segments, partners',
    sql: `
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE records (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        head INTEGER NOT NULL CHECK (head >= 1),
        wrapped_key BLOB NOT NULL,
        summary BLOB NOT NULL
      );

      CREATE TABLE revisions (
        record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        sealed BLOB NOT NULL,
        PRIMARY KEY (record_id, revision)
      ) WITHOUT ROWID;

      -- Evidence files. The ciphertext lives in blobs/<id>; this row holds the file key wrapped
      -- under the attachments key and the encrypted metadata (name, size, SHA-256, MIME,
      -- timestamps, description) and, separately, any extracted text for search.
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        wrapped_key BLOB NOT NULL,
        meta BLOB NOT NULL,
        extracted_text BLOB
      );
      CREATE INDEX attachments_by_record ON attachments(record_id);

      -- The search index, as encrypted opaque segments (docs/search.md).
      CREATE TABLE search_segments (
        id TEXT PRIMARY KEY,
        sealed BLOB NOT NULL
      ) WITHOUT ROWID;

      -- Trusted partners (name, identity, verified flag: all inside the ciphertext).
      CREATE TABLE partners (
        id TEXT PRIMARY KEY,
        sealed BLOB NOT NULL
      ) WITHOUT ROWID;

      -- Bundles already received, keyed by a keyed hash of the bundle id (never the id itself).
      CREATE TABLE received_bundles (
        id TEXT PRIMARY KEY,
        sealed BLOB NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    why: 'records changed since the search index was last updated, written in the same transaction as the change, so the encrypted index can never silently go stale',
    sql: `
      CREATE TABLE search_pending (
        record_id TEXT PRIMARY KEY
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    why: 'received-bundle rows get one key per use: their rows move aside until the first unlock re-keys and re-seals them',
    // The rows were keyed (BLAKE2b) and sealed (XChaCha20-Poly1305) with one key, tvbundle.
    // Re-sealing needs the vault's keys, which a migration does not have (the database opens
    // before the unlock): the rows wait in received_bundles_to_reseal, and the unlock moves them
    // back under their new ids and keys, then drops the table, in one transaction
    // (resealReceivedBundles in bundles/received-bundles.ts).
    sql: `
      ALTER TABLE received_bundles RENAME TO received_bundles_to_reseal;
      CREATE TABLE received_bundles (
        id TEXT PRIMARY KEY,
        sealed BLOB NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
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
  },
  {
    version: 5,
    why: 'imported testimonies remember their source record (keyed tag, sealed row), so re-importing an edited export updates instead of duplicating',
    sql: `
      -- tag: BLAKE2b keyed (tvimpids) of the source and its record id, never either in clear.
      CREATE TABLE import_sources (
        tag BLOB PRIMARY KEY,
        record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        sealed BLOB NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX import_sources_by_record ON import_sources(record_id);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new UnsupportedVersionError('Vault database', current, SCHEMA_VERSION);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
