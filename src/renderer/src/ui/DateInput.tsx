import { isPartialDate } from '../../../shared/records/dates';
import { useI18n } from '../i18n/I18n';
import { Field, type TextControlProps } from './Field';

/**
 * The one date control of the app (record form, consent, filters): typed as YYYY, YYYY-MM or
 * YYYY-MM-DD, so a year or a month alone stays possible (a browser date picker cannot hold
 * those), and read back in the locale's words under it ("noviembre de 2024", Moroccan Arabic
 * "نونبر 2024"), so a slip of a digit is seen before saving.
 */
export function DateInput({ label, value, onChange, error }: TextControlProps) {
  const i18n = useI18n();
  const typed = value.trim();
  const hint =
    typed && isPartialDate(typed)
      ? i18n.t('date.reads', { date: i18n.partialDate(typed) })
      : i18n.t('form.dateHint');
  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => (
        <input
          {...props}
          type="text"
          dir="ltr"
          inputMode="numeric"
          autoComplete="off"
          placeholder="YYYY-MM-DD"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
