import type { ImportPreviewView } from '../../../shared/import/types';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { StoredText } from '../ui/StoredText';
import { ImportStep, StepButtons } from './ImportStep';
import { RejectedTable } from './RejectedTable';

/**
 * Step 3: where consent comes from: a source field the person names, or none (consent
 * "unknown" for every record). Never guessed: each choice is previewed again, so the person
 * sees how many records would arrive without consent, and which answers are refused.
 */
export function ImportConsentStep({
  preview,
  chosen,
  checking,
  error,
  onConsentField,
  onBack,
  onNext,
}: {
  preview: ImportPreviewView;
  /** The choice as made (shown at once; the preview of it follows). */
  chosen: string | null;
  checking: boolean;
  error: unknown;
  onConsentField: (field: string | null) => void;
  onBack: () => void;
  onNext: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ImportStep step="consent" title="import.consentTitle">
      {preview.ownConsent ? (
        <p>{t('import.consentOwn')}</p>
      ) : (
        <>
          <p>{t('import.consentIntro')}</p>
          <fieldset className="import-consent" disabled={checking}>
            <legend>{t('import.consentLegend')}</legend>
            <label className="check">
              <input
                type="radio"
                name="consent-field"
                checked={chosen === null}
                onChange={() => onConsentField(null)}
              />
              {t('import.consentUnknown')}
            </label>
            {preview.sourceFields.map((field) => (
              <label key={field} className="check">
                <input
                  type="radio"
                  name="consent-field"
                  value={field}
                  checked={chosen === field}
                  onChange={() => onConsentField(field)}
                />
                <StoredText text={field} />
              </label>
            ))}
          </fieldset>
          <p className="muted">{t('import.consentAnswers')}</p>
        </>
      )}
      <p role="status" data-testid="import-without-consent">
        {checking
          ? t('import.checking')
          : t('import.withoutConsent', {
              count: i18n.number(preview.withoutConsent),
              read: i18n.number(preview.read),
            })}
      </p>
      <Alert>{error ? describeError(i18n, error) : ''}</Alert>
      <RejectedTable rejected={preview.rejected} />
      <StepButtons>
        <button type="button" onClick={onBack}>
          {t('import.back')}
        </button>
        <button type="button" className="primary" onClick={onNext} disabled={checking}>
          {t('import.next')}
        </button>
      </StepButtons>
    </ImportStep>
  );
}
