import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { IdentityView, PartnerView } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { ConfirmButton } from '../ui/ConfirmButton';
import { describeError } from '../ui/errors';
import { Field } from '../ui/Field';
import { ReceiveBundle } from './ReceiveBundle';

/**
 * Partners: this vault's identity to give out, the partners whose identities were received,
 * and verification, which is a person comparing fingerprints by phone or in person.
 */
export function PartnersView() {
  const i18n = useI18n();
  const { t } = i18n;
  const [identity, setIdentity] = useState<IdentityView | null>(null);
  const [partners, setPartners] = useState<PartnerView[] | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [verifying, setVerifying] = useState<string | null>(null);

  const reload = useCallback(async () => setPartners(await call('partners.list', {})), []);
  useEffect(() => {
    Promise.all([call('sharing.identity', {}), call('partners.list', {})])
      .then(([id, list]) => {
        setIdentity(id);
        setPartners(list);
      })
      .catch((caught) => setError(describeError(i18n, caught)));
  }, [i18n]);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    setError('');
    setNotice('');
    try {
      await work();
      await reload();
      if (done) setNotice(done);
    } catch (caught) {
      setError(describeError(i18n, caught));
    }
  };

  const verifyTarget = partners?.find((p) => p.name === verifying) ?? null;
  return (
    <div className="sharing">
      <h2>{t('nav.sharing')}</h2>
      <section aria-labelledby="identity-title">
        <h3 id="identity-title">{t('sharing.identityTitle')}</h3>
        <p>{t('sharing.identityExplain')}</p>
        {identity && (
          <>
            <p className="fingerprint-line">
              <span>{t('sharing.fingerprint')}</span>{' '}
              <strong className="fingerprint" dir="ltr" data-testid="own-fingerprint">
                {identity.fingerprint}
              </strong>
            </p>
            <textarea
              className="identity-text mono"
              dir="ltr"
              readOnly
              rows={3}
              aria-label={t('sharing.identityLabel')}
              value={identity.identity}
              data-testid="own-identity"
            />
            <button
              type="button"
              onClick={() => void act(() => call('sharing.copyIdentity', {}), t('sharing.copied'))}
            >
              {t('sharing.copy')}
            </button>
          </>
        )}
      </section>

      <Alert>{error}</Alert>
      <Alert tone="info">{notice}</Alert>

      <section aria-labelledby="partners-title">
        <h3 id="partners-title">{t('sharing.partnersTitle')}</h3>
        {partners && partners.length === 0 && <p className="muted">{t('sharing.noPartners')}</p>}
        {partners && partners.length > 0 && (
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
                      <button type="button" onClick={() => setVerifying(p.name)}>
                        {t('sharing.verify')}
                      </button>
                    )}
                    <ConfirmButton
                      label={t('sharing.remove')}
                      confirmLabel={t('sharing.removeConfirm')}
                      onConfirm={() => void act(() => call('partners.remove', { name: p.name }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {verifyTarget && (
          <VerifyPartner
            partner={verifyTarget}
            onCancel={() => setVerifying(null)}
            onVerified={() => {
              setVerifying(null);
              void act(
                () => call('partners.verify', { name: verifyTarget.name }),
                t('sharing.nowVerified'),
              );
            }}
          />
        )}
        {/* Once added, the partner is verified at once if the person can compare now. */}
        <AddPartner
          onAdded={(name) => void act(async () => undefined).then(() => setVerifying(name))}
        />
      </section>

      <ReceiveBundle />
    </div>
  );
}

function VerifyPartner({
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
    <div className="verify-box" role="group" aria-labelledby="verify-title">
      <h4 id="verify-title">{t('sharing.verifyTitle', { name: partner.name })}</h4>
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

function AddPartner({ onAdded }: { onAdded: (name: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [identity, setIdentity] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      const added = await call('partners.add', { name: name.trim(), identity: identity.trim() });
      setName('');
      setIdentity('');
      onAdded(added.name);
    } catch (caught) {
      setError(describeError(i18n, caught));
    }
  };
  return (
    <form className="add-partner narrow-form" onSubmit={submit} aria-labelledby="add-partner-title">
      <h4 id="add-partner-title">{t('sharing.addTitle')}</h4>
      <Field label={t('sharing.partnerName')}>
        {(props) => (
          <input
            {...props}
            dir="auto"
            required
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <Field label={t('sharing.partnerIdentity')} hint={t('sharing.partnerIdentityHint')}>
        {(props) => (
          <textarea
            {...props}
            className="mono"
            dir="ltr"
            rows={3}
            required
            value={identity}
            onChange={(e) => setIdentity(e.target.value)}
          />
        )}
      </Field>
      <Alert>{error}</Alert>
      <button type="submit">{t('sharing.add')}</button>
    </form>
  );
}
