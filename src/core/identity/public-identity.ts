import { sodium } from '../crypto/sodium';
import { base32Decode, base32Encode, base32Length } from '../crypto/base32';
import { InvalidIdentityError } from './errors';

/**
 * A vault's public identity: its Ed25519 signing key (bundles are signed with it) and its
 * X25519 box key (bundles are sealed to it). Written as one copyable string:
 *
 *   "TVID1-" || base32(signingKey[32] || boxKey[32] || checksum[4])
 *
 * checksum = BLAKE2b-32 (4 bytes, unkeyed) of "tvault-identity-v1" || signingKey || boxKey, so a
 * mistyped or truncated string is rejected before it is ever stored as a partner. The version
 * prefix lets the format change without ambiguity. See docs/bundle-format.md, "Identities".
 */
export interface PublicIdentity {
  signingKey: Uint8Array;
  boxKey: Uint8Array;
}

export const IDENTITY_PREFIX = 'TVID1';
const KEY_BYTES = 32;
const CHECKSUM_BYTES = 4;
const PAYLOAD_BYTES = 2 * KEY_BYTES + CHECKSUM_BYTES;
const encoder = new TextEncoder();

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function checksum(identity: PublicIdentity): Uint8Array {
  return sodium().blake2b({
    length: CHECKSUM_BYTES,
    message: concat(encoder.encode('tvault-identity-v1'), identity.signingKey, identity.boxKey),
  });
}

export function formatIdentity(identity: PublicIdentity): string {
  const payload = concat(identity.signingKey, identity.boxKey, checksum(identity));
  return `${IDENTITY_PREFIX}-${base32Encode(payload)}`;
}

/** Parses an identity string, forgiving case, spaces, line breaks and dashes. */
export function parseIdentity(text: string): PublicIdentity {
  if (typeof text !== 'string' || text.length > 1000) throw new InvalidIdentityError('too long');
  const cleaned = text.replace(/[\s-]/g, '').toUpperCase();
  if (!cleaned.startsWith(IDENTITY_PREFIX)) {
    throw new InvalidIdentityError(
      /^TVID\d/.test(cleaned) ? 'unsupported version' : 'it does not start with TVID1',
    );
  }
  const body = cleaned.slice(IDENTITY_PREFIX.length);
  if (body.length !== base32Length(PAYLOAD_BYTES)) {
    throw new InvalidIdentityError(
      body.length < base32Length(PAYLOAD_BYTES) ? 'it is too short' : 'it is too long',
    );
  }
  const payload = base32Decode(body, PAYLOAD_BYTES);
  if (!payload) throw new InvalidIdentityError('it contains characters that do not belong');
  const identity = {
    signingKey: payload.slice(0, KEY_BYTES),
    boxKey: payload.slice(KEY_BYTES, 2 * KEY_BYTES),
  };
  if (!sodium().equal(checksum(identity), payload.slice(2 * KEY_BYTES))) {
    throw new InvalidIdentityError('the checksum does not match: a character is wrong');
  }
  if (!sodium().isValidEd25519Point(identity.signingKey)) {
    throw new InvalidIdentityError('the signing key is not a valid key');
  }
  return identity;
}

/**
 * The fingerprint people compare out of band (read aloud on a call, side by side on paper):
 * six groups of five digits, about 100 bits. Each group is 5 bytes of
 * BLAKE2b-256("tvault-fingerprint-v1" || signingKey || boxKey), read as a big-endian
 * integer, modulo 100000, zero-padded (the Signal safety-number construction).
 */
export function fingerprintOf(identity: PublicIdentity): string {
  const digest = sodium().blake2b({
    length: 32,
    message: concat(encoder.encode('tvault-fingerprint-v1'), identity.signingKey, identity.boxKey),
  });
  const groups: string[] = [];
  for (let group = 0; group < 6; group++) {
    let value = 0;
    for (let i = 0; i < 5; i++) value = value * 256 + digest[group * 5 + i]!;
    groups.push(String(value % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

/** Normalises a fingerprint as typed (spaces, dashes): digits only, or null if malformed. */
export function normaliseFingerprint(text: string): string | null {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d{30}$/.test(digits)) return null;
  return digits.match(/.{5}/g)!.join(' ');
}

export function sameIdentity(a: PublicIdentity, b: PublicIdentity): boolean {
  return sodium().equal(a.signingKey, b.signingKey) && sodium().equal(a.boxKey, b.boxKey);
}
