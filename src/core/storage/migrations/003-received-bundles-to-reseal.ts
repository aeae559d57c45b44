import type { Migration } from './migration';

/**
 * The rows were keyed (BLAKE2b) and sealed (XChaCha20-Poly1305) with one key, tvbundle.
 * Re-sealing needs the vault's keys, which a migration does not have (the database opens before
 * the unlock): the rows wait in received_bundles_to_reseal, and the unlock moves them back under
 * their new ids and keys, then drops the table, in one transaction (resealReceivedBundles in
 * bundles/received-bundles.ts).
 */
export const migration003: Migration = {
  version: 3,
  why: 'received-bundle rows get one key per use: their rows move aside until the first unlock re-keys and re-seals them',
  sql: `
      ALTER TABLE received_bundles RENAME TO received_bundles_to_reseal;
      CREATE TABLE received_bundles (
        id TEXT PRIMARY KEY,
        sealed BLOB NOT NULL
      ) WITHOUT ROWID;
    `,
};
