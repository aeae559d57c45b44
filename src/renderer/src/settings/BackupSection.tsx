import { useBackup, useCustodyProgress } from '../data/custody';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { CustodyProgressBar } from './CustodyProgressBar';

/** A backup into a folder main asks for; progress, then what was copied and checked. */
export function BackupSection() {
  const i18n = useI18n();
  const { t } = i18n;
  const backup = useBackup();
  const progress = useCustodyProgress('backup', backup.isPending);
  const result = backup.data;
  return (
    <section aria-labelledby="backup-settings" aria-busy={backup.isPending}>
      <h2 id="backup-settings">{t('backup.title')}</h2>
      <p>{t('backup.intro')}</p>
      <button
        type="button"
        aria-disabled={backup.isPending}
        onClick={() => !backup.isPending && backup.mutate()}
      >
        {backup.isPending ? t('backup.running') : t('backup.run')}
      </button>
      {backup.isPending && <CustodyProgressBar progress={progress} />}
      <Alert>{backup.error ? describeError(i18n, backup.error) : ''}</Alert>
      {result && (
        <Alert tone="info">
          {t('backup.done', {
            folder: result.folder,
            copied: i18n.number(result.blobsCopied),
            kept: i18n.number(result.blobsKept),
          })}
        </Alert>
      )}
    </section>
  );
}
