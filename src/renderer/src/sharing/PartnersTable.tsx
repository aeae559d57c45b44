import type { PartnerView } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { ConfirmButton } from '../ui/ConfirmButton';

/** The partners, their fingerprints, whether they were compared, and the actions on each. */
export function PartnersTable({
  partners,
  onVerify,
  onRemove,
}: {
  partners: PartnerView[];
  onVerify: (name: string) => void;
  onRemove: (name: string) => void;
}) {
  const { t } = useI18n();
  return (
    <table className="partners">
      <thead>
        <tr>
          <th scope="col">{t('sharing.partnerName')}</th>
          <th scope="col">{t('sharing.fingerprint')}</th>
          <th scope="col">{t('sharing.status')}</th>
          <th scope="col">
            <span className="visually-hidden">{t('sharing.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {partners.map((p) => (
          <tr key={p.name}>
            <th scope="row" dir="auto">
              {p.name}
            </th>
            <td>
              <span className="fingerprint" dir="ltr">
                {p.fingerprint}
              </span>
            </td>
            <td>
              {p.verified ? (
                <span className="badge ok">{t('sharing.verified')}</span>
              ) : (
                <span className="badge warn">{t('sharing.notVerified')}</span>
              )}
            </td>
            <td className="actions">
              {!p.verified && (
                <button type="button" onClick={() => onVerify(p.name)}>
                  {t('sharing.verify')}
                </button>
              )}
              <ConfirmButton
                label={t('sharing.remove')}
                confirmLabel={t('sharing.removeConfirm')}
                onConfirm={() => onRemove(p.name)}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
