import type { ReactNode } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import {
  CONSENT_SCOPES,
  CONSENT_STATUSES,
  type ConsentScope,
  type ConsentStatus,
} from '../../../shared/records/types';
import { useI18n } from '../i18n/I18n';
import { DateInput } from '../ui/DateInput';
import { Field } from '../ui/Field';
import { LanguageCombobox } from '../ui/LanguageCombobox';
import { type Draft, type FieldErrors } from './draft';

/** The tag as a lang attribute, only when it is a well-formed BCP-47 tag (else none). */
function validLang(tag: string): string | undefined {
  try {
    return tag.trim() ? Intl.getCanonicalLocales(tag.trim())[0] : undefined;
  } catch {
    return undefined;
  }
}

export type SetDraft = <K extends keyof Draft>(key: K, value: Draft[K]) => void;

export interface DraftProps {
  draft: Draft;
  set: SetDraft;
  /** The controls the last save refused, with their messages. */
  errors: FieldErrors;
}

type TextKey = { [K in keyof Draft]: Draft[K] extends string ? K : never }[keyof Draft];

/** A one-line text field of the draft. */
export function TextInput({
  draft,
  set,
  errors,
  name,
  label,
  hint,
  required,
  ltr,
  placeholder,
  badge,
  autoFocus,
}: DraftProps & {
  name: TextKey;
  label: MessageKey;
  hint?: string;
  autoFocus?: boolean;
  required?: boolean;
  ltr?: boolean;
  placeholder?: string;
  badge?: ReactNode;
}) {
  const { t } = useI18n();
  const error = errors[name];
  return (
    <Field label={t(label)} hint={hint} badge={badge} error={error && t(error)}>
      {(props) => (
        <input
          {...props}
          type="text"
          dir={ltr ? 'ltr' : 'auto'}
          required={required}
          autoFocus={autoFocus}
          placeholder={placeholder}
          value={draft[name]}
          onChange={(e) => set(name, e.target.value)}
        />
      )}
    </Field>
  );
}

function selectedText(area: HTMLTextAreaElement): string {
  return area.value.slice(area.selectionStart, area.selectionEnd);
}

/** A multi-line text field of the draft. */
export function TextArea({
  draft,
  set,
  errors,
  name,
  label,
  hint,
  rows,
  badge,
  className,
  onSelectText,
}: DraftProps & {
  name: TextKey;
  label: MessageKey;
  hint?: string;
  rows: number;
  badge?: ReactNode;
  className?: string;
  /** Told the selected text whenever the selection in the field changes. */
  onSelectText?: (selected: string) => void;
}) {
  const { t } = useI18n();
  const error = errors[name];
  return (
    <Field label={t(label)} hint={hint} badge={badge} error={error && t(error)}>
      {(props) => (
        <textarea
          {...props}
          className={className}
          dir="auto"
          lang={name === 'body' ? validLang(draft.lang) : undefined}
          rows={rows}
          value={draft[name]}
          onChange={(e) => set(name, e.target.value)}
          onSelect={(e) => onSelectText?.(selectedText(e.currentTarget))}
          // A selection set by a program (an assistive tool, a test) fires only the native event.
          ref={(el) => {
            if (el && onSelectText) el.onselect = () => onSelectText(selectedText(el));
          }}
        />
      )}
    </Field>
  );
}

export function LangInput({ draft, set, errors }: DraftProps) {
  const { t } = useI18n();
  return (
    <LanguageCombobox
      label={t('field.lang')}
      value={draft.lang}
      onChange={(code) => set('lang', code)}
      error={errors.lang && t(errors.lang)}
    />
  );
}

export function ConsentFields({ draft, set, errors }: DraftProps) {
  const { t } = useI18n();
  return (
    <fieldset className="form-row consent-fields">
      <legend>{t('field.consent')}</legend>
      <Field label={t('form.consentStatus')}>
        {(props) => (
          <select
            {...props}
            value={draft.consentStatus}
            onChange={(e) => set('consentStatus', e.target.value as ConsentStatus)}
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
            onChange={(e) => set('consentScope', e.target.value as ConsentScope)}
          >
            {CONSENT_SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`scope.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateInput
        label={t('form.consentDate')}
        value={draft.consentDate}
        onChange={(value) => set('consentDate', value)}
        error={errors.consentDate && t(errors.consentDate)}
      />
      <TextInput
        draft={draft}
        set={set}
        errors={errors}
        name="consentNote"
        label="form.consentNote"
      />
    </fieldset>
  );
}
