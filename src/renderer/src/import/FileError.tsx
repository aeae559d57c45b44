import type { MessageKey } from '../../../shared/i18n';
import type { ImportFileView, UnreadableReason } from '../../../shared/import/types';
import { errorCode } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';

const UNREADABLE: Record<UnreadableReason, MessageKey> = {
  empty: 'import.unreadable.empty',
  encoding: 'import.unreadable.encoding',
  binary: 'import.unreadable.binary',
  unknown: 'import.unreadable.unknown',
};

/**
 * Why the chosen file cannot be imported, in the first step: what the sniff found, or what the
 * preview refused (the file, or the mapping file, with the rule it breaks as the core words it).
 */
export function FileError({
  file,
  mappingName,
  error,
}: {
  file: ImportFileView;
  mappingName: string | null;
  error: unknown;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (error) {
    const code = errorCode(error);
    const rule = (error as { details?: { rule?: unknown } }).details?.rule;
    const lead =
      code === 'IMPORT.INVALID_FILE'
        ? t('import.error.file', { name: file.name })
        : code === 'IMPORT.INVALID_MAPPING'
          ? t('import.error.mapping', { name: mappingName ?? '' })
          : t('import.error.other', { name: file.name, cause: describeError(i18n, error) });
    return (
      <Alert>
        {lead}
        {typeof rule === 'string' && (
          <>
            {' '}
            <span lang="en" dir="ltr" data-testid="import-error-rule">
              {rule}
            </span>
          </>
        )}
      </Alert>
    );
  }
  if (!file.unreadable) return null;
  return (
    <Alert tone={file.unreadable === 'unknown' ? 'info' : 'error'}>
      {t(UNREADABLE[file.unreadable], { name: file.name })}
    </Alert>
  );
}
