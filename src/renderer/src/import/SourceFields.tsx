import { SOURCE_KINDS, type ImportFileView, type SourceKind } from '../../../shared/import/types';
import { useI18n } from '../i18n/I18n';
import { SOURCE_LABELS } from './labels';

/**
 * The choices of the first step once a readable file is chosen: its source (as detected, or
 * the person's), a mapping file and the folder of attached files. Names are the person's own.
 */
export function SourceFields(props: {
  file: ImportFileView;
  from: SourceKind | null;
  sourceId: string;
  onSource: (from: SourceKind) => void;
  mappingName: string | null;
  folderName: string | null;
  onChooseMapping: () => void;
  onChooseFolder: () => void;
}) {
  const { t } = useI18n();
  const { file } = props;
  const hint =
    file.detectedBy === 'content'
      ? 'import.sourceByContent'
      : file.detectedBy === 'extension'
        ? 'import.sourceByExtension'
        : 'import.sourceNone';
  return (
    <div className="import-source">
      <label htmlFor={props.sourceId}>{t('import.source')}</label>
      <select
        id={props.sourceId}
        value={props.from ?? ''}
        aria-describedby={`${props.sourceId}-hint`}
        onChange={(e) => props.onSource(e.target.value as SourceKind)}
      >
        {!props.from && <option value="">{t('import.sourcePick')}</option>}
        {SOURCE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(SOURCE_LABELS[kind])}
          </option>
        ))}
      </select>
      <p id={`${props.sourceId}-hint`} className="muted">
        {t(hint)}
      </p>
      <p>
        <bdi dir="auto">{t('import.mapping', { name: props.mappingName ?? t('import.none') })}</bdi>{' '}
        <button type="button" onClick={props.onChooseMapping}>
          {t('import.chooseMapping')}
        </button>
      </p>
      <p>
        <bdi dir="auto">
          {t('import.filesFolder', { name: props.folderName ?? t('import.none') })}
        </bdi>{' '}
        <button type="button" onClick={props.onChooseFolder}>
          {t('import.chooseFolder')}
        </button>
      </p>
    </div>
  );
}
