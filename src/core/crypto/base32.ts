/**
 * Crockford base32 (digits and capital letters without I, L, O, U): safe to copy through email,
 * chat and paper, and case-insensitive. Decoding is strict about length and padding bits, so a
 * string has exactly one valid spelling (apart from case and the O/I/L look-alikes).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = ((value << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Number of base32 characters that encode `byteLength` bytes. */
export function base32Length(byteLength: number): number {
  return Math.ceil((byteLength * 8) / 5);
}

/**
 * Decodes exactly `byteLength` bytes; null when the text has another length, a character
 * outside the alphabet, or non-zero padding bits (a sign of a typo or truncation).
 */
export function base32Decode(text: string, byteLength: number): Uint8Array | null {
  if (text.length !== base32Length(byteLength)) return null;
  const normalised = text.toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  const out = new Uint8Array(byteLength);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const ch of normalised) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      if (index < byteLength) out[index] = (value >>> (bits - 8)) & 0xff;
      index += 1;
      bits -= 8;
    }
  }
  if (index !== byteLength) return null;
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
