import { isDeepStrictEqual } from 'node:util';
import type { TestimonyFields } from '../../shared/records/types';
import type { FieldsPatch } from '../../shared/records/validate';
import type { MappedRecord } from './map-record';

export type { GivenField } from './map-record';

/** The patch a re-import applies to the existing testimony: the given fields, nothing else. */
export function patchOf(mapped: MappedRecord): FieldsPatch {
  const patch: Record<string, unknown> = {};
  const consent: Record<string, unknown> = {};
  for (const key of mapped.given) {
    if (key.startsWith('consent.')) {
      const sub = key.slice('consent.'.length) as keyof TestimonyFields['consent'];
      consent[sub] = mapped.fields.consent[sub];
    } else if (key === 'consent') {
      Object.assign(consent, mapped.fields.consent);
    } else {
      patch[key] = mapped.fields[key as keyof TestimonyFields];
    }
  }
  if (Object.keys(consent).length > 0) patch.consent = consent;
  return patch as FieldsPatch;
}

/** Whether applying the re-import's patch would change nothing (then no revision is made). */
export function changesNothing(current: TestimonyFields, mapped: MappedRecord): boolean {
  const patch = patchOf(mapped);
  const { consent, ...rest } = patch;
  const next = { ...current, ...rest, consent: { ...current.consent, ...consent } };
  return isDeepStrictEqual(normalise(next), normalise(current));
}

function normalise(fields: TestimonyFields): TestimonyFields {
  return { ...fields, tags: [...fields.tags], identifying: [...fields.identifying] };
}
