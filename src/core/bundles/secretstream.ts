import { requireSodiumNative, sodium } from '../crypto/sodium';

/**
 * crypto_secretstream_xchacha20poly1305, the bundle payload cipher, behind a small port with two
 * implementations of the same libsodium function: sodium-native (native, about 1 GB/s here)
 * and libsodium-wrappers-sumo (WebAssembly, about 4x slower), used when the native module cannot
 * load or when TVAULT_STREAM_BACKEND=wasm. Their output is byte-identical (tests check it).
 */
export const SECRETSTREAM_HEADER_BYTES = 24;
export const SECRETSTREAM_ABYTES = 17;
export const SECRETSTREAM_KEY_BYTES = 32;
export const TAG_MESSAGE = 0;
export const TAG_FINAL = 3;

export interface Pusher {
  /** Encrypts one message; `final` tags it TAG_FINAL. Returns a new buffer. */
  push(plain: Uint8Array, final: boolean): Uint8Array;
}

export interface Puller {
  /** Decrypts one message; null when it does not authenticate. */
  pull(cipher: Uint8Array): { plain: Uint8Array; tag: number } | null;
}

export interface SecretStream {
  readonly backend: 'sodium-native' | 'libsodium-wrappers-sumo';
  initPush(key: Uint8Array): { header: Uint8Array; pusher: Pusher };
  initPull(header: Uint8Array, key: Uint8Array): Puller | null;
}

/** The subset of sodium-native used here (the package ships no type declarations). */
interface SodiumNative {
  crypto_secretstream_xchacha20poly1305_STATEBYTES: number;
  crypto_secretstream_xchacha20poly1305_init_push(
    state: Uint8Array,
    header: Uint8Array,
    key: Uint8Array,
  ): void;
  crypto_secretstream_xchacha20poly1305_init_pull(
    state: Uint8Array,
    header: Uint8Array,
    key: Uint8Array,
  ): void;
  crypto_secretstream_xchacha20poly1305_push(
    state: Uint8Array,
    c: Uint8Array,
    m: Uint8Array,
    ad: Uint8Array | null,
    tag: number,
  ): number;
  crypto_secretstream_xchacha20poly1305_pull(
    state: Uint8Array,
    m: Uint8Array,
    tag: Uint8Array,
    c: Uint8Array,
    ad: Uint8Array | null,
  ): number;
}

function nativeStream(native: SodiumNative): SecretStream {
  const stateBytes = native.crypto_secretstream_xchacha20poly1305_STATEBYTES;
  return {
    backend: 'sodium-native',
    initPush(key) {
      const state = new Uint8Array(stateBytes);
      const header = new Uint8Array(SECRETSTREAM_HEADER_BYTES);
      native.crypto_secretstream_xchacha20poly1305_init_push(state, header, key);
      return {
        header,
        pusher: {
          push(plain, final) {
            const out = new Uint8Array(plain.length + SECRETSTREAM_ABYTES);
            native.crypto_secretstream_xchacha20poly1305_push(
              state,
              out,
              plain,
              null,
              final ? TAG_FINAL : TAG_MESSAGE,
            );
            return out;
          },
        },
      };
    },
    initPull(header, key) {
      const state = new Uint8Array(stateBytes);
      try {
        native.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key);
      } catch {
        return null;
      }
      const tag = new Uint8Array(1);
      return {
        pull(cipher) {
          if (cipher.length < SECRETSTREAM_ABYTES) return null;
          const plain = new Uint8Array(cipher.length - SECRETSTREAM_ABYTES);
          try {
            native.crypto_secretstream_xchacha20poly1305_pull(state, plain, tag, cipher, null);
          } catch {
            return null;
          }
          return { plain, tag: tag[0]! };
        },
      };
    },
  };
}

function wasmStream(): SecretStream {
  return {
    backend: 'libsodium-wrappers-sumo',
    initPush(key) {
      const s = sodium();
      const { state, header } = s.crypto_secretstream_xchacha20poly1305_init_push(key);
      return {
        header,
        pusher: {
          push: (plain, final) =>
            s.crypto_secretstream_xchacha20poly1305_push(
              state,
              plain,
              null,
              final ? TAG_FINAL : TAG_MESSAGE,
            ),
        },
      };
    },
    initPull(header, key) {
      const s = sodium();
      let state: ReturnType<typeof s.crypto_secretstream_xchacha20poly1305_init_pull>;
      try {
        state = s.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
      } catch {
        return null;
      }
      return {
        pull(cipher) {
          if (cipher.length < SECRETSTREAM_ABYTES) return null;
          try {
            const result = s.crypto_secretstream_xchacha20poly1305_pull(state, cipher, null) as
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

function loadNative(): SodiumNative | null {
  try {
    const candidate = requireSodiumNative() as Partial<SodiumNative>;
    if (typeof candidate.crypto_secretstream_xchacha20poly1305_pull === 'function') {
      return candidate as SodiumNative;
    }
  } catch {
    // No prebuild for this platform or runtime: the WebAssembly build does the same work.
  }
  return null;
}

let selected: SecretStream | null = null;

export function secretStream(): SecretStream {
  if (!selected) {
    const native = process.env.TVAULT_STREAM_BACKEND === 'wasm' ? null : loadNative();
    selected = native ? nativeStream(native) : wasmStream();
  }
  return selected;
}

/** Both implementations, for the test that checks they agree. */
export function secretStreamBackends(): SecretStream[] {
  const native = loadNative();
  return native ? [nativeStream(native), wasmStream()] : [wasmStream()];
}
