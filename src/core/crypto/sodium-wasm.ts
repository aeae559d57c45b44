import type sodiumModule from 'libsodium-wrappers-sumo';
import {
  AEAD_TAG_BYTES,
  SECRETSTREAM_ABYTES,
  SECRETSTREAM_TAG_FINAL,
  SECRETSTREAM_TAG_MESSAGE,
  type SodiumPort,
  checkAeadLengths,
} from './sodium-port';

type Wasm = typeof sodiumModule;

/**
 * Loads and waits for libsodium's WebAssembly build (the -sumo one: the standard build lacks
 * pwhash). Imported here, on demand, not at the top: the package decodes and compiles its
 * embedded WebAssembly as soon as it is imported, some 60 ms of CPU (measured) that every
 * `tvault` command paid even where sodium-native loads and the fallback is never used.
 */
export async function loadSodiumWasm(): Promise<Wasm> {
  const { default: wasm } = await import('libsodium-wrappers-sumo');
  await wasm.ready;
  return wasm;
}

function aeadOpen(open: () => Uint8Array, out: Uint8Array): boolean {
  try {
    out.set(open());
    return true;
  } catch {
    out.fill(0);
    return false;
  }
}

/**
 * The port over libsodium's WebAssembly build: the fallback where sodium-native cannot load
 * (several times slower on the bulk paths, and randombytes_buf asks the host four bytes at a
 * time). Call only after loadSodiumWasm() resolved.
 */
export function wasmSodiumPort(s: Wasm): SodiumPort {
  return {
    backend: 'libsodium-wrappers-sumo',
    randomFill: (out) => out.set(s.randombytes_buf(out.length)),
    randomBelow: (upper) => s.randombytes_uniform(upper),
    memzero: (buffer) => s.memzero(buffer),
    equal: (a, b) => a.length === b.length && s.memcmp(a, b),

    pad: (plain, blockSize) => s.pad(plain, blockSize),
    unpad(padded, blockSize) {
      try {
        return s.unpad(padded, blockSize);
      } catch {
        return null;
      }
    },

    xchachaSeal(a) {
      checkAeadLengths(a.out, a.plain, AEAD_TAG_BYTES);
      a.out.set(s.crypto_aead_xchacha20poly1305_ietf_encrypt(a.plain, a.ad, null, a.nonce, a.key));
    },
    xchachaOpen(a) {
      checkAeadLengths(a.out, a.sealed, -AEAD_TAG_BYTES);
      return aeadOpen(
        () => s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, a.sealed, a.ad, a.nonce, a.key),
        a.out,
      );
    },
    chachaSeal(a) {
      checkAeadLengths(a.out, a.plain, AEAD_TAG_BYTES);
      a.out.set(s.crypto_aead_chacha20poly1305_ietf_encrypt(a.plain, a.ad, null, a.nonce, a.key));
    },
    chachaOpen(a) {
      checkAeadLengths(a.out, a.sealed, -AEAD_TAG_BYTES);
      return aeadOpen(
        () => s.crypto_aead_chacha20poly1305_ietf_decrypt(null, a.sealed, a.ad, a.nonce, a.key),
        a.out,
      );
    },

    // Synchronous in WebAssembly: computed in place, on the calling thread.
    argon2id: async ({ length, passphrase, salt, opslimit, memlimit }) =>
      s.crypto_pwhash(length, passphrase, salt, opslimit, memlimit, s.crypto_pwhash_ALG_ARGON2ID13),
    pwhashLimits: {
      opsMin: s.crypto_pwhash_OPSLIMIT_MIN,
      memMin: s.crypto_pwhash_MEMLIMIT_MIN,
      opsModerate: s.crypto_pwhash_OPSLIMIT_MODERATE,
      memModerate: s.crypto_pwhash_MEMLIMIT_MODERATE,
    },

    deriveKey: ({ length, key, subkeyId, context }) =>
      s.crypto_kdf_derive_from_key(length, subkeyId, context, key),
    blake2b: ({ length, message, key }) => s.crypto_generichash(length, message, key ?? null),

    boxKeyPair() {
      const pair = s.crypto_box_keypair();
      return { publicKey: pair.publicKey, secretKey: pair.privateKey };
    },
    boxSeal: ({ message, publicKey }) => s.crypto_box_seal(message, publicKey),
    boxSealOpen({ sealed, publicKey, secretKey }) {
      try {
        return s.crypto_box_seal_open(sealed, publicKey, secretKey);
      } catch {
        return null;
      }
    },

    signKeyPair() {
      const pair = s.crypto_sign_keypair();
      return { publicKey: pair.publicKey, secretKey: pair.privateKey };
    },
    signDetached: ({ message, secretKey }) => s.crypto_sign_detached(message, secretKey),
    verifyDetached({ signature, message, publicKey }) {
      if (signature.length !== 64 || publicKey.length !== 32) return false;
      return s.crypto_sign_verify_detached(signature, message, publicKey);
    },
    isValidEd25519Point: (point) =>
      point.length === 32 && s.crypto_core_ed25519_is_valid_point(point),

    secretStreamPush(key) {
      const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
      return {
        header,
        pusher: {
          push: (plain, final) =>
            s.crypto_secretstream_xchacha20poly1305_push(
              state,
              plain,
              null,
              final ? SECRETSTREAM_TAG_FINAL : SECRETSTREAM_TAG_MESSAGE,
            ),
        },
      };
    },
    secretStreamPull({ header, key }) {
      let state: ReturnType<typeof s.crypto_secretstream_xchacha20poly1305_init_pull>;
      try {
        state = s.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
      } catch {
        return null;
      }
      return {
        pull(sealed) {
          if (sealed.length < SECRETSTREAM_ABYTES) return null;
          try {
            const result = s.crypto_secretstream_xchacha20poly1305_pull(state, sealed, null) as
              { message: Uint8Array; tag: number } | false;
            return result ? { plain: result.message, tag: result.tag } : null;
          } catch {
            return null;
          }
        },
      };
    },
  };
}
