import { useId } from 'react';
import type { SourceKind } from '../../../shared/import/types';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { ImportStep, StepButtons } from './ImportStep';
import { FileError } from './FileError';
import { SourceFields } from './SourceFields';
import type { ImportChoices } from './useImportWizard';

/**
 * Step 1: the export (chosen in main's open dialog, sniffed there), which tool made it (as
 * detected; the person can change it), and optionally a mapping file and the files folder.
 */
export function ImportFileStep({
  choices,
  busy,
  error,
  onChooseFile,
  onChooseMapping,
  onChooseFolder,
  onSource,
  onClose,
  onNext,
}: {
  choices: ImportChoices;
  busy: boolean;
  error: unknown;
  onChooseFile: () => void;
  onChooseMapping: () => void;
  onChooseFolder: () => void;
  onSource: (from: SourceKind) => void;
  onClose: () => void;
  onNext: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const sourceId = useId();
  const { file, from } = choices;
  const blocked = file?.unreadable != null && file.unreadable !== 'unknown';
  return (
    <ImportStep step="file" title="import.fileTitle">
      <p>{t('import.fileIntro')}</p>
      <button type="button" onClick={onChooseFile} disabled={busy}>
        {t('import.chooseFile')}
      </button>
      {!file && <Alert>{error ? describeError(i18n, error) : ''}</Alert>}
      {file && (
        <>
          <p data-testid="import-file">
            <bdi dir="auto">
              {t('import.chosenFile', { name: file.name, size: i18n.bytes(file.size) })}
            </bdi>
          </p>
          <FileError file={file} mappingName={choices.mappingName} error={error} />
          {!blocked && (
            <SourceFields
              file={file}
              from={from}
              sourceId={sourceId}
              onSource={onSource}
              mappingName={choices.mappingName}
              folderName={choices.folderName}
              onChooseMapping={onChooseMapping}
              onChooseFolder={onChooseFolder}
            />
          )}
        </>
      )}
      {busy && <p role="status">{t('import.reading')}</p>}
      <StepButtons>
        <button type="button" onClick={onClose}>
          {t('import.close')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={onNext}
          disabled={!file || !from || blocked || busy}
        >
          {t('import.next')}
        </button>
      </StepButtons>
    </ImportStep>
  );
}
