import { type FormEvent, useState } from 'react';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { CurrentPassphraseField } from './CurrentPassphraseField';
import { NewPassphraseFields, newPassphraseReady } from '../ui/NewPassphraseFields';

export function ChangePassphrase() {
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
        <CurrentPassphraseField value={current} onChange={setCurrent} />
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
