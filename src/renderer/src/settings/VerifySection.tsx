import { useVerifyVault } from '../data/custody';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { LongTaskSection } from './LongTaskSection';

/** Verify the whole vault: progress while it runs, then every problem by kind and id. */
export function VerifySection() {
  const i18n = useI18n();
  const { t } = i18n;
  const verify = useVerifyVault();
  const report = verify.data;
  return (
    <LongTaskSection
      task={verify}
      progressOf="verify"
      title={t('verify.title')}
      intro={t('verify.intro')}
      runLabel={t('verify.run')}
      runningLabel={t('verify.running')}
    >
      {report?.ok && (
        <Alert tone="info">
          {t('verify.ok', {
            records: i18n.number(report.checked.records),
            revisions: i18n.number(report.checked.revisions),
            attachments: i18n.number(report.checked.attachments),
            entries: i18n.number(report.checked.logEntries),
          })}
        </Alert>
      )}
      {report && !report.ok && (
        <>
          <Alert>{t('verify.problems', { count: i18n.number(report.problems.length) })}</Alert>
          <table className="problems" data-testid="verify-problems">
            <thead>
              <tr>
                <th scope="col">{t('verify.kind')}</th>
                <th scope="col">{t('verify.id')}</th>
                <th scope="col">{t('verify.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {report.problems.map((p, i) => (
                <tr key={`${p.kind}-${p.id}-${i}`}>
                  <td dir="ltr">{p.kind}</td>
                  <td dir="ltr" className="mono">
                    {p.id}
                  </td>
                  <td dir="ltr">{p.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </LongTaskSection>
  );
}
