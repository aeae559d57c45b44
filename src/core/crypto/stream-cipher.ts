import { type SodiumNative as NativeSodium, requireSodiumNative, sodium } from './sodium';

/**
 * The chunk AEAD of attachment blobs (ChaCha20-Poly1305, IETF variant, 12-byte nonce) behind a
 * tiny port with two implementations of the same libsodium function:
 *
 * - sodium-native: libsodium compiled natively (N-API prebuilds shipped inside the npm package,
 *   so it loads in Node and in Electron without a rebuild). About 1 GB/s on one core here.
 * - libsodium-wrappers-sumo: the WebAssembly build the rest of the vault uses. About 4x slower,
 *   used only when the native module cannot load (unsupported platform, stripped package).
 *
 * Both write byte-identical output (tests/attachments/stream-cipher.test.ts checks it), so a blob
 * written by one is read by the other. Only this hot path is native: keys, records and metadata
 * stay on the WebAssembly build.
 */
export const CHUNK_KEY_BYTES = 32;
export const CHUNK_NONCE_BYTES = 12;
export const CHUNK_TAG_BYTES = 16;

export type StreamBackend = 'sodium-native' | 'libsodium-wrappers-sumo';

export interface ChunkCipher {
  readonly backend: StreamBackend;
  /** Seals `plain` into `out`, which must be exactly plain.length + 16 bytes long. */
  seal(
    out: Uint8Array,
    plain: Uint8Array,
    ad: Uint8Array,
    nonce: Uint8Array,
    key: Uint8Array,
  ): void;
  /**
   * Opens `sealed` into `out` (sealed.length - 16 bytes). Returns false when authentication fails;
   * `out` then holds nothing usable and is zeroed.
   */
  open(
    out: Uint8Array,
    sealed: Uint8Array,
    ad: Uint8Array,
    nonce: Uint8Array,
    key: Uint8Array,
  ): boolean;
}

/** The part of sodium-native used here. */
type SodiumNative = Pick<
  NativeSodium,
  'crypto_aead_chacha20poly1305_ietf_encrypt' | 'crypto_aead_chacha20poly1305_ietf_decrypt'
>;

function checkLengths(out: Uint8Array, input: Uint8Array, delta: number): void {
  if (out.length !== input.length + delta) throw new RangeError('chunk buffer of the wrong size');
}

export function nativeChunkCipher(native: SodiumNative): ChunkCipher {
  return {
    backend: 'sodium-native',
    seal(out, plain, ad, nonce, key) {
      checkLengths(out, plain, CHUNK_TAG_BYTES);
      native.crypto_aead_chacha20poly1305_ietf_encrypt(out, plain, ad, null, nonce, key);
    },
    open(out, sealed, ad, nonce, key) {
      checkLengths(out, sealed, -CHUNK_TAG_BYTES);
      try {
        native.crypto_aead_chacha20poly1305_ietf_decrypt(out, null, sealed, ad, nonce, key);
        return true;
      } catch {
        out.fill(0);
        return false;
      }
    },
  };
}

export function wasmChunkCipher(): ChunkCipher {
  return {
    backend: 'libsodium-wrappers-sumo',
    seal(out, plain, ad, nonce, key) {
      checkLengths(out, plain, CHUNK_TAG_BYTES);
      out.set(sodium().crypto_aead_chacha20poly1305_ietf_encrypt(plain, ad, null, nonce, key));
    },
    open(out, sealed, ad, nonce, key) {
      checkLengths(out, sealed, -CHUNK_TAG_BYTES);
      try {
        out.set(sodium().crypto_aead_chacha20poly1305_ietf_decrypt(null, sealed, ad, nonce, key));
        return true;
      } catch {
        out.fill(0);
        return false;
      }
    },
  };
}

/** Loads sodium-native, or returns null when it cannot load here. */
export function loadSodiumNative(load: () => unknown = requireSodiumNative): SodiumNative | null {
  try {
    const candidate = load() as Partial<SodiumNative> | null;
    if (
      typeof candidate?.crypto_aead_chacha20poly1305_ietf_encrypt === 'function' &&
      typeof candidate.crypto_aead_chacha20poly1305_ietf_decrypt === 'function'
    ) {
      return candidate as SodiumNative;
    }
  } catch {
    // No prebuild for this platform or runtime: the WebAssembly build does the same work.
  }
  return null;
}

let selected: ChunkCipher | null = null;

/**
 * The cipher in use: sodium-native when it loads, else WebAssembly. TVAULT_STREAM_BACKEND=wasm
 * forces the fallback (to test it, or to rule the native module out when diagnosing).
 */
export function chunkCipher(): ChunkCipher {
  if (!selected) {
    const native = process.env.TVAULT_STREAM_BACKEND === 'wasm' ? null : loadSodiumNative();
    selected = native ? nativeChunkCipher(native) : wasmChunkCipher();
  }
  return selected;
}
