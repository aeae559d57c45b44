import { z } from 'zod';
import { PARTIAL_DATE, isRealDate } from './dates';
import { InvalidInputError } from '../errors';
import { CONSENT_SCOPES, CONSENT_STATUSES, type TestimonyFields } from './types';

/** Limits that keep one record sane; a whole book of testimony still fits. */
export const LIMITS = {
  titleChars: 1_000,
  bodyBytes: 16 * 1024 * 1024,
  shortFieldChars: 2_000,
  notesChars: 1_000_000,
  tags: 200,
  tagChars: 100,
} as const;

const BCP47 =
  /^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-[A-Za-z\d]{5,8}|-\d[A-Za-z\d]{3})*)?$/;

/** Rejects lone surrogates (what invalid UTF-8 becomes) and NUL, which no field needs. */
const cleanText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.isWellFormed(), 'contains invalid Unicode (lone surrogates)')
    .refine((s) => !s.includes('\u0000'), 'contains a NUL character');

const dateField = z
  .string()
  .regex(PARTIAL_DATE, 'must be YYYY-MM-DD, YYYY-MM or YYYY')
  .refine(isRealDate, 'is not a real calendar date')
  .nullable();

export const consentSchema = z.strictObject({
  status: z.enum(CONSENT_STATUSES),
  scope: z.enum(CONSENT_SCOPES),
  date: dateField,
  note: cleanText(LIMITS.shortFieldChars),
});

export const fieldsSchema = z.strictObject({
  title: cleanText(LIMITS.titleChars).refine((t) => t.trim().length > 0, 'must not be empty'),
  body: cleanText(LIMITS.bodyBytes),
  lang: z.string().regex(BCP47, 'must be a BCP-47 language tag such as ar, es or pt-BR'),
  narrator: cleanText(LIMITS.shortFieldChars),
  date: dateField,
  place: cleanText(LIMITS.shortFieldChars),
  tags: z
    .array(cleanText(LIMITS.tagChars).refine((t) => t.trim().length > 0, 'empty tag'))
    .max(LIMITS.tags),
  consent: consentSchema,
  warning: cleanText(LIMITS.shortFieldChars),
  notes: cleanText(LIMITS.notesChars),
  identifying: z.array(cleanText(LIMITS.shortFieldChars)).max(1_000),
});

/** A partial update: any subset of fields, consent may be partial too. */
export const fieldsPatchSchema = fieldsSchema
  .omit({ consent: true })
  .partial()
  .extend({ consent: consentSchema.partial().optional() });

export type FieldsPatch = z.infer<typeof fieldsPatchSchema>;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`)
    .join('; ');
}

/** Validates complete fields; trims one-line fields, de-duplicates tags, keeps text as given. */
export function validateFields(input: unknown): TestimonyFields {
  const parsed = fieldsSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError(`Invalid record: ${describeIssues(parsed.error)}`, {
      fields: parsed.error.issues.map((i) => i.path.join('.')),
    });
  }
  const fields = parsed.data;
  const utf8Length = utf8ByteLength(fields.body);
  if (utf8Length > LIMITS.bodyBytes) {
    throw new InvalidInputError(`Invalid record: body is larger than ${LIMITS.bodyBytes} bytes`);
  }
  return {
    ...fields,
    // Testimony text is evidence: kept exactly as given (no Unicode normalisation, which would
    // change code points, e.g. CJK compatibility ideographs in names). Search normalises its
    // own copy. Only tags are normalised, so that the same tag typed twice is one tag.
    title: fields.title.trim(),
    body: fields.body,
    narrator: fields.narrator.trim(),
    place: fields.place.trim(),
    warning: fields.warning.trim(),
    notes: fields.notes,
    tags: [...new Set(fields.tags.map((t) => t.trim().normalize('NFC')))],
    identifying: fields.identifying.filter((t) => t.length > 0),
  };
}

export function validatePatch(input: unknown): FieldsPatch {
  const parsed = fieldsPatchSchema.safeParse(input);
  if (!parsed.success) {
    throw new InvalidInputError(`Invalid record: ${describeIssues(parsed.error)}`, {
      fields: parsed.error.issues.map((i) => i.path.join('.')),
    });
  }
  return parsed.data;
}

/** Applies a patch to existing fields and validates the result as a whole. */
export function applyPatch(current: TestimonyFields, patch: FieldsPatch): TestimonyFields {
  const { consent, ...rest } = validatePatch(patch);
  return validateFields({ ...current, ...rest, consent: { ...current.consent, ...consent } });
}

/**
 * UTF-8 size of a well-formed string, without TextEncoder (src/shared has no DOM or Node). By
 * UTF-16 code units, not by `for…of`: that made a string per character, some 180 ms for a
 * 16 MiB body, paid on every read of the record (docs/security.md, "A 16 MiB testimony").
 * A surrogate pair (four bytes) counts 2 + 2; a lone surrogate is refused before this runs.
 */
export function utf8ByteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0x80) bytes += unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}
