import { type FormEvent, useState } from 'react';
import type { Settings } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { useFocusOnMount } from '../ui/focus';
import { Field } from '../ui/Field';
import { LanguagePicker } from '../ui/LanguagePicker';
import { NewPassphraseFields, newPassphraseReady } from '../ui/NewPassphraseFields';

export function SettingsView({
  settings,
  onSettings,
}: {
  settings: Settings;
  onSettings: (settings: Settings) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [minutes, setMinutes] = useState(String(settings.autoLockMinutes));
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');

  const saveMinutes = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    setError('');
    try {
      onSettings(await call('settings.set', { autoLockMinutes: Number(minutes) }));
      setSaved(t('settings.saved'));
    } catch (caught) {
      setError(describeError(i18n, caught));
    }
  };

  return (
    <div className="settings">
      <h1 ref={heading} tabIndex={-1}>
        {t('nav.settings')}
      </h1>
      <section aria-labelledby="lock-settings">
        <h2 id="lock-settings">{t('settings.autoLock')}</h2>
        <form onSubmit={saveMinutes} className="inline-form">
          <Field label={t('settings.autoLockMinutes')} hint={t('settings.autoLockHint')}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={1}
                max={240}
                step={1}
                required
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
            )}
          </Field>
          <button type="submit">{t('settings.save')}</button>
        </form>
        <Alert tone="info">{saved}</Alert>
        <Alert>{error}</Alert>
      </section>
      <section aria-labelledby="language-settings">
        <h2 id="language-settings">{t('settings.language')}</h2>
        <LanguagePicker
          labelledBy="language-settings"
          onChange={(language) =>
            void call('settings.set', { language })
              .then(onSettings)
              .catch((caught) => setError(describeError(i18n, caught)))
          }
        />
      </section>
      <ChangePassphrase />
    </div>
  );
}

function ChangePassphrase() {
  const i18n = useI18n();
  const { t } = i18n;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState('');
  const ready = newPassphraseReady(next, again);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setDone(false);
    setError('');
    try {
      await call('vault.changePassphrase', { current, next });
      setCurrent('');
      setNext('');
      setAgain('');
      setDone(true);
    } catch (caught) {
      setError(describeError(i18n, caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="passphrase-settings">
      <h2 id="passphrase-settings">{t('settings.changePassphrase')}</h2>
      <form onSubmit={submit} aria-busy={busy} className="narrow-form">
        <Field label={t('settings.currentPassphrase')}>
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <NewPassphraseFields
          label={t('settings.newPassphrase')}
          passphrase={next}
          again={again}
          onPassphrase={setNext}
          onAgain={setAgain}
        />
        <Alert>{error}</Alert>
        {done && <Alert tone="info">{t('settings.passphraseChanged')}</Alert>}
        <button type="submit" className="primary" disabled={busy || !current || !ready}>
          {busy ? t('settings.changing') : t('settings.changePassphrase')}
        </button>
      </form>
    </section>
  );
}
