import type { MessageKey } from '../../../../shared/i18n';
import { useI18n } from '../../i18n/I18n';

export type UnlockMode = 'passphrase' | 'recovery' | 'shares';

const LABELS: Record<UnlockMode, MessageKey> = {
  passphrase: 'unlock.passphrase',
  recovery: 'unlock.recoveryKey',
  shares: 'unlock.shares',
};

/** Passphrase, recovery key, or recovery shares ("I have recovery shares"). */
export function UnlockModes({
  mode,
  onMode,
}: {
  mode: UnlockMode;
  onMode: (mode: UnlockMode) => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="segmented">
      <legend>{t('unlock.with')}</legend>
      {(Object.keys(LABELS) as UnlockMode[]).map((m) => (
        <label key={m} className={mode === m ? 'selected' : ''}>
          <input
            type="radio"
            name="unlock-mode"
            value={m}
            checked={mode === m}
            onChange={() => onMode(m)}
          />
          {t(LABELS[m])}
        </label>
      ))}
    </fieldset>
  );
}
