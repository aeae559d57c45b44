import { type Ref, useState } from 'react';
import type { BundleReport } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';

/** What an opened (and fully verified) bundle holds and who sent it, before accepting it. */
export function BundleReportView({
  ref,
  report,
  busy,
  onAccept,
  onCancel,
}: {
  ref: Ref<HTMLDivElement>;
  report: Extract<BundleReport, { recipient: true }>;
  busy: boolean;
  onAccept: () => void;
  onCancel: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [compared, setCompared] = useState(false);
  return (
    <div className="bundle-report" data-testid="bundle-report" ref={ref}>
      <p className="ok-line">{t('sharing.verifiedAll')}</p>
      <dl className="meta-grid">
        <dt>{t('sharing.from')}</dt>
        <dd>
          {report.from === null ? (
            <span className="badge warn">{t('sharing.unknownSender')}</span>
          ) : (
            <>
              <span dir="auto">{report.from}</span>{' '}
              {!report.partnerVerified && (
                <span className="badge warn">{t('sharing.notVerified')}</span>
              )}
            </>
          )}
        </dd>
        <dt>{t('sharing.fingerprint')}</dt>
        <dd className="fingerprint" dir="ltr">
          {report.fingerprint}
        </dd>
        <dt>{t('sharing.sentOn')}</dt>
        <dd>{i18n.dateTime(report.createdAt)}</dd>
        <dt>{t('sharing.contents')}</dt>
        <dd>
          {t('sharing.contentsCounts', {
            records: i18n.number(report.records),
            attachments: i18n.number(report.attachments),
          })}
        </dd>
        <dt>{t('sharing.identities')}</dt>
        <dd>
          {report.redacted ? t('sharing.identitiesRedacted') : t('sharing.identitiesIncluded')}
        </dd>
      </dl>
      {report.alreadyReceived && <Alert tone="info">{t('sharing.alreadyReceived')}</Alert>}
      {report.from === null && (
        <label className="check">
          <input
            type="checkbox"
            checked={compared}
            onChange={(e) => setCompared(e.target.checked)}
          />
          {t('sharing.comparedUnknown', { fingerprint: report.fingerprint })}
        </label>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={busy || (report.from === null && !compared)}
          onClick={onAccept}
        >
          {t('sharing.accept')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('form.cancel')}
        </button>
      </div>
    </div>
  );
}
