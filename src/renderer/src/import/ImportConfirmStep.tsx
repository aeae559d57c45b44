import type { ImportPreviewView } from '../../../shared/import/types';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { errorCode } from '../api/client';
import { ImportStep, StepButtons } from './ImportStep';
import { SOURCE_LABELS } from './labels';
import type { ImportChoices } from './useImportWizard';

/** Step 4: what will be imported, how, and that it is all or nothing; then "Import". */
export function ImportConfirmStep({
  choices,
  preview,
  error,
  onBack,
  onStart,
}: {
  choices: ImportChoices;
  preview: ImportPreviewView;
  error: unknown;
  onBack: () => void;
  onStart: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const consent = preview.ownConsent
    ? t('import.consentOwn')
    : preview.consentField === null
      ? t('import.consentUnknown')
      : preview.consentField;
  const rows: [string, string][] = [
    [t('import.confirmFile'), choices.file?.name ?? ''],
    [t('import.confirmSource'), t(SOURCE_LABELS[preview.source])],
    [t('import.confirmMapping'), choices.mappingName ?? t('import.defaultMapping')],
    [t('import.confirmFolder'), choices.folderName ?? t('import.none')],
    [t('import.confirmConsent'), consent],
  ];
  return (
    <ImportStep step="confirm" title="import.confirmTitle">
      {error ? (
        errorCode(error) === 'CANCELLED' ? (
          <Alert tone="info">{t('import.cancelled')}</Alert>
        ) : (
          <Alert>
            {t('import.error.other', {
              name: choices.file?.name ?? '',
              cause: describeError(i18n, error),
            })}
          </Alert>
        )
      ) : null}
      <dl className="import-confirm">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>
              <bdi dir="auto">{value}</bdi>
            </dd>
          </div>
        ))}
      </dl>
      <p>{t('import.allOrNothing')}</p>
      <StepButtons>
        <button type="button" onClick={onBack}>
          {t('import.back')}
        </button>
        <button type="button" className="primary" onClick={onStart}>
          {t('import.start')}
        </button>
      </StepButtons>
    </ImportStep>
  );
}
