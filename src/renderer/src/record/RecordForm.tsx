import { type FormEvent, useState } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import {
  CONSENT_SCOPES,
  CONSENT_STATUSES,
  type ConsentScope,
  type ConsentStatus,
  type TestimonyFields,
  type TestimonyRecord,
  emptyFields,
} from '../../../shared/records/types';
import type { FieldsPatch } from '../../../shared/records/validate';
import { call, errorCode } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { Field } from '../ui/Field';

/** The form's text state: lists are edited as text (tags comma-separated, passages per line). */
interface Draft {
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

function draftOf(fields: TestimonyFields): Draft {
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

function fieldsOf(draft: Draft): TestimonyFields {
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
function patchOf(before: TestimonyFields, after: TestimonyFields): FieldsPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof TestimonyFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  return patch as FieldsPatch;
}

const FIELD_LABELS: Record<string, MessageKey> = {
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

const COMMON_LANGS = [
  'ar',
  'en',
  'es',
  'fr',
  'pt',
  'fa',
  'ur',
  'hi',
  'bn',
  'tr',
  'ru',
  'sw',
  'ha',
  'yo',
  'id',
  'ps',
  'ku',
  'am',
];

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
  const initial = record ?? emptyFields();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const fields = fieldsOf(draft);
      const saved = record
        ? await call('records.update', { id: record.id, patch: patchOf(record, fields) })
        : await call('records.add', { fields });
      onSaved(saved);
    } catch (caught) {
      const bad = ((caught as { details?: { fields?: string[] } }).details?.fields ?? [])
        // Paths come as the request has them (fields.date, patch.consent.date…).
        .map((path) => FIELD_LABELS[path.replace(/^(fields|patch)\./, '').split('.')[0]!])
        .filter((key): key is MessageKey => key !== undefined)
        .map((key) => t(key));
      setError(
        errorCode(caught) === 'INPUT.INVALID' && bad.length > 0
          ? t('form.invalidFields', { fields: i18n.list([...new Set(bad)]) })
          : describeError(i18n, caught),
      );
      setBusy(false);
    }
  };

  const text = (
    key: keyof Draft,
    label: MessageKey,
    extra: { hint?: string; required?: boolean; ltr?: boolean; placeholder?: string } = {},
  ) => (
    <Field label={t(label)} hint={extra.hint}>
      {(props) => (
        <input
          {...props}
          type="text"
          dir={extra.ltr ? 'ltr' : 'auto'}
          required={extra.required}
          placeholder={extra.placeholder}
          value={draft[key] as string}
          onChange={(e) => set(key)(e.target.value as never)}
        />
      )}
    </Field>
  );

  return (
    <form className="record-form" onSubmit={submit} aria-busy={busy} aria-labelledby="form-title">
      <h2 id="form-title">{record ? t('form.editTitle') : t('form.newTitle')}</h2>
      {text('title', 'field.title', { required: true })}
      <div className="form-row">
        <Field label={t('field.lang')} hint={t('form.langHint')}>
          {(props) => (
            <>
              <input
                {...props}
                dir="ltr"
                list="common-langs"
                value={draft.lang}
                onChange={(e) => set('lang')(e.target.value)}
              />
              <datalist id="common-langs">
                {COMMON_LANGS.map((code) => (
                  <option key={code} value={code}>
                    {i18n.languageName(code)}
                  </option>
                ))}
              </datalist>
            </>
          )}
        </Field>
        {text('date', 'field.date', {
          hint: t('form.dateHint'),
          ltr: true,
          placeholder: 'YYYY-MM-DD',
        })}
        {text('place', 'field.place')}
      </div>
      <div className="identifying-block">
        <Field
          label={t('field.narrator')}
          badge={<span className="badge identifying">{t('record.identifying')}</span>}
          hint={t('form.narratorHint')}
        >
          {(props) => (
            <input
              {...props}
              dir="auto"
              value={draft.narrator}
              onChange={(e) => set('narrator')(e.target.value)}
            />
          )}
        </Field>
      </div>
      {text('tags', 'field.tags', { hint: t('form.tagsHint') })}
      <fieldset className="form-row">
        <legend>{t('field.consent')}</legend>
        <Field label={t('form.consentStatus')}>
          {(props) => (
            <select
              {...props}
              value={draft.consentStatus}
              onChange={(e) => set('consentStatus')(e.target.value as ConsentStatus)}
            >
              {CONSENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`consent.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('form.consentScope')}>
          {(props) => (
            <select
              {...props}
              value={draft.consentScope}
              onChange={(e) => set('consentScope')(e.target.value as ConsentScope)}
            >
              {CONSENT_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {t(`scope.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text('consentDate', 'form.consentDate', { ltr: true, placeholder: 'YYYY-MM-DD' })}
        {text('consentNote', 'form.consentNote')}
      </fieldset>
      {text('warning', 'field.warning', { hint: t('form.warningHint') })}
      <Field label={t('field.body')}>
        {(props) => (
          <textarea
            {...props}
            className="body-input"
            dir="auto"
            lang={draft.lang || undefined}
            rows={14}
            value={draft.body}
            onChange={(e) => set('body')(e.target.value)}
          />
        )}
      </Field>
      <div className="identifying-block">
        <Field
          label={t('field.identifying')}
          badge={<span className="badge identifying">{t('record.identifying')}</span>}
          hint={t('form.identifyingHint')}
        >
          {(props) => (
            <textarea
              {...props}
              dir="auto"
              rows={3}
              value={draft.identifying}
              onChange={(e) => set('identifying')(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label={t('field.notes')}>
        {(props) => (
          <textarea
            {...props}
            dir="auto"
            rows={4}
            value={draft.notes}
            onChange={(e) => set('notes')(e.target.value)}
          />
        )}
      </Field>
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
