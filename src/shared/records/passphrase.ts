/** Passphrase rules shared by the CLI, the core and the UI's strength meter. */
export const MIN_PASSPHRASE_CHARS = 8;

export interface PassphraseStrength {
  /** 0 (unusable) to 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  /** Rough entropy estimate in bits, from length and character classes. */
  bits: number;
  acceptable: boolean;
}

/**
 * A deliberately simple estimate (no dictionary): length times the log of the alphabet the
 * characters are drawn from, with repeats penalised. Good enough to push people towards long
 * passphrases of several words, which is the advice the UI gives.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  const chars = [...passphrase];
  let alphabet = 0;
  if (/[a-z]/.test(passphrase)) alphabet += 26;
  if (/[A-Z]/.test(passphrase)) alphabet += 26;
  if (/\d/.test(passphrase)) alphabet += 10;
  if (/[^\p{L}\p{N}]/u.test(passphrase)) alphabet += 33;
  if (/[^\p{ASCII}]/u.test(passphrase)) alphabet += 100;
  const distinct = new Set(chars).size;
  const effectiveLength = Math.min(chars.length, distinct * 2);
  const bits = alphabet > 0 ? Math.round(effectiveLength * Math.log2(alphabet)) : 0;
  const acceptable = chars.length >= MIN_PASSPHRASE_CHARS;
  const score = !acceptable ? 0 : bits < 40 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4;
  return { score, bits, acceptable };
}
