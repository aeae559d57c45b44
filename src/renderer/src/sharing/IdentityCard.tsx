import { useIdentity } from '../data/partners';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';

/** This vault's identity, to give to partners, and its fingerprint to compare. */
export function IdentityCard({ onCopy }: { onCopy: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const identity = useIdentity();
  return (
    <section aria-labelledby="identity-title">
      <h2 id="identity-title">{t('sharing.identityTitle')}</h2>
      <p>{t('sharing.identityExplain')}</p>
      {identity.data && (
        <>
          <p className="fingerprint-line">
            <span>{t('sharing.fingerprint')}</span>{' '}
            <strong className="fingerprint" dir="ltr" data-testid="own-fingerprint">
              {identity.data.fingerprint}
            </strong>
          </p>
          <textarea
            className="identity-text mono"
            dir="ltr"
            readOnly
            rows={3}
            aria-label={t('sharing.identityLabel')}
            value={identity.data.identity}
            data-testid="own-identity"
          />
          <button type="button" onClick={onCopy}>
            {t('sharing.copy')}
          </button>
        </>
      )}
      <Alert>{identity.error ? describeError(i18n, identity.error) : ''}</Alert>
    </section>
  );
}
