import { VaultLockedError } from '../../shared/errors';
import type { KeyRing } from '../crypto/keyring';
import type { Db } from './db';

/**
 * What a store of an unlocked vault is given, and nothing more: the database, the key ring
 * (typed purpose keys) and the vault id its associated data binds to. Stores never see the
 * `Vault` object, so no store can reach another area's tables or keys through it.
 */
export interface VaultScope {
  /** The database while the vault is unlocked; VAULT.LOCKED after lock (not a SQLite error). */
  readonly db: Db;
  readonly keys: KeyRing;
  readonly vaultId: string;
}

export function vaultScope(db: Db, keys: KeyRing, vaultId: string): VaultScope {
  return {
    get db() {
      if (!keys.isOpen || !db.open) throw new VaultLockedError();
      return db;
    },
    keys,
    vaultId,
  };
}
