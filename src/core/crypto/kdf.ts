import { InvalidInputError } from '../../shared/errors';
import { type PassphraseKey, asKey } from './keys';
import { sodium } from './sodium';

/** Argon2id parameters, stored in the vault header and bound to the wrapped master key. */
export interface KdfParams {
  alg: 'argon2id13';
  opslimit: number;
  memlimit: number;
}

/** libsodium's MODERATE: 3 passes over 256 MiB, about 1.5 s on this project's test machine. */
export const DEFAULT_KDF: KdfParams = {
  alg: 'argon2id13',
  opslimit: 3,
  memlimit: 256 * 1024 * 1024,
};

/**
 * Deliberately weak parameters for the test suites only, so that hundreds of unlocks stay fast.
 * Chosen only when a caller passes it explicitly; the CLI does so only when TVAULT_TEST_KDF=1
 * is set, and then warns on stderr (see docs/crypto.md, "Test setting").
 */
export const TEST_KDF: KdfParams = { alg: 'argon2id13', opslimit: 1, memlimit: 8 * 1024 * 1024 };

export const SALT_BYTES = 16;

export function validateKdfParams(params: KdfParams): KdfParams {
  const limits = sodium().pwhashLimits;
  if (
    params.alg !== 'argon2id13' ||
    !Number.isSafeInteger(params.opslimit) ||
    !Number.isSafeInteger(params.memlimit) ||
    params.opslimit < limits.opsMin ||
    params.opslimit > 64 ||
    params.memlimit < limits.memMin ||
    params.memlimit > 4 * 1024 * 1024 * 1024
  ) {
    throw new InvalidInputError('Unsupported key-derivation parameters.');
  }
  return params;
}

/**
 * Passphrase -> 32-byte key-encryption key (Argon2id). The passphrase is NFC-normalised first so
 * that the same words typed on different keyboards give the same key.
 *
 * Asynchronous: with libsodium's native build the derivation (about a second, 256 MiB) runs on
 * libuv's thread pool, so the calling thread stays free: in the desktop app that is Electron's
 * main process, whose event loop also paints the window; a synchronous unlock froze it for the
 * whole derivation. The WebAssembly build, the fallback, computes the same function in place.
 */
export async function deriveKeyFromPassphrase(
  passphrase: string,
  salt: Uint8Array,
  params: KdfParams,
): Promise<PassphraseKey> {
  validateKdfParams(params);
  // The encoded passphrase is wiped after use (the JS string itself cannot be).
  const secret = new TextEncoder().encode(passphrase.normalize('NFC'));
  try {
    const key = await sodium().argon2id({
      length: 32,
      passphrase: secret,
      salt,
      opslimit: params.opslimit,
      memlimit: params.memlimit,
    });
    return asKey(key, 'passphrase');
  } finally {
    sodium().memzero(secret);
  }
}

export function kdfFromEnvironment(env: Record<string, string | undefined>): KdfParams | undefined {
  return env.TVAULT_TEST_KDF === '1' ? TEST_KDF : undefined;
}
