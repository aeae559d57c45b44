import { loadSodiumNative, nativeSodiumPort } from './sodium-native';
import type { SodiumPort } from './sodium-port';
import { loadSodiumWasm, wasmSodiumPort } from './sodium-wasm';

export type { SodiumBackend, SodiumPort } from './sodium-port';

/**
 * Chooses the libsodium build once for the whole process: sodium-native (libsodium compiled,
 * prebuilds inside the npm package) where it loads, else libsodium-wrappers-sumo (WebAssembly).
 * TVAULT_SODIUM=wasm forces the WebAssembly build (tests run both; also a way to rule the
 * native module out when diagnosing). Call `await loadSodium()` once before `sodium()`.
 */
let selected: SodiumPort | null = null;

export async function loadSodium(): Promise<SodiumPort> {
  if (!selected) {
    const native = process.env.TVAULT_SODIUM === 'wasm' ? null : loadSodiumNative();
    selected = native ? nativeSodiumPort(native) : wasmSodiumPort(await loadSodiumWasm());
  }
  return selected;
}

export function sodium(): SodiumPort {
  if (!selected) throw new Error('libsodium used before loadSodium() resolved');
  return selected;
}

/** Both builds where both load (native first), for the tests that check they agree. */
export async function sodiumBackends(): Promise<SodiumPort[]> {
  const native = loadSodiumNative();
  const wasm = wasmSodiumPort(await loadSodiumWasm());
  return native ? [nativeSodiumPort(native), wasm] : [wasm];
}

/** `length` random bytes from libsodium's randombytes_buf (the OS CSPRNG). */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  sodium().randomFill(out);
  return out;
}

/** Overwrites key material in place. Best effort in a garbage-collected runtime. */
export function wipe(...buffers: (Uint8Array | null | undefined)[]): void {
  for (const buffer of buffers) if (buffer) sodium().memzero(buffer);
}
