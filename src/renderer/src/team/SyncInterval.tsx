import { type FormEvent, useState } from 'react';
import type { Settings } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { Field } from '../ui/Field';

/** Minutes between two syncs while unlocked (an app preference, settings.teamSyncMinutes). */
export function SyncInterval({
  minutes,
  onSettings,
}: {
  minutes: number;
  onSettings: (settings: Settings) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [value, setValue] = useState(String(minutes));
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    setError('');
    try {
      onSettings(await call('settings.set', { teamSyncMinutes: Number(value) }));
      setSaved(t('settings.saved'));
    } catch (caught) {
      setError(describeError(i18n, caught));
    }
  };
  return (
    <>
      <form onSubmit={save} className="inline-form team-interval">
        <Field label={t('team.interval')} hint={t('team.intervalHint')}>
          {(props) => (
            <input
              {...props}
              type="number"
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
