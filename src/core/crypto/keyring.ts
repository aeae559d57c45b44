import { VaultLockedError } from '../../shared/errors';
import { type Key, type MasterKey, asKey } from './keys';
import { sodium, wipe } from './sodium';

/**
 * The unlocked vault's keys. Only the master key is kept; purpose keys are derived from it with
 * crypto_kdf (BLAKE2b) under fixed 8-byte contexts, so a key for one purpose can never be used
 * for another. `wipe()` zeroes everything on lock.
 */
export const KEY_PURPOSES = {
  header: 'tvheader',
  records: 'tvrecord',
  attachments: 'tvattach',
  search: 'tvsearch',
  identity: 'tvidenty',
  partners: 'tvpartnr',
  /** BLAKE2b key of received-bundle row ids. */
  receivedIds: 'tvrcvids',
  /** XChaCha20-Poly1305 key of received-bundle rows. */
  receivedRows: 'tvrcvrow',
  /**
   * Retired: once both of the above, one key for two constructions. Read only by the upgrade
   * of schema 3 (bundles/received-bundles.ts), never used to write.
   */
  legacyBundles: 'tvbundle',
  /** XChaCha20-Poly1305 key of the custody log's entries and head. */
  custody: 'tvcustdy',
  /**
   * HMAC-SHA256 key of the custody log's record tags (which entries name a record). Until
   * schema 9 tvcustdy was both; the first unlock after migration 9 recomputes the tags.
   */
  custodyTags: 'tvcustix',
  /** BLAKE2b key of import_sources.tag: which source record a testimony came from. */
  importIds: 'tvimpids',
  /** XChaCha20-Poly1305 key of import_sources rows (source and source id, sealed). */
  importRows: 'tvimprow',
  /** BLAKE2b key of the team tables' row tags (docs/team.md, "In the vault"). */
  teamIds: 'tvteamid',
  /** XChaCha20-Poly1305 key of the team tables' rows. */
  teamRows: 'tvteamrw',
  /** XChaCha20-Poly1305 key of the vocabulary row (the concepts and their names, sealed). */
  vocabulary: 'tvvocabl',
} as const;

export type KeyPurpose = keyof typeof KEY_PURPOSES;

export class KeyRing {
  #master: MasterKey | null;
  readonly #derived = new Map<KeyPurpose, Uint8Array>();

  constructor(masterKey: MasterKey) {
    this.#master = masterKey;
  }

  get isOpen(): boolean {
    return this.#master !== null;
  }

  /** The master key itself, only for re-wrapping it (passphrase change). */
  masterKey(): MasterKey {
    // After lock: a typed VAULT.LOCKED, so that callers holding a stale reference get a clear
    // error instead of INTERNAL.
    if (!this.#master) throw new VaultLockedError();
    return this.#master;
  }

  /** The purpose key, typed by its purpose (keys.ts): a records key is a Key<'records'>. */
  key<P extends KeyPurpose>(purpose: P): Key<P> {
    const cached = this.#derived.get(purpose);
    if (cached) return asKey(cached, purpose);
    const derived = sodium().deriveKey({
      length: 32,
      key: this.masterKey(),
      subkeyId: 1,
      context: KEY_PURPOSES[purpose],
    });
    this.#derived.set(purpose, derived);
    return asKey(derived, purpose);
  }

  wipe(): void {
    for (const key of this.#derived.values()) wipe(key);
    this.#derived.clear();
    wipe(this.#master);
    this.#master = null;
  }
}
