import { useEffect, useRef, useState } from 'react';
import { type TestimonyRecord, emptyFields } from '../../../shared/records/types';
import { useI18n } from '../i18n/I18n';
import { DateInput } from '../ui/DateInput';
import { onEscape } from '../ui/focus';
import { useDirty, useUnsavedGuard } from '../ui/UnsavedGuard';
import { type Draft, draftOf } from './draft';
import { ConsentFields, LangInput, type SetDraft, TextArea, TextInput } from './form-fields';
import { TagsInput } from './TagsInput';
import { MarkSelection } from './MarkSelection';
import { useRecordSave } from './useRecordSave';

/**
 * A new record's form, or an existing one's (each save is a new revision). The fields scroll
 * above the Save bar, never under it, so the bar cannot cover the field being typed in.
 */
export function RecordForm({
  record,
  onSaved,
  onCancel,
  focusConsent = false,
}: {
  record: TestimonyRecord | null;
  onSaved: (record: TestimonyRecord) => void;
  onCancel: () => void;
  /** Opened from the export review to check a refused testimony's consent: focus goes there. */
  focusConsent?: boolean;
}) {
  const { t } = useI18n();
  const [initial] = useState<Draft>(() => draftOf(record ?? emptyFields()));
  const [draft, setDraft] = useState<Draft>(initial);
  const { guard } = useUnsavedGuard();
  useDirty(JSON.stringify(draft) !== JSON.stringify(initial));
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLParagraphElement>(null);
  const save = useRecordSave(record, draft, onSaved, formRef, summaryRef);
  const set: SetDraft = (key, value) => {
    save.edited(key);
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const props = { draft, set, errors: save.errors };
  const [selected, setSelected] = useState('');
  useEffect(() => {
    if (!focusConsent) return;
    const consent = formRef.current?.querySelector<HTMLElement>('.consent-fields select');
    consent?.focus();
    consent?.scrollIntoView({ block: 'center' });
  }, [focusConsent]);
  const identifying = <span className="badge identifying">{t('record.identifying')}</span>;

  return (
    <form
      ref={formRef}
      className="record-form"
      onSubmit={save.submit}
      aria-busy={save.busy}
      aria-labelledby="form-title"
      noValidate
      onKeyDown={onEscape(() => guard(onCancel))}
    >
      <div className="form-scroll">
        <h2 id="form-title">{record ? t('form.editTitle') : t('form.newTitle')}</h2>
        <TextInput {...props} name="title" label="field.title" required autoFocus={!focusConsent} />
        <div className="form-row">
          <LangInput {...props} />
          <DateInput
            label={t('field.date')}
            value={props.draft.date}
            onChange={(value) => props.set('date', value)}
            error={props.errors.date && t(props.errors.date)}
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
        <TagsInput {...props} />
        <ConsentFields {...props} />
        <TextInput {...props} name="warning" label="field.warning" hint={t('form.warningHint')} />
        <TextArea
          {...props}
          name="body"
          label="field.body"
          rows={14}
          className="body-input"
          onSelectText={setSelected}
        />
        <MarkSelection draft={draft} selected={selected} set={set} />
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
      </div>
      <div className="form-footer">
        {save.message && (
          <p ref={summaryRef} className="alert alert-error" role="alert" tabIndex={-1}>
            {save.message}
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => guard(onCancel)} disabled={save.busy}>
            {t('form.cancel')}
          </button>
          <button type="submit" className="primary" disabled={save.busy}>
            {save.busy ? t('form.saving') : t('form.save')}
          </button>
        </div>
      </div>
    </form>
  );
}
