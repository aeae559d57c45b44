import { type FormEvent, useState } from 'react';
import type { Language, MessageKey } from '../../../shared/i18n';
import type { LockReason, VaultStatus } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { Field } from '../ui/Field';
import { LanguagePicker } from '../ui/LanguagePicker';
import { shareError } from './unlock/share-error';
import { SharesFields } from './unlock/SharesFields';
import { type UnlockMode, UnlockModes } from './unlock/UnlockModes';

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
  const [mode, setMode] = useState<UnlockMode>('passphrase');
  const [secret, setSecret] = useState('');
  const [shares, setShares] = useState(['', '']);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [badShare, setBadShare] = useState<{ position: number; message: string } | null>(null);
  const given = shares.map((s) => s.trim()).filter(Boolean);
  const ready = mode === 'shares' ? given.length > 0 : secret !== '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError('');
    setBadShare(null);
    try {
      const status = await call(
        'vault.unlock',
        mode === 'passphrase'
          ? { passphrase: secret }
          : mode === 'recovery'
            ? { recoveryKey: secret }
            : { shares: given },
      );
      setSecret('');
      setShares(['', '']);
      onUnlocked(status);
    } catch (caught) {
      const bad = mode === 'shares' ? shareError(i18n, caught) : null;
      // Blank fields were left out: map the core's position back to the field on screen.
      const field = bad?.position ? nthFilled(shares, bad.position) : null;
      if (bad && field) setBadShare({ position: field, message: bad.message });
      else setError(bad ? bad.message : describeError(i18n, caught));
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
          <UnlockModes
            mode={mode}
            onMode={(m) => {
              setMode(m);
              setSecret('');
              setError('');
              setBadShare(null);
            }}
          />
          {mode === 'shares' ? (
            <SharesFields shares={shares} onShares={setShares} bad={badShare} />
          ) : (
            <SecretField mode={mode} value={secret} onChange={setSecret} />
          )}
          <Alert>{error}</Alert>
          <button type="submit" className="primary" disabled={busy || !ready}>
            {busy ? t('unlock.busy') : t('unlock.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}

/** The 1-based field holding the `n`th non-blank share. */
function nthFilled(shares: string[], n: number): number | null {
  let seen = 0;
  for (let i = 0; i < shares.length; i++) if (shares[i]!.trim() && ++seen === n) return i + 1;
  return null;
}

function SecretField({
  mode,
  value,
  onChange,
}: {
  mode: 'passphrase' | 'recovery';
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  const recovery = mode === 'recovery';
  return (
    <Field
      label={t(recovery ? 'unlock.enterRecoveryKey' : 'unlock.enterPassphrase')}
      hint={recovery ? t('unlock.recoveryHint') : undefined}
    >
      {(props) => (
        <input
          {...props}
          key={mode}
          type={recovery ? 'text' : 'password'}
          className={recovery ? 'mono' : undefined}
          dir={recovery ? 'ltr' : undefined}
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          autoFocus
        />
      )}
    </Field>
  );
}
