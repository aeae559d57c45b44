import { useEffect, useRef } from 'react';
import { knownLanguage } from '../../../shared/vocabulary/concept';
import { useI18n } from '../i18n/I18n';
import { Field } from '../ui/Field';
import { LanguageCombobox } from '../ui/LanguageCombobox';
import type { LanguageDraft } from './concept-draft';

/**
 * The lang attribute for names typed in this language: only a language the platform knows
 * (the core's rule), so a tag still being typed ("xx") never becomes an invalid lang.
 */
const langAttribute = (tag: string) => knownLanguage(tag.trim()) ?? undefined;

/** One language of a concept: the language, its preferred name, other names and scope note. */
export function LanguageNames({
  row,
  onChange,
  onRemove,
  error,
  focusOnMount = false,
}: {
  row: LanguageDraft;
  /** A language just added: focus goes to its language field. */
  focusOnMount?: boolean;
  onChange: (patch: Partial<LanguageDraft>) => void;
  /** Null when this is the concept's only language. */
  onRemove: (() => void) | null;
  /** The refusal of the last save, when it was about this language. */
  error?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const lang = langAttribute(row.lang);
  const box = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    if (focusOnMount) box.current?.querySelector('input')?.focus();
  }, [focusOnMount]);
  return (
    <fieldset ref={box} className="concept-language">
      <legend>
        {lang
          ? t('vocabulary.languageGroup', { lang: i18n.languageName(lang) })
          : t('vocabulary.languageNew')}
      </legend>
      <div className="form-row">
        <LanguageCombobox
          label={t('vocabulary.lang')}
          value={row.lang}
          onChange={(value) => onChange({ lang: value })}
          error={error}
        />
        <Field label={t('vocabulary.pref')}>
          {(props) => (
            <input
              {...props}
              type="text"
              dir="auto"
              lang={lang}
              maxLength={100}
              value={row.pref}
              onChange={(e) => onChange({ pref: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field label={t('vocabulary.alt')} hint={t('vocabulary.altHint')}>
        {(props) => (
          <textarea
            {...props}
            dir="auto"
            lang={lang}
            rows={2}
            value={row.alt}
            onChange={(e) => onChange({ alt: e.target.value })}
          />
        )}
      </Field>
      <Field label={t('vocabulary.note')} hint={t('vocabulary.noteHint')}>
        {(props) => (
          <input
            {...props}
            type="text"
            dir="auto"
            lang={lang}
            value={row.note}
            onChange={(e) => onChange({ note: e.target.value })}
          />
        )}
      </Field>
      {onRemove && (
        <button type="button" className="link" onClick={onRemove}>
          {t('vocabulary.removeLanguage')}
        </button>
      )}
    </fieldset>
  );
}
