import { useState } from 'react';
import { useCustodyLog } from '../data/custody';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { Field } from '../ui/Field';
import { CustodyLogList } from './CustodyLogList';
import { SettingsScreen } from './SettingsScreen';

const ID = /^[0-9a-f]{32}$/;

/** The vault's custody log, oldest first, or one record's entries. */
export function CustodyLogView({ onClose }: { onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [filter, setFilter] = useState('');
  const wanted = filter.trim().toLowerCase();
  const invalid = wanted !== '' && !ID.test(wanted);
  const log = useCustodyLog(ID.test(wanted) ? wanted : null);
  const entries = log.data ?? [];
  return (
    <SettingsScreen title={t('log.title')} onClose={onClose}>
      <p>{t('log.intro')}</p>
      <Field label={t('log.filter')} error={invalid ? t('log.filterInvalid') : undefined}>
        {(props) => (
          <input
            {...props}
            type="search"
            className="mono"
            dir="ltr"
            spellCheck={false}
            autoComplete="off"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        )}
      </Field>
      <Alert>{log.error ? describeError(i18n, log.error) : ''}</Alert>
      <p role="status">{t('log.count', { count: i18n.number(entries.length) })}</p>
      <CustodyLogList entries={entries} />
    </SettingsScreen>
  );
}
