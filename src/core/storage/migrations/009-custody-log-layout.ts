import type { Migration } from './migration';

/**
 * A single add wrote three pages for its custody entry: the entry's row, a row of the keyed
 * index (a leaf anywhere in that b-tree, the tags being random) and the sealed head in `meta`.
 * Now the head and the record tags ride in the entry's own row (the newest row holds the head,
 * its predecessor's is cleared: both on the table's last page), and every 64th entry packs its
 * group's tags into one block (docs/custody.md). The tags also get their own key (tvcustix, one
 * key per construction): a migration has no keys, so the old index waits as
 * custody_index_to_retag and the first unlock recomputes every tag and block, then drops it
 * (retagCustodyLog in custody/retag.ts).
 */
export const migration009: Migration = {
  version: 9,
  why: "the custody log's head and record tags live in its rows, tags packed 64 entries to a block, keyed with their own key",
  sql: `
      ALTER TABLE custody_log ADD COLUMN tags BLOB;
      ALTER TABLE custody_log ADD COLUMN head BLOB;
      -- The sealed head moves as it is (its associated data names no place): onto the last row.
      UPDATE custody_log SET head = (SELECT value FROM meta WHERE key = 'custody_head')
        WHERE seq = (SELECT max(seq) FROM custody_log);
      DELETE FROM meta WHERE key = 'custody_head';

      -- For the 64 entries (last_seq - 64, last_seq]: tag || seq (8 bytes, big-endian) for each
      -- record each of them names, in seq order.
      CREATE TABLE custody_tag_blocks (
        last_seq INTEGER PRIMARY KEY CHECK (last_seq >= 64 AND last_seq % 64 = 0),
        pairs BLOB NOT NULL
      );

      ALTER TABLE custody_index RENAME TO custody_index_to_retag;
    `,
};
