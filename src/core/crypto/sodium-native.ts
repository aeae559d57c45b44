import { createRequire } from 'node:module';
import {
  AEAD_TAG_BYTES,
  BOX_SEAL_BYTES,
  SECRETSTREAM_ABYTES,
  SECRETSTREAM_HEADER_BYTES,
  SECRETSTREAM_TAG_FINAL,
  SECRETSTREAM_TAG_MESSAGE,
  type SodiumPort,
  checkAeadLengths,
} from './sodium-port';

type Bytes = Uint8Array;
type AeadEncrypt = (
  c: Bytes,
  m: Bytes,
  ad: Bytes | null,
  nsec: null,
  npub: Bytes,
  k: Bytes,
) => number;
type AeadDecrypt = (
  m: Bytes,
  nsec: null,
  c: Bytes,
  ad: Bytes | null,
  npub: Bytes,
  k: Bytes,
) => number;

/**
 * The functions of sodium-native (libsodium compiled natively; the package ships no type
 * declarations) that the port below calls. The one declaration of them in the code base.
 */
export interface SodiumNativeModule {
  randombytes_buf(buffer: Bytes): void;
  randombytes_uniform(upper: number): number;
  sodium_memzero(buffer: Bytes): void;
  sodium_memcmp(a: Bytes, b: Bytes): boolean;
  sodium_pad(buffer: Bytes, unpaddedLength: number, blockSize: number): number;
  sodium_unpad(buffer: Bytes, paddedLength: number, blockSize: number): number;
  crypto_aead_xchacha20poly1305_ietf_encrypt: AeadEncrypt;
  crypto_aead_xchacha20poly1305_ietf_decrypt: AeadDecrypt;
  crypto_aead_chacha20poly1305_ietf_encrypt: AeadEncrypt;
  crypto_aead_chacha20poly1305_ietf_decrypt: AeadDecrypt;
  /** Argon2id on libuv's thread pool: the derivation does not freeze the calling thread. */
  crypto_pwhash_async(
    out: Bytes,
    passwd: Bytes,
    salt: Bytes,
    opslimit: number,
    memlimit: number,
    alg: number,
    callback: (error: Error | null) => void,
  ): void;
  crypto_pwhash_ALG_ARGON2ID13: number;
  crypto_pwhash_OPSLIMIT_MIN: number;
  crypto_pwhash_MEMLIMIT_MIN: number;
  crypto_pwhash_OPSLIMIT_MODERATE: number;
  crypto_pwhash_MEMLIMIT_MODERATE: number;
  crypto_kdf_derive_from_key(subkey: Bytes, subkeyId: number, context: Bytes, key: Bytes): void;
  crypto_generichash_STATEBYTES: number;
  crypto_generichash_init(state: Bytes, key: Bytes | null, outputLength: number): void;
  crypto_generichash_update(state: Bytes, input: Bytes): void;
  crypto_generichash_final(state: Bytes, out: Bytes): void;
  crypto_box_keypair(publicKey: Bytes, secretKey: Bytes): void;
  crypto_box_seal(out: Bytes, message: Bytes, publicKey: Bytes): void;
  crypto_box_seal_open(out: Bytes, sealed: Bytes, publicKey: Bytes, secretKey: Bytes): boolean;
  crypto_sign_keypair(publicKey: Bytes, secretKey: Bytes): void;
  crypto_sign_detached(signature: Bytes, message: Bytes, secretKey: Bytes): void;
  crypto_sign_verify_detached(signature: Bytes, message: Bytes, publicKey: Bytes): boolean;
  crypto_core_ed25519_is_valid_point(point: Bytes): boolean;
  crypto_secretstream_xchacha20poly1305_STATEBYTES: number;
  crypto_secretstream_xchacha20poly1305_init_push(state: Bytes, header: Bytes, key: Bytes): void;
  crypto_secretstream_xchacha20poly1305_init_pull(state: Bytes, header: Bytes, key: Bytes): void;
  crypto_secretstream_xchacha20poly1305_push(
    state: Bytes,
    c: Bytes,
    m: Bytes,
    ad: Bytes | null,
    tag: number,
  ): number;
  crypto_secretstream_xchacha20poly1305_pull(
    state: Bytes,
    m: Bytes,
    tag: Bytes,
    c: Bytes,
    ad: Bytes | null,
  ): number;
}

