import { VaultError } from '../../src/shared/errors';

/** The VaultError code `fn` throws, null if it throws nothing, or 'not a VaultError'. */
export function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof VaultError ? error.code : 'not a VaultError';
  }
}
