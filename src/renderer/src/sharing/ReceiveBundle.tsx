import { useEffect, useRef, useState } from 'react';
import type { BundleReport, ReceiveResultView } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { BundleProgressBar } from './ProgressBar';
import { useBundleProgress } from './useProgress';

/**
 * Receiving a partner's bundle: open it (fully verified before anything is shown), see who sent
 * it and what it holds, then accept. A sender who is not a partner is accepted only after the
 * person confirms the fingerprint was compared with them.
 */
export function ReceiveBundle() {
  const i18n = useI18n();
  const { t } = i18n;
  const [opened, setOpened] = useState<{ ticket: string; report: BundleReport } | null>(null);
  const [busy, setBusy] = useState(false);
  const [compared, setCompared] = useState(false);
  const [result, setResult] = useState<ReceiveResultView | null>(null);
  const [error, setError] = useState('');
  const progress = useBundleProgress(busy);
  const reportRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The report opens below the button: bring it into view.
    if (opened) reportRef.current?.scrollIntoView({ block: 'nearest' });
  }, [opened]);

  const open = async () => {
    setError('');
    setResult(null);
    setCompared(false);
    setBusy(true);
    try {
      setOpened(await call('bundles.open', {}));
    } catch (caught) {
      setOpened(null);
      setError(describeError(i18n, caught));
    } finally {
      setBusy(false);
    }
  };

  const accept = async () => {
    if (!opened || !opened.report.recipient) return;
    setError('');
    setBusy(true);
    try {
      const unknown = opened.report.from === null;
      setResult(
        await call('bundles.receive', {
          ticket: opened.ticket,
          ...(unknown ? { acceptUnknownSender: opened.report.fingerprint } : {}),
        }),
      );
      setOpened(null);
    } catch (caught) {
      setError(describeError(i18n, caught));
    } finally {
      setBusy(false);
    }
  };

  const report = opened?.report;
  return (
    <section aria-labelledby="receive-title">
      <h3 id="receive-title">{t('sharing.receiveTitle')}</h3>
      <p>{t('sharing.receiveExplain')}</p>
      <button type="button" onClick={() => void open()} disabled={busy}>
        {t('sharing.openBundle')}
      </button>
      <BundleProgressBar progress={busy ? progress : null} />
      <Alert>{error}</Alert>
      {report && !report.recipient && (
        <Alert>{t('sharing.notForUs', { size: i18n.bytes(report.size) })}</Alert>
      )}
      {report && report.recipient && (
        <div className="bundle-report" data-testid="bundle-report" ref={reportRef}>
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
              onClick={() => void accept()}
            >
              {t('sharing.accept')}
            </button>
            <button type="button" onClick={() => setOpened(null)} disabled={busy}>
              {t('form.cancel')}
            </button>
          </div>
        </div>
      )}
      {result && (
        <Alert tone="info">
          {result.alreadyReceived
            ? t('sharing.alreadyReceived')
            : t('sharing.received', {
                from: result.from,
                records: i18n.number(result.records),
                attachments: i18n.number(result.attachments),
                duplicates: i18n.number(result.duplicates),
              })}
        </Alert>
      )}
    </section>
  );
}
