import { type FormEvent, useState } from 'react';
import { useNewRecoveryKey } from '../data/custody';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { useFocusOnMount } from '../ui/focus';
import { CurrentPassphraseField } from './CurrentPassphraseField';
import { SettingsScreen } from './SettingsScreen';

/** A new recovery key, shown once; the previous one stops working. */
export function NewRecoveryKeyView({ onClose }: { onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [current, setCurrent] = useState('');
  const make = useNewRecoveryKey();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!current) return;
    make.mutate(current, { onSuccess: () => setCurrent('') });
  };
  return (
    <SettingsScreen title={t('recovery.newKey')} onClose={onClose}>
      {make.data ? (
        <ShownKey recoveryKey={make.data.recoveryKey} onDone={onClose} />
      ) : (
        <form onSubmit={submit} aria-busy={make.isPending} className="narrow-form">
          <p>{t('recovery.newKeyIntro')}</p>
          <CurrentPassphraseField value={current} onChange={setCurrent} />
          <Alert>{make.error ? describeError(i18n, make.error) : ''}</Alert>
          <button type="submit" className="primary" disabled={make.isPending || !current}>
            {make.isPending ? t('recovery.making') : t('recovery.make')}
          </button>
        </form>
      )}
    </SettingsScreen>
  );
}

function ShownKey({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section aria-labelledby="new-key-title">
      <h2 id="new-key-title" ref={heading} tabIndex={-1}>
        {t('recovery.keyShown')}
      </h2>
      <p className="recovery-key" dir="ltr" translate="no" data-testid="new-recovery-key">
        {recoveryKey}
      </p>
      <Alert tone="info">{t('recovery.keyOnce')}</Alert>
      <button type="button" className="primary" onClick={onDone}>
        {t('recovery.done')}
      </button>
    </section>
  );
}
