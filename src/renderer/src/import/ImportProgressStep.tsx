import { useImportProgress } from '../data/imports';
import { useI18n } from '../i18n/I18n';
import { ImportStep, StepButtons } from './ImportStep';

/**
 * Step 5: records read and bytes of the file, as main reports them; cancel rolls the whole
 * import back (nothing imported or changed).
 */
export function ImportProgressStep({
  ticket,
  cancelling,
  onCancel,
}: {
  ticket: string;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const progress = useImportProgress(ticket, true);
  const known = progress && progress.bytesRead !== null && progress.fileBytes > 0;
  const percent = known
    ? Math.min(100, Math.floor((progress.bytesRead! / progress.fileBytes) * 100))
    : undefined;
  return (
    <ImportStep step="progress" title="import.progressTitle">
      <div className="transfer">
        <progress max={100} value={percent} aria-label={t('import.progressLabel')} />
        {percent !== undefined && <span>{i18n.number(percent)}%</span>}
      </div>
      <p role="status" data-testid="import-progress">
        {t('import.progressRecords', { records: i18n.number(progress?.records ?? 0) })}
        {known && (
          <>
            {' · '}
            {t('import.progressBytes', {
              done: i18n.bytes(Math.min(progress.bytesRead!, progress.fileBytes)),
              total: i18n.bytes(progress.fileBytes),
            })}
          </>
        )}
      </p>
      <StepButtons>
        <button type="button" onClick={onCancel} disabled={cancelling}>
          {t('import.cancel')}
        </button>
      </StepButtons>
    </ImportStep>
  );
}
