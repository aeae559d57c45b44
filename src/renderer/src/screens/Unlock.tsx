import { type FormEvent, useState } from 'react';
import type { Language, MessageKey } from '../../../shared/i18n';
import type { LockReason, VaultStatus } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { Field } from '../ui/Field';
import { LanguagePicker } from '../ui/LanguagePicker';

const REASONS: Record<LockReason, MessageKey> = {
  user: 'lock.reason.user',
  shortcut: 'lock.reason.shortcut',
  idle: 'lock.reason.idle',
  suspend: 'lock.reason.suspend',
  'lock-screen': 'lock.reason.lockScreen',
  quit: 'lock.reason.user',
};

export function Unlock({
  reason,
  draftDiscarded,
  onUnlocked,
  onLanguage,
}: {
  reason: LockReason | null;
  draftDiscarded: boolean;
  onUnlocked: (status: VaultStatus) => void;
  onLanguage: (language: Language) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!secret) return;
    setBusy(true);
    setError('');
    try {
      const status = await call(
        'vault.unlock',
        mode === 'passphrase' ? { passphrase: secret } : { recoveryKey: secret },
      );
      setSecret('');
      onUnlocked(status);
    } catch (caught) {
      setError(describeError(i18n, caught));
      setBusy(false);
    }
  };

  return (
    <main className="gate" aria-labelledby="gate-title">
      <div className="gate-card">
        <LanguagePicker onChange={onLanguage} />
        <h1 id="gate-title">{t('unlock.title')}</h1>
        {reason && <Alert tone="info">{t(REASONS[reason])}</Alert>}
        {draftDiscarded && <Alert tone="info">{t('lock.draftDiscarded')}</Alert>}
        <form onSubmit={submit} aria-busy={busy}>
          <fieldset className="segmented">
            <legend>{t('unlock.with')}</legend>
            {(['passphrase', 'recovery'] as const).map((m) => (
              <label key={m} className={mode === m ? 'selected' : ''}>
                <input
                  type="radio"
                  name="unlock-mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => {
                    setMode(m);
                    setSecret('');
                    setError('');
                  }}
                />
                {t(m === 'passphrase' ? 'unlock.passphrase' : 'unlock.recoveryKey')}
              </label>
            ))}
          </fieldset>
          <Field
            label={t(mode === 'passphrase' ? 'unlock.enterPassphrase' : 'unlock.enterRecoveryKey')}
            hint={mode === 'recovery' ? t('unlock.recoveryHint') : undefined}
          >
            {(props) => (
              <input
                {...props}
                key={mode}
                type={mode === 'passphrase' ? 'password' : 'text'}
                className={mode === 'recovery' ? 'mono' : undefined}
                dir={mode === 'recovery' ? 'ltr' : undefined}
                autoComplete="off"
                spellCheck={false}
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                autoFocus
              />
            )}
          </Field>
          <Alert>{error}</Alert>
          <button type="submit" className="primary" disabled={busy || !secret}>
            {busy ? t('unlock.busy') : t('unlock.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
