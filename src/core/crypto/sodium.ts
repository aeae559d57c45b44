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

/** libsodium's native build, for randombytes_buf in one call (see randomBytes). */
const nativeRandom: ((buffer: Uint8Array) => void) | null = (() => {
  try {
    const native = createRequire(import.meta.url)('sodium-native') as {
      randombytes_buf(buffer: Uint8Array): void;
    };
    return (buffer) => native.randombytes_buf(buffer);
  } catch {
    return null;
  }
})();

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
