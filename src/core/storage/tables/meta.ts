import type { Db } from '../db';
import { statement } from './statements';

/**
 * The `meta` table: a few named values. `vault_id` is clear text (it ties vault.db to its
 * vault.json); every other value is a sealed blob owned by the module that names it.
 */
export type MetaName = 'vault_id' | 'identity' | 'search_state' | 'custody_genesis';
type SealedName = Exclude<MetaName, 'vault_id'>;

/** The vault id the database was created for; null when it has none (not a vault database). */
export function readVaultId(db: Db): string | null {
  try {
    return storedVaultId(db);
  } catch {
    return null;
  }
}

/** The stored vault id, or null; throws (SQLite) on a database without a meta table. */
export function storedVaultId(db: Db): string | null {
  const row = statement<[], { value: string }>(
    db,
    "SELECT value FROM meta WHERE key = 'vault_id'",
  ).get();
  return row?.value ?? null;
}

export function writeVaultId(db: Db, vaultId: string): void {
  statement<[string]>(db, "INSERT INTO meta (key, value) VALUES ('vault_id', ?)").run(vaultId);
}

/** A sealed value, or null when it is not set. */
export function readMeta(db: Db, name: SealedName): Uint8Array | null {
  const row = statement<[string], { value: Uint8Array }>(
    db,
    'SELECT value FROM meta WHERE key = ?',
  ).get(name);
  return row?.value ?? null;
}

export function hasMeta(db: Db, name: MetaName): boolean {
  return statement<[string], 1>(db, 'SELECT 1 FROM meta WHERE key = ?').get(name) !== undefined;
}

/** Inserts a sealed value; refuses (SQLite constraint) one that is already set. */
export function insertMeta(db: Db, name: SealedName, value: Uint8Array): void {
  statement<[string, Uint8Array]>(db, 'INSERT INTO meta (key, value) VALUES (?, ?)').run(
    name,
    value,
  );
}

export function putMeta(db: Db, name: SealedName, value: Uint8Array): void {
  statement<[string, Uint8Array]>(db, 'INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
    name,
    value,
  );
}

/** Removes a sealed value (nothing when it is not set). */
export function deleteMeta(db: Db, name: SealedName): void {
  statement<[string]>(db, 'DELETE FROM meta WHERE key = ?').run(name);
}
