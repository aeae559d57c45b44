import type { ImportPreviewView } from '../../../shared/import/types';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { ImportStep, StepButtons } from './ImportStep';
import { MappingTable } from './MappingTable';
import { RejectedTable } from './RejectedTable';
import { SamplesTable } from './SamplesTable';

/** Step 2: the dry run on the first records (nothing written): mapping, samples, rejections. */
export function ImportPreviewStep({
  preview,
  onBack,
  onNext,
}: {
  preview: ImportPreviewView;
  onBack: () => void;
  onNext: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const n = (value: number) => i18n.number(value);
  return (
    <ImportStep step="preview" title="import.previewTitle">
      <p data-testid="import-preview-counts">
        {t('import.previewCounts', {
          read: n(preview.read),
          created: n(preview.created),
          updated: n(preview.updated),
          unchanged: n(preview.unchanged),
          rejected: n(preview.rejected.length),
        })}
      </p>
      <p className="muted">{t('import.previewLimit', { count: n(preview.limit) })}</p>
      <MappingTable preview={preview} />
      <SamplesTable samples={preview.samples} />
      <RejectedTable rejected={preview.rejected} />
      {preview.missingFiles > 0 && (
        <Alert tone="info">{t('import.missingFiles', { count: n(preview.missingFiles) })}</Alert>
      )}
      <StepButtons>
        <button type="button" onClick={onBack}>
          {t('import.back')}
        </button>
        <button type="button" className="primary" onClick={onNext}>
          {t('import.next')}
        </button>
      </StepButtons>
    </ImportStep>
  );
}
