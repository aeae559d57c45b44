import type { ImportSummaryView } from '../../../shared/import/types';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { ImportStep, StepButtons } from './ImportStep';
import { MissingFilesTable, RejectedTable } from './RejectedTable';

/** Step 6: what the import did: new, updated, unchanged, rejected, without consent, files. */
export function ImportSummaryStep({
  summary,
  onClose,
}: {
  summary: ImportSummaryView;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const n = (value: number) => i18n.number(value);
  return (
    <ImportStep step="summary" title="import.summaryTitle">
      <Alert tone="info">
        <span data-testid="import-summary">
          {t('import.summaryCounts', {
            created: n(summary.created),
            updated: n(summary.updated),
            unchanged: n(summary.unchanged),
            rejected: n(summary.rejected.length),
          })}
        </span>
      </Alert>
      {summary.withoutConsent > 0 && (
        <p data-testid="import-summary-consent">
          {t('import.summaryWithoutConsent', { count: n(summary.withoutConsent) })}
        </p>
      )}
      {summary.attached > 0 && <p>{t('import.summaryAttached', { count: n(summary.attached) })}</p>}
      <RejectedTable rejected={summary.rejected} />
      <MissingFilesTable problems={summary.missingFiles} />
      <StepButtons>
        <button type="button" className="primary" onClick={onClose}>
          {t('import.done')}
        </button>
      </StepButtons>
    </ImportStep>
  );
}
