import { type FormEvent, useState } from 'react';
import { call } from '../api/client';
import { usePartnerAction } from '../data/partners';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { Field } from '../ui/Field';

/** Adding a partner from the identity text they sent. */
export function AddPartner({ onAdded }: { onAdded: (name: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [identity, setIdentity] = useState('');
  const add = usePartnerAction((input: { name: string; identity: string }) =>
    call('partners.add', input),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { name: name.trim(), identity: identity.trim() },
      {
        onSuccess: (added) => {
          setName('');
          setIdentity('');
          onAdded(added.name);
        },
      },
    );
  };
  return (
    <form className="add-partner narrow-form" onSubmit={submit} aria-labelledby="add-partner-title">
      <h3 id="add-partner-title">{t('sharing.addTitle')}</h3>
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
      <Alert>{add.error ? describeError(i18n, add.error) : ''}</Alert>
      <button type="submit">{t('sharing.add')}</button>
    </form>
  );
}
