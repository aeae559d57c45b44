/**
 * Keys typed by purpose. A key is a Uint8Array at run time; its type carries a brand naming the
 * one thing it may be used for, so that a records key passed where a file key is expected fails
 * to compile (tests/core/key-types.test.ts). The brand costs nothing at run time.
 */
declare const purpose: unique symbol;

export type Key<P extends string> = Uint8Array & { readonly [purpose]: P };

/** Any purpose key: what the AEAD and MAC primitives accept (never a bare byte array). */
export type AnyKey = Key<string>;

/** The vault's master key (crypto_kdf_keygen); every vault purpose key derives from it. */
export type MasterKey = Key<'master'>;
/** Derived from the master key: the header MAC. */
export type HeaderKey = Key<'header'>;
/** Derived from the master key: wraps each record's data key. */
export type RecordsKey = Key<'records'>;
/** One record's random data key: seals its revisions and summary. */
export type RecordDataKey = Key<'record-data'>;
/** Derived from the master key: wraps each attachment's file key. */
export type AttachmentsKey = Key<'attachments'>;
/** One attachment's random file key: its blob, metadata and extracted text. */
export type FileKey = Key<'file'>;
/** Derived from the master key: the search index segments and state. */
export type SearchKey = Key<'search'>;
/** Derived from the master key: the vault's own signing and box secret keys. */
export type IdentityKey = Key<'identity'>;
/** Derived from the master key: the partners table. */
export type PartnersKey = Key<'partners'>;
/** Derived from the master key: seals the custody log's entries and head. */
export type CustodyKey = Key<'custody'>;
/** Derived from the master key: the HMAC key of the custody log's record tags. */
export type CustodyTagKey = Key<'custodyTags'>;
/** Argon2id of the passphrase: wraps the master key in vault.json. */
export type PassphraseKey = Key<'passphrase'>;
/** BLAKE2b of the recovery secret: wraps the master key in vault.json. */
export type RecoveryWrapKey = Key<'recovery'>;
/** BLAKE2b of the secret rebuilt from recovery shares: wraps the master key in vault.json. */
export type SharesWrapKey = Key<'shares'>;
/** A bundle's random file key, sealed to each recipient; its MAC and payload keys derive from it. */
export type BundleFileKey = Key<'bundle-file'>;
/** Derived from a bundle's file key: the header MAC. */
export type BundleMacKey = Key<'bundle-mac'>;
/** Derived from a bundle's file key: the secretstream payload. */
export type BundlePayloadKey = Key<'bundle-payload'>;

/**
 * Declares what a freshly made or freshly unwrapped byte array is for. Call it only where the
 * key comes into being (drawn, derived, unwrapped), never to convert one purpose into another.
 */
export function asKey<P extends string>(bytes: Uint8Array, _purpose: P): Key<P> {
  return bytes as Key<P>;
}

/** A copy of a key with the same purpose (a copy outlives a wipe of the original). */
export function copyKey<P extends string>(key: Key<P>): Key<P> {
  return key.slice() as Key<P>;
}
