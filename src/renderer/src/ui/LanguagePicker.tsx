import { useId } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, type Language, isLanguage } from '../../../shared/i18n';
import { useI18n } from '../i18n/I18n';

export function LanguagePicker({
  onChange,
  labelledBy,
}: {
  onChange: (language: Language) => void;
  /** A visible heading that already names the control (the settings page). */
  labelledBy?: string;
}) {
  const { language, t } = useI18n();
  const id = useId();
  return (
    <div className="language-picker">
      {!labelledBy && <label htmlFor={id}>{t('settings.language')}</label>}
      <select
        id={id}
        aria-labelledby={labelledBy}
        value={language}
        onChange={(e) => isLanguage(e.target.value) && onChange(e.target.value)}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
