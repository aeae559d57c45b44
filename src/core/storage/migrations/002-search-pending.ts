import type { Migration } from './migration';

export const migration002: Migration = {
  version: 2,
  why: 'records changed since the search index was last updated, written in the same transaction as the change, so the encrypted index can never silently go stale',
  sql: `
      CREATE TABLE search_pending (
        record_id TEXT PRIMARY KEY
      ) WITHOUT ROWID;
    `,
};
