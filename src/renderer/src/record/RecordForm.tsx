import { type FormEvent, useState } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import { type TestimonyRecord, emptyFields } from '../../../shared/records/types';
import { errorCode } from '../api/client';
import { useSaveRecord } from '../data/records';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { type Draft, FIELD_LABELS, draftOf, fieldsOf, invalidFieldsOf, patchOf } from './draft';
import { ConsentFields, LangInput, type SetDraft, TextArea, TextInput } from './form-fields';

/** A new record's form, or an existing one's (each save is a new revision). */
export function RecordForm({
  record,
  onSaved,
  onCancel,
}: {
  record: TestimonyRecord | null;
  onSaved: (record: TestimonyRecord) => void;
  onCancel: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState<Draft>(() => draftOf(record ?? emptyFields()));
  const save = useSaveRecord();
  const set: SetDraft = (key, value) => setDraft((d) => ({ ...d, [key]: value }));
  const busy = save.isPending || save.isSuccess;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields = fieldsOf(draft);
    save.mutate(
      record
        ? { kind: 'update', id: record.id, patch: patchOf(record, fields) }
        : { kind: 'add', fields },
      { onSuccess: onSaved },
    );
  };

  const bad = invalidFieldsOf(save.error)
    .map((field) => FIELD_LABELS[field])
    .filter((key): key is MessageKey => key !== undefined)
    .map((key) => t(key));
  const error = !save.error
    ? ''
    : errorCode(save.error) === 'INPUT.INVALID' && bad.length > 0
      ? t('form.invalidFields', { fields: i18n.list(bad) })
      : describeError(i18n, save.error);
  const props = { draft, set };
  const identifying = <span className="badge identifying">{t('record.identifying')}</span>;

  return (
    <form className="record-form" onSubmit={submit} aria-busy={busy} aria-labelledby="form-title">
      <h2 id="form-title">{record ? t('form.editTitle') : t('form.newTitle')}</h2>
      <TextInput {...props} name="title" label="field.title" required />
      <div className="form-row">
        <LangInput {...props} />
        <TextInput
          {...props}
          name="date"
          label="field.date"
          hint={t('form.dateHint')}
          ltr
          placeholder="YYYY-MM-DD"
        />
        <TextInput {...props} name="place" label="field.place" />
      </div>
      <div className="identifying-block">
        <TextInput
          {...props}
          name="narrator"
          label="field.narrator"
          hint={t('form.narratorHint')}
          badge={identifying}
        />
      </div>
      <TextInput {...props} name="tags" label="field.tags" hint={t('form.tagsHint')} />
      <ConsentFields {...props} />
      <TextInput {...props} name="warning" label="field.warning" hint={t('form.warningHint')} />
      <TextArea {...props} name="body" label="field.body" rows={14} className="body-input" />
      <div className="identifying-block">
        <TextArea
          {...props}
          name="identifying"
          label="field.identifying"
          hint={t('form.identifyingHint')}
          rows={3}
          badge={identifying}
        />
      </div>
      <TextArea {...props} name="notes" label="field.notes" rows={4} />
      <Alert>{error}</Alert>
      <div className="actions sticky-actions">
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('form.cancel')}
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.saving') : t('form.save')}
        </button>
      </div>
    </form>
  );
}
