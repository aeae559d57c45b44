import type { ExportResultView } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { useFocusOnMount } from '../ui/focus';
import { Alert } from '../ui/Alert';

/** The bundle is written: what went, how large, where. */
export function ExportDone({ result, onClose }: { result: ExportResultView; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="export" aria-labelledby="export-title">
      <h2 id="export-title" ref={heading} tabIndex={-1}>
        {t('export.doneTitle')}
      </h2>
      <Alert tone="info">
        {t('export.done', {
          records: i18n.number(result.records),
          attachments: i18n.number(result.attachments),
          size: i18n.bytes(result.size),
        })}
      </Alert>
      <p className="mono path" dir="ltr" data-testid="bundle-path">
        {result.path}
      </p>
      {result.attachments > 0 && <p>{t('export.filesAsIs')}</p>}
      <button type="button" onClick={onClose}>
        {t('export.close')}
      </button>
    </section>
  );
}
