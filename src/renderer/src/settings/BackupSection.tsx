import { useBackup } from '../data/custody';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { LongTaskSection } from './LongTaskSection';

/** A backup into a folder main asks for; progress, then what was copied and checked. */
export function BackupSection() {
  const i18n = useI18n();
  const { t } = i18n;
  const backup = useBackup();
  const result = backup.data;
  return (
    <LongTaskSection
      task={backup}
      progressOf="backup"
      title={t('backup.title')}
      intro={t('backup.intro')}
      runLabel={t('backup.run')}
      runningLabel={t('backup.running')}
    >
      {result && (
        <Alert tone="info">
          {t('backup.done', {
            folder: result.folder,
            copied: i18n.number(result.blobsCopied),
            kept: i18n.number(result.blobsKept),
          })}
        </Alert>
      )}
    </LongTaskSection>
  );
}
