import { type FormEvent, type RefObject, useEffect, useState } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type { TestimonyRecord } from '../../../shared/records/types';
import { errorCode } from '../api/client';
import { useSaveRecord } from '../data/records';
import { useI18n } from '../i18n/I18n';
import { describeError } from '../ui/errors';
import {
  type Draft,
  FIELD_LABELS,
  type FieldErrors,
  fieldErrorsOf,
  fieldsOf,
  invalidFieldsOf,
  patchOf,
} from './draft';

/**
 * Saving the form: a new record or a new revision. When main refuses the input, the refused
 * controls are marked (until the person edits them), the first one is focused and scrolled into
 * view, and a summary names them all; any other error is said in the summary, which then takes
 * the focus.
 */
export function useRecordSave(
  record: TestimonyRecord | null,
  draft: Draft,
  onSaved: (record: TestimonyRecord) => void,
  form: RefObject<HTMLFormElement | null>,
  summary: RefObject<HTMLElement | null>,
) {
  const i18n = useI18n();
  const { t } = i18n;
  const save = useSaveRecord();
  const [edited, setEdited] = useState<ReadonlySet<keyof Draft>>(new Set());

  useEffect(() => {
    if (!save.error) return;
    const bad = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    const target = bad ?? summary.current;
    target?.focus({ preventScroll: true });
    target?.scrollIntoView({ block: 'center' });
  }, [save.error, form, summary]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setEdited(new Set());
    const fields = fieldsOf(draft);
    save.mutate(
      record
        ? { kind: 'update', id: record.id, patch: patchOf(record, fields) }
        : { kind: 'add', fields },
      { onSuccess: onSaved },
    );
  };

  const refused = fieldErrorsOf(save.error);
  const errors: FieldErrors = Object.fromEntries(
    Object.entries(refused).filter(([key]) => !edited.has(key as keyof Draft)),
  );
  const named = invalidFieldsOf(save.error)
    .map((field) => FIELD_LABELS[field])
    .filter((key): key is MessageKey => key !== undefined)
    .map((key) => t(key));
  const message = !save.error
    ? ''
    : errorCode(save.error) === 'INPUT.INVALID' && named.length > 0
      ? t('form.invalidFields', { fields: i18n.list(named) })
      : describeError(i18n, save.error);

  return {
    submit,
    busy: save.isPending || save.isSuccess,
    errors,
    message,
    /** Called on every edit: the control's refusal mark goes once the person changes it. */
    edited: (key: keyof Draft) =>
      setEdited((keys) => (keys.has(key) ? keys : new Set([...keys, key]))),
  };
}
