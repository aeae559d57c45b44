import { useId } from 'react';
import { passphraseStrength } from '../../../shared/records/passphrase';
import { useI18n } from '../i18n/I18n';
import { Alert } from './Alert';
import { Field } from './Field';
import { StrengthMeter } from './StrengthMeter';

/** Whether a new passphrase, typed twice, may be used: strong enough, and the same both times. */
export function newPassphraseReady(passphrase: string, again: string): boolean {
  return passphraseStrength(passphrase).acceptable && passphrase === again;
}

/**
 * A new passphrase typed twice, with the strength meter under the first field and a warning
 * when the second differs (first run, and changing the passphrase in the settings).
 */
export function NewPassphraseFields({
  label,
  passphrase,
  again,
  onPassphrase,
  onAgain,
  autoFocus = false,
}: {
  label: string;
  passphrase: string;
  again: string;
  onPassphrase: (value: string) => void;
  onAgain: (value: string) => void;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  const meterId = useId();
  const mismatch = again.length > 0 && again !== passphrase;
  return (
    <>
      <Field label={label} hint={t('create.passphraseHint')}>
        {(props) => (
          <input
            {...props}
            aria-describedby={`${props['aria-describedby']} ${meterId}`}
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(e) => onPassphrase(e.target.value)}
            autoFocus={autoFocus}
          />
        )}
      </Field>
      <StrengthMeter passphrase={passphrase} id={meterId} />
      <Field label={t('create.passphraseAgain')}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={again}
            aria-invalid={mismatch}
            onChange={(e) => onAgain(e.target.value)}
          />
        )}
      </Field>
      {mismatch && <Alert>{t('create.mismatch')}</Alert>}
    </>
  );
}