/**
 * Loads sodium-native (N-API prebuilds inside the npm package, so it loads in Node and in
 * Electron alike), or returns null where no prebuild fits or the module lacks a function the
 * port needs. The one place that names the package.
 */
export function loadSodiumNative(
  load: () => unknown = () => createRequire(import.meta.url)('sodium-native'),
): SodiumNativeModule | null {
  try {
    const candidate = load() as Partial<SodiumNativeModule> | null;
    if (
      typeof candidate?.crypto_secretstream_xchacha20poly1305_pull === 'function' &&
      typeof candidate.crypto_aead_chacha20poly1305_ietf_encrypt === 'function' &&
      typeof candidate.crypto_pwhash_async === 'function'
    )
      return candidate as SodiumNativeModule;
  } catch {
    // No prebuild for this platform or runtime: the WebAssembly build does the same work.
  }
  return null;
}

function aeadOpen(decrypt: AeadDecrypt, a: Parameters<SodiumPort['xchachaOpen']>[0]): boolean {
  checkAeadLengths(a.out, a.sealed, -AEAD_TAG_BYTES);
  try {
    decrypt(a.out, null, a.sealed, a.ad, a.nonce, a.key);
    return true;
  } catch {
    a.out.fill(0);
    return false;
  }
}

/** The port over libsodium's native build. */
export function nativeSodiumPort(native: SodiumNativeModule): SodiumPort {
  const n = native;
  const stateBytes = n.crypto_secretstream_xchacha20poly1305_STATEBYTES;
  return {
    backend: 'sodium-native',
    randomFill: (out) => n.randombytes_buf(out),
    randomBelow: (upper) => n.randombytes_uniform(upper),
    memzero: (buffer) => n.sodium_memzero(buffer),
    equal: (a, b) => a.length === b.length && n.sodium_memcmp(a, b),

    pad(plain, blockSize) {
      const out = new Uint8Array(plain.length + blockSize - (plain.length % blockSize));
      out.set(plain);
      return out.subarray(0, n.sodium_pad(out, plain.length, blockSize));
    },
    unpad(padded, blockSize) {
      if (padded.length === 0 || blockSize > padded.length) return null;
      // sodium-native's binding drops sodium_unpad's error return and hands back whatever the
      // length variable held; so check the marker the answer points at: 0x80, then only zeros.
      const length = n.sodium_unpad(padded, padded.length, blockSize);
      if (!Number.isSafeInteger(length) || length < 0 || length >= padded.length) return null;
      if (length < padded.length - blockSize || padded[length] !== 0x80) return null;
      for (let i = length + 1; i < padded.length; i++) if (padded[i] !== 0) return null;
      return padded.subarray(0, length);
    },

    xchachaSeal(a) {
      checkAeadLengths(a.out, a.plain, AEAD_TAG_BYTES);
      n.crypto_aead_xchacha20poly1305_ietf_encrypt(a.out, a.plain, a.ad, null, a.nonce, a.key);
    },
    xchachaOpen: (a) => aeadOpen(n.crypto_aead_xchacha20poly1305_ietf_decrypt, a),
    chachaSeal(a) {
      checkAeadLengths(a.out, a.plain, AEAD_TAG_BYTES);
      n.crypto_aead_chacha20poly1305_ietf_encrypt(a.out, a.plain, a.ad, null, a.nonce, a.key);
    },
    chachaOpen: (a) => aeadOpen(n.crypto_aead_chacha20poly1305_ietf_decrypt, a),

    argon2id({ length, passphrase, salt, opslimit, memlimit }) {
      const out = new Uint8Array(length);
      return new Promise((resolve, reject) =>
        n.crypto_pwhash_async(
          out,
          passphrase,
          salt,
          opslimit,
          memlimit,
          n.crypto_pwhash_ALG_ARGON2ID13,
          (error) => (error ? reject(error) : resolve(out)),
        ),
      );
    },
    pwhashLimits: {
      opsMin: n.crypto_pwhash_OPSLIMIT_MIN,
      memMin: n.crypto_pwhash_MEMLIMIT_MIN,
      opsModerate: n.crypto_pwhash_OPSLIMIT_MODERATE,
      memModerate: n.crypto_pwhash_MEMLIMIT_MODERATE,
    },

    deriveKey({ length, key, subkeyId, context }) {
      const out = new Uint8Array(length);
      n.crypto_kdf_derive_from_key(out, subkeyId, Buffer.from(context, 'utf8'), key);
      return out;
    },
    blake2b({ length, message, key }) {
      // The streaming API: sodium-native's one-shot crypto_generichash refuses outputs under 16
      // bytes, which libsodium itself allows (the 2-byte checksums of the recovery key and of
      // identity strings).
      const state = new Uint8Array(n.crypto_generichash_STATEBYTES);
      const out = new Uint8Array(length);
      n.crypto_generichash_init(state, key ?? null, length);
      n.crypto_generichash_update(state, message);
      n.crypto_generichash_final(state, out);
      return out;
    },

    boxKeyPair() {
      const publicKey = new Uint8Array(32);
      const secretKey = new Uint8Array(32);
      n.crypto_box_keypair(publicKey, secretKey);
      return { publicKey, secretKey };
    },
    boxSeal({ message, publicKey }) {
      const out = new Uint8Array(message.length + BOX_SEAL_BYTES);
      n.crypto_box_seal(out, message, publicKey);
      return out;
    },
    boxSealOpen({ sealed, publicKey, secretKey }) {
      if (sealed.length < BOX_SEAL_BYTES) return null;
      const out = new Uint8Array(sealed.length - BOX_SEAL_BYTES);
      return n.crypto_box_seal_open(out, sealed, publicKey, secretKey) ? out : null;
    },

    signKeyPair() {
      const publicKey = new Uint8Array(32);
      const secretKey = new Uint8Array(64);
      n.crypto_sign_keypair(publicKey, secretKey);
      return { publicKey, secretKey };
    },
    signDetached({ message, secretKey }) {
      const signature = new Uint8Array(64);
      n.crypto_sign_detached(signature, message, secretKey);
      return signature;
    },
    verifyDetached({ signature, message, publicKey }) {
      if (signature.length !== 64 || publicKey.length !== 32) return false;
      return n.crypto_sign_verify_detached(signature, message, publicKey);
    },
    isValidEd25519Point: (point) =>
      point.length === 32 && n.crypto_core_ed25519_is_valid_point(point),

    secretStreamPush(key) {
      const state = new Uint8Array(stateBytes);
      const header = new Uint8Array(SECRETSTREAM_HEADER_BYTES);
      n.crypto_secretstream_xchacha20poly1305_init_push(state, header, key);
      return {
        header,
        pusher: {
          push(plain, final) {
            const out = new Uint8Array(plain.length + SECRETSTREAM_ABYTES);
            const tag = final ? SECRETSTREAM_TAG_FINAL : SECRETSTREAM_TAG_MESSAGE;
            n.crypto_secretstream_xchacha20poly1305_push(state, out, plain, null, tag);
            return out;
          },
        },
      };
    },
    secretStreamPull({ header, key }) {
      const state = new Uint8Array(stateBytes);
      try {
        n.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key);
      } catch {
        return null;
      }
      const tag = new Uint8Array(1);
      return {
        pull(sealed) {
          if (sealed.length < SECRETSTREAM_ABYTES) return null;
          const plain = new Uint8Array(sealed.length - SECRETSTREAM_ABYTES);
          try {
            n.crypto_secretstream_xchacha20poly1305_pull(state, plain, tag, sealed, null);
          } catch {
            return null;
          }
          return { plain, tag: tag[0]! };
        },
      };
    },
  };
}
