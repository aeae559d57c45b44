import { type FormEvent, useState } from 'react';
import { useSplitRecovery } from '../data/custody';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { Field } from '../ui/Field';
import { CurrentPassphraseField } from './CurrentPassphraseField';
import { SettingsScreen } from './SettingsScreen';
import { ShareScreen } from './ShareScreen';

/** Splits the way back into N shares, any K of which unlock; then one screen per share. */
export function SplitSharesView({ onClose }: { onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [current, setCurrent] = useState('');
  const [count, setCount] = useState('3');
  const [threshold, setThreshold] = useState('2');
  const [shown, setShown] = useState(0);
  const split = useSplitRecovery();
  const n = Number(count);
  const k = Number(threshold);
  const valid =
    Number.isInteger(n) && Number.isInteger(k) && n >= 2 && n <= 255 && k >= 2 && k <= n;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!current || !valid) return;
    split.mutate({ current, shares: n, threshold: k }, { onSuccess: () => setCurrent('') });
  };

  if (split.data) {
    const { shares } = split.data;
    return (
      <ShareScreen
        key={shown}
        share={shares[shown]!}
        index={shown}
        count={shares.length}
        threshold={split.data.threshold}
        onNext={() => (shown + 1 < shares.length ? setShown(shown + 1) : onClose())}
        onClose={onClose}
      />
    );
  }
  const number = (label: string, value: string, set: (v: string) => void, invalid: boolean) => (
    <Field label={label} error={invalid ? t('recovery.thresholdError') : undefined}>
      {(props) => (
        <input
          {...props}
          type="number"
          min={2}
          max={255}
          required
          value={value}
          onChange={(e) => set(e.target.value)}
        />
      )}
    </Field>
  );
  return (
    <SettingsScreen title={t('recovery.split')} onClose={onClose}>
      <form onSubmit={submit} aria-busy={split.isPending} className="narrow-form">
        <p>{t('recovery.splitIntro')}</p>
        {number(t('recovery.count'), count, setCount, false)}
        {number(t('recovery.threshold'), threshold, setThreshold, !valid)}
        <CurrentPassphraseField value={current} onChange={setCurrent} />
        <Alert>{split.error ? describeError(i18n, split.error) : ''}</Alert>
        <button type="submit" className="primary" disabled={split.isPending || !current || !valid}>
          {split.isPending ? t('recovery.making') : t('recovery.makeShares')}
        </button>
      </form>
    </SettingsScreen>
  );
}
