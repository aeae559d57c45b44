import type { Db } from '../db';

/**
 * The `meta` table: a few named values. `vault_id` is clear text (it ties vault.db to its
 * vault.json); every other value is a sealed blob owned by the module that names it.
 */
export type MetaName = 'vault_id' | 'identity' | 'search_state';

/** The vault id the database was created for; null when it has none (not a vault database). */
export function readVaultId(db: Db): string | null {
  try {
    const row = db
      .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'vault_id'")
      .get();
    return row?.value ?? null;
  } catch {
    return null;
  }
}

export function writeVaultId(db: Db, vaultId: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES ('vault_id', ?)").run(vaultId);
}

/** A sealed value, or null when it is not set. */
export function readMeta(db: Db, name: Exclude<MetaName, 'vault_id'>): Uint8Array | null {
  const row = db
    .prepare<[string], { value: Uint8Array }>('SELECT value FROM meta WHERE key = ?')
    .get(name);
  return row?.value ?? null;
}

export function hasMeta(db: Db, name: MetaName): boolean {
  return db.prepare<[string], 1>('SELECT 1 FROM meta WHERE key = ?').get(name) !== undefined;
}

/** Inserts a sealed value; refuses (SQLite constraint) one that is already set. */
export function insertMeta(db: Db, name: Exclude<MetaName, 'vault_id'>, value: Uint8Array): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(name, value);
}

export function putMeta(db: Db, name: Exclude<MetaName, 'vault_id'>, value: Uint8Array): void {
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(name, value);
}
