import { InvalidInputError } from '../../shared/errors';

/**
 * Partner names are labels people choose ("Red Collective", "Lawyer, Lagos" is not allowed: the
 * CLI separates recipients with commas). Any script is fine; control and bidi-override
 * characters are refused because names are printed in terminals and lists.
 */
export const MAX_PARTNER_NAME_CHARS = 100;
// Refusing control characters is the point (no-control-regex is off for this file: eslint.config.js).
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069,]/;

export function validatePartnerName(input: string): string {
  const name = typeof input === 'string' ? input.trim().normalize('NFC') : '';
  if (name.length === 0) throw new InvalidInputError('A partner needs a name.');
  if (!name.isWellFormed()) throw new InvalidInputError('The partner name is not valid text.');
  if ([...name].length > MAX_PARTNER_NAME_CHARS) {
    throw new InvalidInputError(
      `A partner name may have at most ${MAX_PARTNER_NAME_CHARS} characters.`,
    );
  }
  if (FORBIDDEN.test(name)) {
    throw new InvalidInputError(
      'A partner name may not contain commas, control or text-direction characters.',
    );
  }
  return name;
}

/** Names are compared without regard to case, so "Red" and "red" are the same partner. */
export function nameKey(name: string): string {
  return name.normalize('NFC').toLocaleLowerCase('und');
}
