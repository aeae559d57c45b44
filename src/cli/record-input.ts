import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../shared/errors';
import { type FieldsPatch, validatePatch } from '../shared/records/validate';
import { isImportKey } from '../core/records/bulk-import';
import { FileIoError } from '../core/fs/errors';

/**
 * Record fields that do not come from the command line (issue 11, point 8): arguments are
 * visible to every local user in `ps`, so every text field can also come from a file or stdin,
 * and a warning names the sensitive options given as arguments.
 */

/** Keys of `show --json` that describe the stored record, not its content: ignored. */
const DESCRIPTIVE_KEYS = new Set(['id', 'revision', 'createdAt', 'updatedAt', 'provenance']);

/** Options whose text can identify a narrator or tell their story. */
export const SENSITIVE_OPTIONS = [
  ['title', '--title'],
  ['body', '--body'],
  ['narrator', '--narrator'],
  ['identifying', '--identifying'],
  ['place', '--place'],
  ['notes', '--notes'],
  ['warning', '--warning'],
  ['consentNote', '--consent-note'],
] as const;

/** The one-line warning for sensitive text given as arguments, or null when there is none. */
export function argvWarning(options: Record<string, unknown>): string | null {
  const given = SENSITIVE_OPTIONS.filter(([key]) => options[key] !== undefined).map(([, f]) => f);
  if (given.length === 0) return null;
  return (
    `tvault: warning: ${given.join(', ')} on the command line can be read by other users of ` +
    'this computer (ps); prefer --from-json FILE or - (and --body-file).'
  );
}

function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path === '-' ? 0 : path);
  } catch (error) {
    throw new FileIoError('Cannot read the JSON file', path === '-' ? 'stdin' : path, error);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InvalidInputError('The JSON input is not valid UTF-8 text.');
  }
}

/**
 * Reads a JSON object with the fields of `show --json` (from a file, or stdin for "-") as a
 * patch: only the keys present. The stored record's own keys (id, revision, dates, provenance)
 * are ignored, so the output of `show --json` can be edited and given back. Errors name the
 * rule and the key's position, never text from the input.
 */
export function patchFromJson(path: string): FieldsPatch {
  let value: unknown;
  try {
    value = JSON.parse(readText(path));
  } catch (error) {
    if (error instanceof SyntaxError)
      throw new InvalidInputError('The JSON input is not valid JSON.');
    throw error;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidInputError(
      'The JSON input must be one object with the fields of show --json.',
    );
  }
  const patch: Record<string, unknown> = {};
  let position = 0;
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    position += 1;
    if (DESCRIPTIVE_KEYS.has(key)) continue;
    // Only the top-level field names of show --json ("consent" is an object there).
    if (key.includes('.') || !isImportKey(key)) {
      throw new InvalidInputError(
        `The JSON input has an unknown field (its key number ${position}).`,
      );
    }
    patch[key] = field;
  }
  return validatePatch(patch);
}

/** The JSON patch with the command line's fields over it (consent merged field by field). */
export function mergePatches(fromJson: FieldsPatch, fromArgs: FieldsPatch): FieldsPatch {
  const merged: FieldsPatch = { ...fromJson, ...fromArgs };
  if (fromJson.consent || fromArgs.consent)
    merged.consent = { ...fromJson.consent, ...fromArgs.consent };
  return merged;
}
