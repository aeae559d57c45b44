import { VaultError } from '../../shared/errors';

/** The file as a whole cannot be imported (no header, not the format named): nothing written. */
export function invalidSourceFile(path: string, why: string): VaultError {
  // The rule as a detail too: the app shows it beside its own sentence naming the file.
  return new VaultError('IMPORT.INVALID_FILE', `Cannot import ${path}: ${why}.`, {
    path,
    rule: why,
  });
}

/** A mapping file that does not parse or breaks a rule (docs: README, "Mapping file"). */
export function invalidMapping(path: string, why: string): VaultError {
  return new VaultError('IMPORT.INVALID_MAPPING', `The mapping ${path} is not usable: ${why}.`, {
    path,
    rule: why,
  });
}
