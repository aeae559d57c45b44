import { InvalidInputError } from '../shared/errors';
import { randomBytes } from './crypto/sodium';

/** Opaque random ids (128 bits, hex): they reveal neither time nor order. */
export function newId(): string {
  return Buffer.from(randomBytes(16)).toString('hex');
}

export const ID_PATTERN = /^[0-9a-f]{32}$/;

export function assertId(id: string, what = 'id'): string {
  if (!ID_PATTERN.test(id))
    throw new InvalidInputError(`Invalid ${what}: expected 32 hex characters.`);
  return id;
}
