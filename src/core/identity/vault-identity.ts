import { VaultCorruptError } from '../../shared/errors';
import { open, seal } from '../crypto/aead';
import { associatedData } from '../crypto/associated-data';
import { sodium, wipe } from '../crypto/sodium';
import type { VaultScope } from '../storage/scope';
import { type PublicIdentity, fingerprintOf, formatIdentity } from './public-identity';
import { type MetaName, insertMeta, readMeta } from '../storage/tables/meta';

/**
 * The vault's own identity: an Ed25519 signing key pair and an X25519 box key pair, generated
 * once and kept in the meta table sealed under the vault's 'identity' purpose key:
 *
 *   meta['identity'] = seal(identityKey, 0x01 || ed25519 secret key (64) || x25519 public (32)
 *                            || x25519 secret (32), AD("tvault-identity", vaultId))
 *
 * The secret keys never leave this class: callers ask it to sign or to open a sealed box, and
 * the secrets are decrypted for that one operation and wiped afterwards.
 */
const META_KEY = 'identity' satisfies MetaName;
const FORMAT = 1;
const ED_SK = 64;
const X_KEY = 32;
const SECRET_BYTES = 1 + ED_SK + 2 * X_KEY;

interface Secrets {
  signingSecret: Uint8Array;
  boxPublic: Uint8Array;
  boxSecret: Uint8Array;
  all: Uint8Array;
}

export class VaultIdentity {
  #public: PublicIdentity | null = null;

  constructor(private readonly scope: VaultScope) {}

  #ad(): Uint8Array {
    return associatedData('tvault-identity', this.scope.vaultId, FORMAT);
  }

  #load(): Uint8Array | null {
    return readMeta(this.scope.db, META_KEY);
  }

  /** Creates the key pairs if this vault has none yet (new vaults, or vaults made before). */
  ensure(): void {
    this.scope.db.transaction(() => {
      if (this.#load()) return;
      const sign = sodium().signKeyPair();
      const box = sodium().boxKeyPair();
      const secrets = new Uint8Array(SECRET_BYTES);
      try {
        secrets[0] = FORMAT;
        secrets.set(sign.secretKey, 1);
        secrets.set(box.publicKey, 1 + ED_SK);
        secrets.set(box.secretKey, 1 + ED_SK + X_KEY);
        insertMeta(
          this.scope.db,
          META_KEY,
          seal({ key: this.scope.keys.key('identity'), plain: secrets, ad: this.#ad() }),
        );
      } finally {
        wipe(secrets, sign.secretKey, box.secretKey);
      }
    })();
  }

  #withSecrets<T>(fn: (secrets: Secrets) => T): T {
    let sealed = this.#load();
    if (!sealed) {
      this.ensure();
      sealed = this.#load()!;
    }
    const all = open({
      key: this.scope.keys.key('identity'),
      sealed,
      ad: this.#ad(),
      subject: 'the vault identity',
    });
    try {
      if (all.length !== SECRET_BYTES || all[0] !== FORMAT) {
        throw new VaultCorruptError('the vault identity has an unknown format');
      }
      return fn({
        signingSecret: all.subarray(1, 1 + ED_SK),
        boxPublic: all.subarray(1 + ED_SK, 1 + ED_SK + X_KEY),
        boxSecret: all.subarray(1 + ED_SK + X_KEY),
        all,
      });
    } finally {
      wipe(all);
    }
  }

  /** The public keys (cached: they are not secret). */
  publicIdentity(): PublicIdentity {
    if (!this.#public) {
      this.#public = this.#withSecrets((s) => ({
        // An Ed25519 secret key in libsodium's form is seed || public key.
        signingKey: s.signingSecret.slice(32, 64),
        boxKey: s.boxPublic.slice(),
      }));
    }
    return { signingKey: this.#public.signingKey.slice(), boxKey: this.#public.boxKey.slice() };
  }

  /** The copyable identity string ("TVID1-…") to give to partners. */
  identityString(): string {
    return formatIdentity(this.publicIdentity());
  }

  /** The fingerprint to compare out of band. */
  fingerprint(): string {
    return fingerprintOf(this.publicIdentity());
  }

  /** Ed25519 detached signature of `message` with the vault's signing key. */
  sign(message: Uint8Array): Uint8Array {
    return this.#withSecrets((s) => sodium().signDetached({ message, secretKey: s.signingSecret }));
  }

  /**
   * Opens each crypto_box_seal box addressed to this vault's X25519 key; returns the index and
   * content of the first that opens, or null when none is for us. The secret key is decrypted
   * once for all boxes.
   */
  openSealedBoxes(boxes: Uint8Array[]): { index: number; content: Uint8Array } | null {
    return this.#withSecrets((s) => {
      let found: { index: number; content: Uint8Array } | null = null;
      boxes.forEach((box, index) => {
        if (found) return;
        // null: not sealed to us (or damaged), try the next one.
        const content = sodium().boxSealOpen({
          sealed: box,
          publicKey: s.boxPublic,
          secretKey: s.boxSecret,
        });
        if (content) found = { index, content };
      });
      return found;
    });
  }
}
