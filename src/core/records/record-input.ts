import { emptyFields } from '../../shared/records/types';
import { type FieldsPatch, validatePatch } from '../../shared/records/validate';

/** Completes a partial record (what the CLI and the UI send) with the empty defaults. */
export function withDefaults(input: FieldsPatch): unknown {
  const { consent, ...rest } = validatePatch(input);
  const base = emptyFields();
  return { ...base, ...rest, consent: { ...base.consent, ...consent } };
}
