import type { Migration } from './migration';

/**
 * revisions and import_sources were WITHOUT ROWID tables: their rows, sealed payloads included,
 * live in the b-tree of a random key (a record's random id, a keyed hash). Each new row went to a
 * random leaf, and a leaf holds a handful of sealed revisions: importing a big export touched a
 * page per row, and once the b-tree outgrew SQLite's page cache each of them was written to the
 * WAL again and again (an import of 1,000,000 short items left a WAL of 5 GB). As rowid tables,
 * new rows are appended to the table's last page; only the small index entries go to random
 * leaves, and those indexes are a tenth of the size. Lookups by record and revision, or by tag,
 * go through the unique indexes (one more b-tree step).
 */
export const migration010: Migration = {
  version: 10,
  why: 'revisions and import links are appended (rowid tables with unique indexes), not written into the leaves of a random key: big imports wrote each page many times',
  sql: `
      CREATE TABLE revisions_appended (
        record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        sealed BLOB NOT NULL
      );
      INSERT INTO revisions_appended (record_id, revision, sealed)
        SELECT record_id, revision, sealed FROM revisions ORDER BY record_id, revision;
      DROP TABLE revisions;
      ALTER TABLE revisions_appended RENAME TO revisions;
      CREATE UNIQUE INDEX revisions_by_record ON revisions(record_id, revision);

      CREATE TABLE import_sources_appended (
        tag BLOB NOT NULL,
        record_id TEXT NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        sealed BLOB NOT NULL
      );
      INSERT INTO import_sources_appended (tag, record_id, sealed)
        SELECT tag, record_id, sealed FROM import_sources ORDER BY tag;
      DROP TABLE import_sources;
      ALTER TABLE import_sources_appended RENAME TO import_sources;
      CREATE UNIQUE INDEX import_sources_by_tag ON import_sources(tag);
      CREATE INDEX import_sources_by_record ON import_sources(record_id);
    `,
};
