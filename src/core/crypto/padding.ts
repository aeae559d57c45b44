import { IntegrityError } from '../../shared/errors';
import { sodium } from './sodium';

/**
 * Pads small plaintexts (sodium_pad, ISO/IEC 7816-4) so that ciphertext lengths reveal only a
 * size class: blocks of 256 bytes up to 4 KiB, then about 1/16 of the size (Padmé-like), so at
 * most ~6 % overhead and a few bits of length leaked.
 */
export function padBlockSize(length: number): number {
  if (length < 4096) return 256;
  let pow = 1;
  while (pow < length) pow *= 2;
  return Math.max(256, pow / 16);
}

export function pad(plaintext: Uint8Array): Uint8Array {
  return sodium().pad(plaintext, padBlockSize(plaintext.length + 1));
}

export function unpad(
  padded: Uint8Array,
  subject: string,
  details: Record<string, unknown> = {},
): Uint8Array {
  // The block size is not stored; any block size works for unpadding since the marker byte is
  // found by scanning from the end. Try the largest plausible one.
  const plain = sodium().unpad(padded, padded.length);
  if (!plain) throw new IntegrityError(subject, { ...details, reason: 'padding' });
  return plain;
}
