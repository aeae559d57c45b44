import { WrongRecoveryKeyError } from '../../shared/errors';
import { base32Decode, base32Encode } from './base32';
import { type RecoveryWrapKey, asKey } from './keys';
import { randomBytes, sodium } from './sodium';

/**
 * The recovery key: 32 random bytes plus a 2-byte BLAKE2b checksum, written in Crockford
 * base32 in groups of four ("TV1-XXXX-XXXX-..."). The checksum catches typos before any
 * unlock attempt; the version prefix lets the format change later. It has full 256-bit
 * entropy, so it needs no slow KDF: the wrapping key is derived from it with BLAKE2b.
 */
const PREFIX = 'TV1';
export const RECOVERY_SECRET_BYTES = 32;

function checksum(secret: Uint8Array): Uint8Array {
  return sodium().blake2b({
    length: 2,
    message: secret,
    key: new TextEncoder().encode('tvault recovery checksum'),
  });
}

export function generateRecoverySecret(): Uint8Array {
  return randomBytes(RECOVERY_SECRET_BYTES);
}

export function formatRecoveryKey(secret: Uint8Array): string {
  const payload = new Uint8Array(secret.length + 2);
  payload.set(secret);
  payload.set(checksum(secret), secret.length);
  const encoded = base32Encode(payload);
  const groups = encoded.match(/.{1,4}/g) ?? [];
  return [PREFIX, ...groups].join('-');
}

/** Accepts the key as printed, forgiving case, spaces and the letters O/I/L typed for 0/1. */
export function parseRecoveryKey(text: string): Uint8Array {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!cleaned.startsWith(PREFIX.replace(/O/g, '0'))) throw new WrongRecoveryKeyError();
  const decoded = base32Decode(cleaned.slice(PREFIX.length), RECOVERY_SECRET_BYTES + 2);
  if (!decoded || decoded.length !== RECOVERY_SECRET_BYTES + 2) throw new WrongRecoveryKeyError();
  const secret = decoded.slice(0, RECOVERY_SECRET_BYTES);
  const sum = checksum(secret);
  if (sum[0] !== decoded[RECOVERY_SECRET_BYTES] || sum[1] !== decoded[RECOVERY_SECRET_BYTES + 1]) {
    throw new WrongRecoveryKeyError();
  }
  return secret;
}

export function recoveryWrappingKey(secret: Uint8Array): RecoveryWrapKey {
  const key = sodium().blake2b({
    length: 32,
    message: secret,
    key: new TextEncoder().encode('tvault recovery kek'),
  });
  return asKey(key, 'recovery');
}
