import type { Migration } from './migration';

export const migration008: Migration = {
  version: 8,
  why: "a record's revision count and last number without reading its revisions: a large revision made each open of its record read it whole",
  sql: `
      -- revisions is WITHOUT ROWID: its rows live in the primary key's b-tree, and SQLite reads a
      -- cell's whole payload (a 16 MiB body, overflow pages included) to step over it, so
      -- count(*)/max(revision) for a record cost as much as reading every revision. This index
      -- holds only (record_id, revision): the same query is answered from it alone.
      CREATE INDEX revisions_by_record ON revisions(record_id, revision);
    `,
};
