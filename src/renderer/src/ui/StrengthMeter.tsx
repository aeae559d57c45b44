import { passphraseStrength } from '../../../shared/records/passphrase';
import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n/I18n';

const LABELS: MessageKey[] = ['strength.0', 'strength.1', 'strength.2', 'strength.3', 'strength.4'];

/** The passphrase strength, as a bar and in words (the bar alone says nothing to a screen reader). */
export function StrengthMeter({ passphrase, id }: { passphrase: string; id: string }) {
  const { t } = useI18n();
  const strength = passphraseStrength(passphrase);
  return (
    <div className="strength" id={id}>
      <meter
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={strength.score}
        aria-hidden="true"
      />
      <span
        className={`strength-label strength-${strength.score}${passphrase ? '' : ' strength-empty'}`}
        aria-live="polite"
      >
        {passphrase ? t(LABELS[strength.score]!) : t('strength.empty')}
      </span>
    </div>
  );
}
