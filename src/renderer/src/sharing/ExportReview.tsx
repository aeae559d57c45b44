import { useState } from 'react';
import type { ExportPreviewView } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { useFocusOnMount } from '../ui/focus';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { BundleProgressBar } from './ProgressBar';
import { ExportFiles } from './ExportFiles';
import { ExportRefused } from './ExportRefused';
import { ExportSamples } from './ExportSamples';
import { ExportWarnings } from './ExportWarnings';
import { useBundleProgress } from './useProgress';

/**
 * The wizard's review: who receives, what is refused and why (each refused testimony linked to
 * its consent fields), what the partner will read and exactly what redaction replaces, what it
 * does not cover, and every file that goes, each of which can be left out.
 */
export function ExportReview({
  preview,
  busy,
  error,
  leaveOut,
  onLeaveOut,
  keepMetadata,
  onKeepMetadata,
  onEditConsent,
  onBack,
  onWrite,
}: {
  preview: ExportPreviewView;
  busy: boolean;
  error: unknown;
  leaveOut: string[];
  onLeaveOut: (ids: string[]) => void;
  keepMetadata: boolean;
  onKeepMetadata: (keep: boolean) => void;
  onEditConsent: (id: string) => void;
  onBack: () => void;
  onWrite: (confirmed: boolean) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [confirmed, setConfirmed] = useState(false);
  const progress = useBundleProgress(busy);
  const nothing = preview.records === 0;
  const unconfirmed = preview.needsConfirmation && !confirmed;
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
          attachments: i18n.number(preview.attachments - leaveOut.length),
        })}
      </p>
      <ExportRefused refused={preview.refused} onEditConsent={onEditConsent} />
      <ExportWarnings warnings={preview.warnings} />
      <ExportSamples samples={preview.samples} />
      <ExportFiles
        groups={preview.files}
        leaveOut={leaveOut}
        onLeaveOut={onLeaveOut}
        keepMetadata={keepMetadata}
        onKeepMetadata={onKeepMetadata}
      />
      {preview.needsConfirmation && !nothing && (
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
      {(nothing || unconfirmed) && (
        <p id="write-why" className="write-why" data-testid="write-why">
          {nothing ? t('export.nothingToWrite') : t('export.confirmFirst')}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onBack} disabled={busy}>
          {t('export.back')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || nothing || unconfirmed}
          aria-describedby={nothing || unconfirmed ? 'write-why' : undefined}
          onClick={() => onWrite(confirmed)}
        >
          {t('export.write')}
        </button>
      </div>
    </section>
  );
}
