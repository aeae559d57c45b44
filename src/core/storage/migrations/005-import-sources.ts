import type { Migration } from './migration';

export const migration005: Migration = {
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
};
