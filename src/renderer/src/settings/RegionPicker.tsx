import { useMemo } from 'react';
import type { Language } from '../../../shared/i18n';
import { formatLocale, useI18n } from '../i18n/I18n';
import { Field } from '../ui/Field';

/**
 * Regions whose conventions differ for the app's languages (month names, digits, date order).
 * Arabic month names are the clearest case: Morocco and Algeria write نونبر / نوفمبر, the Levant
 * تشرين الثاني, Egypt نوفمبر with Arabic-Indic digits.
 */
const REGIONS: Record<Language, readonly string[]> = {
  ar: ['MA', 'DZ', 'TN', 'LY', 'EG', 'SD', 'LB', 'SY', 'JO', 'PS', 'IQ', 'SA', 'YE', 'AE'],
  fr: ['FR', 'BE', 'CH', 'CA', 'MA', 'DZ', 'TN', 'SN', 'CI', 'ML', 'CM', 'CD'],
  es: ['ES', 'MX', 'GT', 'HN', 'SV', 'NI', 'CO', 'PE', 'CL', 'AR', 'BO', 'EC', 'VE'],
  en: ['US', 'GB', 'IN', 'PK', 'NG', 'GH', 'KE', 'UG', 'ZA', 'PH'],
};

/** A month and year shown as the locale writes them, so the choice can be seen. */
const SAMPLE = new Date(Date.UTC(2024, 10, 15, 12));

/** Settings: the region dates and numbers follow (its own component: Settings stays small). */
export function RegionPicker({
  region,
  onChange,
}: {
  region: string;
  onChange: (region: string) => void;
}) {
  const { language, t } = useI18n();
  const options = useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region', fallback: 'code' });
    const sample = (code: string) =>
      new Intl.DateTimeFormat(formatLocale(language, code), {
        year: 'numeric',
        month: 'long',
        timeZone: 'UTC',
      }).format(SAMPLE);
    const collator = new Intl.Collator(language);
    const list = [...REGIONS[language]];
    if (region && !list.includes(region)) list.push(region);
    return [
      { code: '', label: `${t('settings.regionDefault')} (${sample('')})` },
      ...list
        .map((code) => ({ code, label: `${names.of(code) ?? code} (${sample(code)})` }))
        .sort((a, b) => collator.compare(a.label, b.label)),
    ];
  }, [language, region, t]);
  return (
    <Field label={t('settings.region')} hint={t('settings.regionHint')}>
      {(props) => (
        <select {...props} value={region} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.code} value={o.code}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
