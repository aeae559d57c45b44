import { VaultLockedError } from '../../shared/errors';
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
  custody: 'tvcustdy',
} as const;

export type KeyPurpose = keyof typeof KEY_PURPOSES;

export class KeyRing {
  #master: Uint8Array | null;
  readonly #derived = new Map<KeyPurpose, Uint8Array>();

  constructor(masterKey: Uint8Array) {
    this.#master = masterKey;
  }

  get isOpen(): boolean {
    return this.#master !== null;
  }

  /** The master key itself, only for re-wrapping it (passphrase change). */
  masterKey(): Uint8Array {
    // After lock: a typed VAULT.LOCKED, so that callers holding a stale reference get a clear
    // error instead of INTERNAL.
    if (!this.#master) throw new VaultLockedError();
    return this.#master;
  }

  key(purpose: KeyPurpose): Uint8Array {
    const cached = this.#derived.get(purpose);
    if (cached) return cached;
    const derived = sodium().crypto_kdf_derive_from_key(
      32,
      1,
      KEY_PURPOSES[purpose],
      this.masterKey(),
    );
    this.#derived.set(purpose, derived);
    return derived;
  }

  wipe(): void {
    for (const key of this.#derived.values()) wipe(key);
    this.#derived.clear();
    wipe(this.#master);
    this.#master = null;
  }
}
