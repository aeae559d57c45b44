import type { PartnerView } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { onEscape } from '../ui/focus';

/** Comparing a partner's fingerprint with them, by phone or in person. */
export function VerifyPartner({
  partner,
  onVerified,
  onCancel,
}: {
  partner: PartnerView;
  onVerified: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <div
      className="verify-box"
      role="group"
      aria-labelledby="verify-title"
      onKeyDown={onEscape(onCancel)}
    >
      <h3 id="verify-title">{t('sharing.verifyTitle', { name: partner.name })}</h3>
      <p>{t('sharing.verifyExplain', { name: partner.name })}</p>
      <p className="fingerprint big" dir="ltr">
        {partner.fingerprint}
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onVerified} autoFocus>
          {t('sharing.verifyMatch')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('sharing.verifyLater')}
        </button>
      </div>
    </div>
  );
}
