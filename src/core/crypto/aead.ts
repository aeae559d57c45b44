import { IntegrityError } from '../../shared/errors';
import type { AnyKey } from './keys';
import { sodium } from './sodium';

/**
 * XChaCha20-Poly1305 (IETF) with a random 24-byte nonce stored in front of the ciphertext:
 * sealed = nonce || ciphertext || tag. Random nonces are safe at this size (192 bits).
 */
export const NONCE_BYTES = 24;
export const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export function seal(args: { key: AnyKey; plain: Uint8Array; ad: Uint8Array }): Uint8Array {
  // The nonce is drawn straight into its place: one allocation per seal, not two and a copy.
  const sealed = new Uint8Array(NONCE_BYTES + args.plain.length + TAG_BYTES);
  const nonce = sealed.subarray(0, NONCE_BYTES);
  sodium().randomFill(nonce);
  sodium().xchachaSeal({
    out: sealed.subarray(NONCE_BYTES),
    plain: args.plain,
    ad: args.ad,
    nonce,
    key: args.key,
  });
  return sealed;
}

/**
 * Opens what `seal` made. `subject` names the thing (kind and id, never content) for the
 * IntegrityError thrown when authentication fails; `details` (ids only) go into the error so
 * that callers can point at the damaged item without parsing the message.
 */
export function open(args: {
  key: AnyKey;
  sealed: Uint8Array;
  ad: Uint8Array;
  subject: string;
  details?: Record<string, unknown>;
}): Uint8Array {
  const { sealed, subject, details = {} } = args;
  if (sealed.length < NONCE_BYTES + TAG_BYTES)
    throw new IntegrityError(subject, { ...details, reason: 'short' });
  const plain = new Uint8Array(sealed.length - NONCE_BYTES - TAG_BYTES);
  const ok = sodium().xchachaOpen({
    out: plain,
    sealed: sealed.subarray(NONCE_BYTES),
    ad: args.ad,
    nonce: sealed.subarray(0, NONCE_BYTES),
    key: args.key,
  });
  if (!ok) throw new IntegrityError(subject, details);
  return plain;
}
