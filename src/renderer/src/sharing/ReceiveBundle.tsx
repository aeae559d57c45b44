import { useEffect, useRef, useState } from 'react';
import { useOpenBundle, useReceiveBundle } from '../data/partners';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { BundleReportView } from './BundleReportView';
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
  const opening = useOpenBundle();
  const receiving = useReceiveBundle();
  const busy = opening.isPending || receiving.isPending;
  const progress = useBundleProgress(busy);
  const [dismissed, setDismissed] = useState(false);
  const reportRef = useRef<HTMLDivElement>(null);
  const opened = !dismissed && !receiving.isSuccess ? (opening.data ?? null) : null;
  useEffect(() => {
    // The report opens below the button: bring it into view.
    if (opened) reportRef.current?.scrollIntoView({ block: 'nearest' });
  }, [opened]);

  const open = () => {
    receiving.reset();
    setDismissed(false);
    opening.mutate();
  };
  const accept = () => {
    if (!opened?.report.recipient) return;
    const unknown = opened.report.from === null;
    receiving.mutate({
      ticket: opened.ticket,
      ...(unknown ? { acceptUnknownSender: opened.report.fingerprint } : {}),
    });
  };

  const report = opened?.report;
  const error = opening.error ?? receiving.error;
  const result = receiving.data;
  return (
    <section aria-labelledby="receive-title">
      <h2 id="receive-title">{t('sharing.receiveTitle')}</h2>
      <p>{t('sharing.receiveExplain')}</p>
      <button type="button" onClick={open} disabled={busy}>
        {t('sharing.openBundle')}
      </button>
      <BundleProgressBar progress={busy ? progress : null} />
      <Alert>{error ? describeError(i18n, error) : ''}</Alert>
      {report && !report.recipient && (
        <Alert>{t('sharing.notForUs', { size: i18n.bytes(report.size) })}</Alert>
      )}
      {report && report.recipient && (
        <BundleReportView
          ref={reportRef}
          report={report}
          busy={busy}
          onAccept={accept}
          onCancel={() => setDismissed(true)}
        />
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
