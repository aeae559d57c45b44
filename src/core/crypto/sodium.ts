import sodiumModule from 'libsodium-wrappers-sumo';

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
