import { useState } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type { ExportPreviewView, RefusalReason } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { useFocusOnMount } from '../ui/focus';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { BundleProgressBar } from './ProgressBar';
import { ExportSamples } from './ExportSamples';
import { useBundleProgress } from './useProgress';

const REFUSALS: Record<RefusalReason, MessageKey> = {
  'consent-withdrawn': 'export.refused.withdrawn',
  'consent-unknown': 'export.refused.unknown',
  'archive-only': 'export.refused.archiveOnly',
};

/** The wizard's review: who receives, what is refused and why, what the partner will read. */
export function ExportReview({
  preview,
  busy,
  error,
  onBack,
  onWrite,
}: {
  preview: ExportPreviewView;
  busy: boolean;
  error: unknown;
  onBack: () => void;
  onWrite: (confirmed: boolean) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [confirmed, setConfirmed] = useState(false);
  const progress = useBundleProgress(busy);
  const blocked = preview.records === 0 || (preview.needsConfirmation && !confirmed);
  return (
    <section className="export" aria-labelledby="export-title" aria-busy={busy}>
      <h2 id="export-title" ref={heading} tabIndex={-1}>
        {t('export.reviewTitle')}
      </h2>
      <h3>{t('export.recipients')}</h3>
      <ul>
        {preview.recipients.map((r) => (
          <li key={r.name}>
            <span dir="auto">{r.name}</span>{' '}
            <span className="fingerprint" dir="ltr">
              {r.fingerprint}
            </span>{' '}
            {!r.verified && <span className="badge warn">{t('sharing.notVerified')}</span>}
          </li>
        ))}
      </ul>
      <p>
        {t('export.counts', {
          records: i18n.number(preview.records),
          attachments: i18n.number(preview.attachments),
        })}
      </p>
      {preview.refused.length > 0 && (
        <>
          <h3>{t('export.refusedTitle', { n: i18n.number(preview.refused.length) })}</h3>
          <ul className="refused" data-testid="refused">
            {preview.refused.map((r) => (
              <li key={r.id}>
                <span dir="auto">{r.title}</span> — {t(REFUSALS[r.reason])}
              </li>
            ))}
          </ul>
        </>
      )}
      <ExportSamples samples={preview.samples} />
      {preview.needsConfirmation && preview.records > 0 && (
        <label className="check">
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(e) => setConfirmed(e.target.checked)}
          />
          {t('export.confirm')}
        </label>
      )}
      <BundleProgressBar progress={busy ? progress : null} />
      <Alert>{error ? describeError(i18n, error) : ''}</Alert>
      <div className="actions">
        <button type="button" onClick={onBack} disabled={busy}>
          {t('export.back')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || blocked}
          onClick={() => onWrite(confirmed)}
        >
          {t('export.write')}
        </button>
      </div>
    </section>
  );
}
