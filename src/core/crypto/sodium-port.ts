/**
 * The one interface through which the vault reaches libsodium. Two implementations of it exist,
 * one per build of the same C library (sodium-native.ts, sodium-wasm.ts); sodium.ts picks one
 * once. Only the functions the vault uses are here, with our names, and every call that takes
 * more than one byte array takes them by name, so that a key and a nonce cannot be swapped.
 *
 * Every function is libsodium's; none is home-made. Both implementations give byte-identical
 * results for the same inputs (tests/core/sodium-backends.test.ts).
 */
export type SodiumBackend = 'sodium-native' | 'libsodium-wrappers-sumo';

/** An AEAD seal into `out`, which is exactly `plain.length + 16` bytes long. */
export interface AeadSealArgs {
  out: Uint8Array;
  plain: Uint8Array;
  ad: Uint8Array;
  nonce: Uint8Array;
  key: Uint8Array;
}

/** An AEAD open into `out`, which is exactly `sealed.length - 16` bytes long. */
export interface AeadOpenArgs {
  out: Uint8Array;
  sealed: Uint8Array;
  ad: Uint8Array;
  nonce: Uint8Array;
  key: Uint8Array;
}

export interface KeyPair {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

/** crypto_secretstream_xchacha20poly1305, sending side. */
export interface SecretStreamPusher {
  /** Encrypts one message; `final` tags it TAG_FINAL. Returns a new buffer. */
  push(plain: Uint8Array, final: boolean): Uint8Array;
}

/** crypto_secretstream_xchacha20poly1305, receiving side. */
export interface SecretStreamPuller {
  /** Decrypts one message; null when it does not authenticate. */
  pull(sealed: Uint8Array): { plain: Uint8Array; tag: number } | null;
}

export interface SodiumPort {
  readonly backend: SodiumBackend;

  /** Fills `out` from randombytes_buf (the OS CSPRNG). */
  randomFill(out: Uint8Array): void;
  /** randombytes_uniform: a uniform integer in [0, upper). */
  randomBelow(upper: number): number;
  /** sodium_memzero. */
  memzero(buffer: Uint8Array): void;
  /** sodium_memcmp (constant time); false when the lengths differ. */
  equal(a: Uint8Array, b: Uint8Array): boolean;

  /** sodium_pad (ISO/IEC 7816-4) to a multiple of `blockSize`. */
  pad(plain: Uint8Array, blockSize: number): Uint8Array;
  /** sodium_unpad; null when the padding is malformed. */
  unpad(padded: Uint8Array, blockSize: number): Uint8Array | null;

  /** crypto_aead_xchacha20poly1305_ietf_encrypt (24-byte nonce). */
  xchachaSeal(args: AeadSealArgs): void;
  /** crypto_aead_xchacha20poly1305_ietf_decrypt; false (and `out` zeroed) when it fails. */
  xchachaOpen(args: AeadOpenArgs): boolean;
  /** crypto_aead_chacha20poly1305_ietf_encrypt (12-byte nonce; attachment chunks). */
  chachaSeal(args: AeadSealArgs): void;
  /** crypto_aead_chacha20poly1305_ietf_decrypt; false (and `out` zeroed) when it fails. */
  chachaOpen(args: AeadOpenArgs): boolean;

  /** crypto_pwhash with ALG_ARGON2ID13; off the calling thread where the build allows. */
  argon2id(args: {
    length: number;
    passphrase: Uint8Array;
    salt: Uint8Array;
    opslimit: number;
    memlimit: number;
  }): Promise<Uint8Array>;
  readonly pwhashLimits: {
    opsMin: number;
    memMin: number;
    opsModerate: number;
    memModerate: number;
  };

  /** crypto_kdf_derive_from_key (BLAKE2b) with an 8-character context. */
  deriveKey(args: {
    length: number;
    key: Uint8Array;
    subkeyId: number;
    context: string;
  }): Uint8Array;
  /** crypto_generichash (BLAKE2b), keyed when `key` is given. */
  blake2b(args: { length: number; message: Uint8Array; key?: Uint8Array }): Uint8Array;

  /** crypto_box_keypair (X25519). */
  boxKeyPair(): KeyPair;
  /** crypto_box_seal: anonymous sealed box to `publicKey`. */
  boxSeal(args: { message: Uint8Array; publicKey: Uint8Array }): Uint8Array;
  /** crypto_box_seal_open; null when the box is not for this key pair or was altered. */
  boxSealOpen(args: {
    sealed: Uint8Array;
    publicKey: Uint8Array;
    secretKey: Uint8Array;
  }): Uint8Array | null;

  /** crypto_sign_keypair (Ed25519; the secret key is libsodium's 64 bytes, seed || public). */
  signKeyPair(): KeyPair;
  /** crypto_sign_detached. */
  signDetached(args: { message: Uint8Array; secretKey: Uint8Array }): Uint8Array;
  /** crypto_sign_verify_detached. */
  verifyDetached(args: {
    signature: Uint8Array;
    message: Uint8Array;
    publicKey: Uint8Array;
  }): boolean;
  /** crypto_core_ed25519_is_valid_point. */
  isValidEd25519Point(point: Uint8Array): boolean;

  /** crypto_secretstream_xchacha20poly1305_init_push. */
  secretStreamPush(key: Uint8Array): { header: Uint8Array; pusher: SecretStreamPusher };
  /** crypto_secretstream_xchacha20poly1305_init_pull; null when the header is unusable. */
  secretStreamPull(args: { header: Uint8Array; key: Uint8Array }): SecretStreamPuller | null;
}

export const AEAD_TAG_BYTES = 16;
export const SECRETSTREAM_HEADER_BYTES = 24;
export const SECRETSTREAM_ABYTES = 17;
export const SECRETSTREAM_TAG_MESSAGE = 0;
export const SECRETSTREAM_TAG_FINAL = 3;
export const BOX_SEAL_BYTES = 48;

export function checkAeadLengths(out: Uint8Array, input: Uint8Array, delta: number): void {
  if (out.length !== input.length + delta) throw new RangeError('AEAD buffer of the wrong size');
}
