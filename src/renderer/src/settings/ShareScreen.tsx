import { useCopyShare } from '../data/custody';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { SettingsScreen } from './SettingsScreen';

/**
 * One share on its own screen, so it can be copied or printed alone and handed to one person.
 * Printing shows this share only (styles.css, @media print).
 */
export function ShareScreen({
  share,
  index,
  count,
  threshold,
  onNext,
  onClose,
}: {
  share: string;
  index: number;
  count: number;
  threshold: number;
  onNext: () => void;
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const copy = useCopyShare();
  const last = index + 1 === count;
  const title = t('recovery.shareTitle', { k: i18n.number(index + 1), n: i18n.number(count) });
  return (
    <SettingsScreen title={title} onClose={onClose}>
      <div className="share-print">
        <p>{t('recovery.shareFor', { threshold: i18n.number(threshold) })}</p>
        <p className="recovery-key" dir="ltr" translate="no" data-testid="recovery-share">
          {share}
        </p>
      </div>
      <Alert tone="info">{t('recovery.shareOnce')}</Alert>
      <div className="actions">
        <button type="button" onClick={() => copy.mutate(share)} disabled={copy.isPending}>
          {t('recovery.copy')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('recovery.print')}
        </button>
        <button type="button" className="primary" onClick={onNext}>
          {last ? t('recovery.finish') : t('recovery.next')}
        </button>
      </div>
      {copy.isSuccess && <Alert tone="info">{t('recovery.copied')}</Alert>}
      <Alert>{copy.error ? describeError(i18n, copy.error) : ''}</Alert>
    </SettingsScreen>
  );
}
