import { useI18n } from '../i18n/I18n';
import { onEscape } from '../ui/focus';
import { ImportConfirmStep } from './ImportConfirmStep';
import { ImportConsentStep } from './ImportConsentStep';
import { ImportFileStep } from './ImportFileStep';
import { ImportPreviewStep } from './ImportPreviewStep';
import { ImportProgressStep } from './ImportProgressStep';
import { ImportSummaryStep } from './ImportSummaryStep';
import { useImportWizard } from './useImportWizard';

/**
 * The import wizard (issue 16): file and source, mapping preview, consent, confirm, progress,
 * summary. The reading, mapping, consent rules and the all-or-nothing write are the core's
 * (src/core/import, through main's import.* channels); this only asks and shows. Escape closes
 * it, except while an import runs (cancel is explicit then).
 */
export function ImportWizard({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const wizard = useImportWizard();
  return (
    <div
      className="import-wizard"
      onKeyDown={wizard.step === 'progress' ? undefined : onEscape(onClose)}
    >
      <h1 className="import-title">{t('import.title')}</h1>
      <ImportSteps wizard={wizard} onClose={onClose} />
    </div>
  );
}

function ImportSteps({
  wizard,
  onClose,
}: {
  wizard: ReturnType<typeof useImportWizard>;
  onClose: () => void;
}) {
  const { step, choices, preview, previewRun, start, actions } = wizard;
  if (step === 'summary' && start.data)
    return <ImportSummaryStep summary={start.data} onClose={onClose} />;
  if (step === 'progress')
    return (
      <ImportProgressStep
        ticket={choices.file!.ticket}
        cancelling={wizard.cancel.isPending || wizard.cancel.isSuccess}
        onCancel={actions.cancel}
      />
    );
  if (step === 'confirm' && preview)
    return (
      <ImportConfirmStep
        choices={choices}
        preview={preview}
        error={start.error}
        onBack={() => actions.go('consent')}
        onStart={actions.start}
      />
    );
  if (step === 'consent' && preview)
    return (
      <ImportConsentStep
        preview={preview}
        chosen={wizard.consentField === undefined ? preview.consentField : wizard.consentField}
        checking={previewRun.isPending}
        error={previewRun.error}
        onConsentField={actions.setConsent}
        onBack={() => actions.go('preview')}
        onNext={() => actions.go('confirm')}
      />
    );
  if (step === 'preview' && preview)
    return (
      <ImportPreviewStep
        preview={preview}
        onBack={() => actions.go('file')}
        onNext={() => actions.go('consent')}
      />
    );
  return (
    <ImportFileStep
      choices={choices}
      busy={previewRun.isPending || wizard.choosing}
      error={wizard.fileError}
      onChooseFile={actions.chooseFile}
      onChooseMapping={actions.chooseMapping}
      onChooseFolder={actions.chooseFolder}
      onSource={actions.setSource}
      onClose={onClose}
      onNext={actions.toPreview}
    />
  );
}
