import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/I18n';
import { Alert } from './Alert';
import { describeError } from './errors';
import { Field } from './Field';

/**
 * A number of minutes (1 to 240) saved with its own button, as the auto-lock delay and the team's
 * sync interval are: "Saved" or the refusal appears under it, and belongs to this form alone.
 */
export function MinutesForm({
  label,
  hint,
  minutes,
  save,
  className,
}: {
  label: string;
  hint: string;
  minutes: number;
  /** Stores the value; rejects with the error to show. */
  save: (minutes: number) => Promise<unknown>;
  className?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [value, setValue] = useState(String(minutes));
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    setError('');
    try {
      await save(Number(value));
      setSaved(t('settings.saved'));
    } catch (caught) {
      setError(describeError(i18n, caught));
    }
  };
  return (
    <>
      <form onSubmit={submit} className={className ? `inline-form ${className}` : 'inline-form'}>
        <Field label={label} hint={hint}>
          {(props) => (
            <input
              {...props}
              type="number"
              className="minutes"
              min={1}
              max={240}
              step={1}
              required
              value={value}
              onChange={(e) => setValue(e.target.value)}
            />
          )}
        </Field>
        <button type="submit">{t('settings.save')}</button>
      </form>
      <Alert tone="info">{saved}</Alert>
      <Alert>{error}</Alert>
    </>
  );
}
