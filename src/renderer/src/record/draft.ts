import type { MessageKey } from '../../../shared/i18n';
import type { ConsentScope, ConsentStatus, TestimonyFields } from '../../../shared/records/types';
import type { FieldsPatch } from '../../../shared/records/validate';

/** The form's text state: lists are edited as text (tags comma-separated, passages per line). */
export interface Draft {
  title: string;
  body: string;
  lang: string;
  narrator: string;
  date: string;
  place: string;
  tags: string;
  consentStatus: ConsentStatus;
  consentScope: ConsentScope;
  consentDate: string;
  consentNote: string;
  warning: string;
  notes: string;
  identifying: string;
}

export function draftOf(fields: TestimonyFields): Draft {
  return {
    title: fields.title,
    body: fields.body,
    lang: fields.lang,
    narrator: fields.narrator,
    date: fields.date ?? '',
    place: fields.place,
    tags: fields.tags.join(', '),
    consentStatus: fields.consent.status,
    consentScope: fields.consent.scope,
    consentDate: fields.consent.date ?? '',
    consentNote: fields.consent.note,
    warning: fields.warning,
    notes: fields.notes,
    identifying: fields.identifying.join('\n'),
  };
}

export function fieldsOf(draft: Draft): TestimonyFields {
  return {
    title: draft.title,
    body: draft.body,
    lang: draft.lang.trim(),
    narrator: draft.narrator,
    date: draft.date.trim() || null,
    place: draft.place,
    tags: draft.tags
      .split(/[,،]/)
      .map((tag) => tag.trim())
      .filter(Boolean),
    consent: {
      status: draft.consentStatus,
      scope: draft.consentScope,
      date: draft.consentDate.trim() || null,
      note: draft.consentNote,
    },
    warning: draft.warning,
    notes: draft.notes,
    identifying: draft.identifying
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  };
}

/** Only what changed goes into the new revision's patch. */
export function patchOf(before: TestimonyFields, after: TestimonyFields): FieldsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof TestimonyFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch as FieldsPatch;
}

export const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'field.title',
  body: 'field.body',
  lang: 'field.lang',
  narrator: 'field.narrator',
  date: 'field.date',
  place: 'field.place',
  tags: 'field.tags',
  consent: 'field.consent',
  warning: 'field.warning',
  notes: 'field.notes',
  identifying: 'field.identifying',
};

/** The paths an INPUT.INVALID error names, without the request's prefix (fields., patch.). */
function invalidPathsOf(error: unknown): string[] {
  const paths = (error as { details?: { fields?: string[] } } | null)?.details?.fields ?? [];
  return paths.map((path) => path.replace(/^(fields|patch)\./, ''));
}

/** The record fields an INPUT.INVALID error names (for the summary: "Please check: …"). */
export function invalidFieldsOf(error: unknown): string[] {
  return [...new Set(invalidPathsOf(error).map((path) => path.split('.')[0]!))];
}

export type FieldErrors = Partial<Record<keyof Draft, MessageKey>>;

const CONSENT_PARTS: Record<string, keyof Draft> = {
  status: 'consentStatus',
  scope: 'consentScope',
  date: 'consentDate',
  note: 'consentNote',
};

const MESSAGES: Partial<Record<keyof Draft, MessageKey>> = {
  title: 'form.error.title',
  lang: 'form.error.lang',
  date: 'form.error.date',
  consentDate: 'form.error.date',
};

/** Which form controls an INPUT.INVALID error refused, each with the message to show by it. */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const path of invalidPathsOf(error)) {
    const [head, part] = path.split('.');
    const key = (head === 'consent' ? CONSENT_PARTS[part ?? ''] : head) as keyof Draft | undefined;
    if (key && FIELD_LABELS[head!]) errors[key] = MESSAGES[key] ?? 'form.error.other';
  }
  return errors;
}
