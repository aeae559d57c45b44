import { useCustodyReport, useSaveCustodyReport } from '../data/custody';
import { useI18n } from '../i18n/I18n';
import { SubView } from './SubView';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { CustodyReportTables } from './CustodyReportTables';

/**
 * One record's custody report as the vault signs it: shown here, saved through main as the
 * signed JSON (with its .sig, the evidence) or as the printable page.
 */
export function CustodyReportView({ id, onClose }: { id: string; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const report = useCustodyReport(id);
  const save = useSaveCustodyReport();
  const saved = save.data?.files;
  return (
    <SubView
      titleId="custody-title"
      title={t('report.title')}
      closeLabel={t('report.close')}
      onClose={onClose}
    >
      <p>{t('report.intro')}</p>
      <div className="actions">
        {(['json', 'html'] as const).map((form) => (
          <button
            key={form}
            type="button"
            // Not disabled while saving: focus stays on the button (and Escape still closes).
            aria-disabled={save.isPending}
            onClick={() => !save.isPending && save.mutate({ recordId: id, form })}
          >
            {t(form === 'json' ? 'report.saveJson' : 'report.saveHtml')}
          </button>
        ))}
      </div>
      {saved && (
        <Alert tone="info">
          {t('report.saved', { files: i18n.list(saved.map((f) => f.split(/[\\/]/).pop()!)) })}
        </Alert>
      )}
      <Alert>{save.error ? describeError(i18n, save.error) : ''}</Alert>
      <Alert>{report.error ? describeError(i18n, report.error) : ''}</Alert>
      {report.data && <CustodyReportTables report={report.data.report} />}
    </SubView>
  );
}
