import { useState } from 'react';
import { call } from '../api/client';
import { usePartnerAction, usePartners } from '../data/partners';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { useFocusOnMount } from '../ui/focus';
import { AddPartner } from './AddPartner';
import { IdentityCard } from './IdentityCard';
import { PartnersTable } from './PartnersTable';
import { ReceiveBundle } from './ReceiveBundle';
import { VerifyPartner } from './VerifyPartner';

/**
 * Partners: this vault's identity to give out, the partners whose identities were received,
 * and verification, which is a person comparing fingerprints by phone or in person.
 */
export function PartnersView() {
  const i18n = useI18n();
  const { t } = i18n;
  const partners = usePartners();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [verifying, setVerifying] = useState<string | null>(null);
  const action = usePartnerAction((work: () => Promise<unknown>) => work());

  const act = (work: () => Promise<unknown>, done?: string) => {
    setError('');
    setNotice('');
    action.mutate(work, {
      onSuccess: () => done && setNotice(done),
      onError: (caught) => setError(describeError(i18n, caught)),
    });
  };

  const list = partners.data ?? null;
  const verifyTarget = list?.find((p) => p.name === verifying) ?? null;
  const shownError = error || (partners.error ? describeError(i18n, partners.error) : '');
  return (
    <div className="sharing">
      <h1 ref={heading} tabIndex={-1}>
        {t('nav.sharing')}
      </h1>
      <IdentityCard
        onCopy={() => act(() => call('sharing.copyIdentity', {}), t('sharing.copied'))}
      />
      <Alert>{shownError}</Alert>
      <Alert tone="info">{notice}</Alert>
      <section aria-labelledby="partners-title">
        <h2 id="partners-title">{t('sharing.partnersTitle')}</h2>
        {list && list.length === 0 && <p className="muted">{t('sharing.noPartners')}</p>}
        {list && list.length > 0 && (
          <PartnersTable
            partners={list}
            onVerify={setVerifying}
            onRemove={(name) => act(() => call('partners.remove', { name }))}
          />
        )}
        {verifyTarget && (
          <VerifyPartner
            partner={verifyTarget}
            onCancel={() => setVerifying(null)}
            onVerified={() => {
              setVerifying(null);
              act(
                () => call('partners.verify', { name: verifyTarget.name }),
                t('sharing.nowVerified'),
              );
            }}
          />
        )}
        {/* Once added, the partner is verified at once if the person can compare now. */}
        <AddPartner
          onAdded={(name) => {
            setError('');
            setNotice('');
            setVerifying(name);
          }}
        />
      </section>
      <ReceiveBundle />
    </div>
  );
}
