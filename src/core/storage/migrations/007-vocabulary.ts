import type { Migration } from './migration';

export const migration007: Migration = {
  version: 7,
  why: 'the shared vocabulary (concepts with names in several languages) sealed in one row, never a name in clear',
  sql: `
      -- One row: the whole list of concepts, sealed (tvvocabl), padded.
      CREATE TABLE vocabulary (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        sealed BLOB NOT NULL
      );
    `,
};
