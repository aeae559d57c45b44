import type { Migration } from './migration';

export const migration001: Migration = {
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
};
