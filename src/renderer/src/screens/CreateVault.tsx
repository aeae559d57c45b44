import { type FormEvent, useMemo, useState } from 'react';
import type { Language } from '../../../shared/i18n';
import type { VaultStatus } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { Field } from '../ui/Field';
import { LanguagePicker } from '../ui/LanguagePicker';
import { NewPassphraseFields, newPassphraseReady } from '../ui/NewPassphraseFields';

type Step =
  | { kind: 'passphrase' }
  | { kind: 'recovery'; key: string; status: VaultStatus }
  | { kind: 'confirm'; key: string; status: VaultStatus };

/** Two distinct group numbers (1-based) of the recovery key to type back. */
function pickGroups(count: number): [number, number] {
  const random = new Uint32Array(2);
  crypto.getRandomValues(random);
  const first = (random[0]! % count) + 1;
  let second = (random[1]! % (count - 1)) + 1;
  if (second >= first) second += 1;
  return first < second ? [first, second] : [second, first];
}

function groupsOf(key: string): string[] {
  return key.split('-').slice(1);
}

/**
 * First run: a passphrase (with a strength meter), then the recovery key, shown once, then
 * proof that it was written down (two of its groups typed back). The key lives in this
 * component's state only until the proof is given.
 */
export function CreateVault({
  onDone,
  onLanguage,
}: {
  onDone: (status: VaultStatus) => void;
  onLanguage: (language: Language) => void;
}) {
  const [step, setStep] = useState<Step>({ kind: 'passphrase' });
  const i18n = useI18n();
  return (
    <main className="gate" aria-labelledby="gate-title">
      <div className="gate-card">
        <LanguagePicker onChange={onLanguage} />
        <h1 id="gate-title">{i18n.t('create.title')}</h1>
        {step.kind === 'passphrase' && (
          <PassphraseStep onCreated={(key, status) => setStep({ kind: 'recovery', key, status })} />
        )}
        {step.kind === 'recovery' && (
          <RecoveryStep
            recoveryKey={step.key}
            onNext={() => setStep({ kind: 'confirm', key: step.key, status: step.status })}
          />
        )}
        {step.kind === 'confirm' && (
          <ConfirmStep
            recoveryKey={step.key}
            onBack={() => setStep({ kind: 'recovery', key: step.key, status: step.status })}
            onConfirmed={() => {
              const status = step.status;
              setStep({ kind: 'passphrase' });
              onDone(status);
            }}
          />
        )}
      </div>
    </main>
  );
}

function PassphraseStep({ onCreated }: { onCreated: (key: string, status: VaultStatus) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const ready = newPassphraseReady(passphrase, again);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError('');
    try {
      const { recoveryKey, status } = await call('vault.create', { passphrase });
      onCreated(recoveryKey, status);
    } catch (caught) {
      setError(describeError(i18n, caught));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} aria-busy={busy}>
      <p>{t('create.intro')}</p>
      <NewPassphraseFields
        label={t('create.passphrase')}
        passphrase={passphrase}
        again={again}
        onPassphrase={setPassphrase}
        onAgain={setAgain}
        autoFocus
      />
      <Alert>{error}</Alert>
      <button type="submit" className="primary" disabled={busy || !ready}>
        {busy ? t('create.creating') : t('create.submit')}
      </button>
    </form>
  );
}

function RecoveryStep({ recoveryKey, onNext }: { recoveryKey: string; onNext: () => void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="recovery-title">
      <h2 id="recovery-title">{t('recovery.title')}</h2>
      <p>{t('recovery.explain')}</p>
      <p className="recovery-key" dir="ltr" translate="no" data-testid="recovery-key">
        {recoveryKey}
      </p>
      <ul className="advice">
        <li>{t('recovery.offline')}</li>
        <li>{t('recovery.notHere')}</li>
        <li>{t('recovery.once')}</li>
      </ul>
      <button type="button" className="primary" onClick={onNext} autoFocus>
        {t('recovery.written')}
      </button>
    </section>
  );
}

function ConfirmStep({
  recoveryKey,
  onBack,
  onConfirmed,
}: {
  recoveryKey: string;
  onBack: () => void;
  onConfirmed: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const groups = groupsOf(recoveryKey);
  const asked = useMemo(() => pickGroups(groups.length), [groups.length]);
  const [answers, setAnswers] = useState(['', '']);
  const [wrong, setWrong] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ok = asked.every(
      (n, i) => answers[i]!.trim().toUpperCase() === groups[n - 1]!.toUpperCase(),
    );
    setWrong(!ok);
    if (ok) onConfirmed();
  };

  return (
    <form onSubmit={submit}>
      <h2>{t('confirm.title')}</h2>
      <p>{t('confirm.explain')}</p>
      {asked.map((n, i) => (
        <Field key={n} label={t('confirm.group', { n: i18n.number(n) })}>
          {(props) => (
            <input
              {...props}
              dir="ltr"
              className="mono"
              autoComplete="off"
              spellCheck={false}
              maxLength={4}
              value={answers[i]}
              autoFocus={i === 0}
              onChange={(e) => setAnswers((a) => a.map((v, j) => (j === i ? e.target.value : v)))}
            />
          )}
        </Field>
      ))}
      {wrong && <Alert>{t('confirm.wrong')}</Alert>}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('confirm.back')}
        </button>
        <button type="submit" className="primary">
          {t('confirm.submit')}
        </button>
      </div>
    </form>
  );
}
