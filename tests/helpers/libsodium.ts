import libsodiumWrappers from 'libsodium-wrappers-sumo';

/**
 * libsodium's WebAssembly build, called directly: for the tests that check the vault's output
 * against the library itself (spec readers, test vectors, backend comparisons) rather than
 * through the vault's own port (src/core/crypto/sodium.ts).
 */
export async function libsodium(): Promise<typeof libsodiumWrappers> {
  await libsodiumWrappers.ready;
  return libsodiumWrappers;
}

/** The same, for synchronous helpers called after some `await libsodium()`. */
export function readyLibsodium(): typeof libsodiumWrappers {
  // ready is a promise; crypto_generichash exists only once the module has loaded.
  if (typeof libsodiumWrappers.crypto_generichash !== 'function')
    throw new Error('await libsodium() first');
  return libsodiumWrappers;
}
