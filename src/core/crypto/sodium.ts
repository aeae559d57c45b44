import sodiumModule from 'libsodium-wrappers-sumo';
import { createRequire } from 'node:module';

/**
 * libsodium (the -sumo WebAssembly build: the standard build lacks crypto_pwhash). Every
 * cryptographic operation of the vault goes through this library; nothing here is home-made.
 * Call `await loadSodium()` once before using `sodium()`.
 */
export type Sodium = typeof sodiumModule;

let ready = false;

export async function loadSodium(): Promise<Sodium> {
  if (!ready) {
    await sodiumModule.ready;
    ready = true;
  }
  return sodiumModule;
}

export function sodium(): Sodium {
  if (!ready) throw new Error('libsodium used before loadSodium() resolved');
  return sodiumModule;
}

/** Overwrites key material in place. Best effort in a garbage-collected runtime. */
export function wipe(...buffers: (Uint8Array | null | undefined)[]): void {
  for (const buffer of buffers) if (buffer) sodium().memzero(buffer);
}

/**
 * Loads the sodium-native package (libsodium compiled natively; N-API prebuilds inside it, so it
 * loads in Node and Electron alike). Throws where no prebuild fits; every user falls back to the
 * WebAssembly build then. The one place that names the package.
 */
export function requireSodiumNative(): unknown {
  return createRequire(import.meta.url)('sodium-native');
}

/**
 * The subset of sodium-native (libsodium compiled natively) that the vault uses (the package
 * ships no type declarations).
 */
export interface SodiumNative {
  randombytes_buf(buffer: Uint8Array): void;
  crypto_aead_chacha20poly1305_ietf_encrypt(
    c: Uint8Array,
    m: Uint8Array,
    ad: Uint8Array | null,
    nsec: null,
    npub: Uint8Array,
    k: Uint8Array,
  ): number;
  crypto_aead_chacha20poly1305_ietf_decrypt(
    m: Uint8Array,
    nsec: null,
    c: Uint8Array,
    ad: Uint8Array | null,
    npub: Uint8Array,
    k: Uint8Array,
  ): number;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
    c: Uint8Array,
    m: Uint8Array,
    ad: Uint8Array | null,
    nsec: null,
    npub: Uint8Array,
    k: Uint8Array,
  ): number;
  crypto_aead_xchacha20poly1305_ietf_decrypt(
    m: Uint8Array,
    nsec: null,
    c: Uint8Array,
    ad: Uint8Array | null,
    npub: Uint8Array,
    k: Uint8Array,
  ): number;
  /** Argon2id on libuv's thread pool: the derivation no longer freezes the calling thread. */
  crypto_pwhash_async(
    out: Uint8Array,
    passwd: Uint8Array,
    salt: Uint8Array,
    opslimit: number,
    memlimit: number,
    alg: number,
    callback: (error: Error | null) => void,
  ): void;
  crypto_pwhash_ALG_ARGON2ID13: number;
}

/**
 * libsodium's native build, when it loads (N-API prebuilds inside the npm package, so in Node
 * and in Electron alike); null otherwise, and the WebAssembly build does everything. Setting
 * TVAULT_SODIUM=wasm forces the WebAssembly build (the tests run both).
 */
const nativeSodium: SodiumNative | null = (() => {
  if (process.env.TVAULT_SODIUM === 'wasm') return null;
  try {
    return requireSodiumNative() as SodiumNative;
  } catch {
    return null;
  }
})();

export function sodiumNative(): SodiumNative | null {
  return nativeSodium;
}

const nativeRandom = nativeSodium
  ? (buffer: Uint8Array) => nativeSodium.randombytes_buf(buffer)
  : null;

/**
 * `length` random bytes from libsodium's randombytes_buf (the OS CSPRNG). The native build
 * (sodium-native, the same libsodium) fills the buffer in one call; the WebAssembly build asks
 * the host four bytes at a time, which made nonces and keys the largest cost of a bulk import,
 * so it is only the fallback when the native module cannot load.
 */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (nativeRandom) nativeRandom(out);
  else out.set(sodium().randombytes_buf(length));
  return out;
}
