import { useCustodyProgress, useVerifyVault } from '../data/custody';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { CustodyProgressBar } from './CustodyProgressBar';

/** Verify the whole vault: progress while it runs, then every problem by kind and id. */
export function VerifySection() {
  const i18n = useI18n();
  const { t } = i18n;
  const verify = useVerifyVault();
  const progress = useCustodyProgress('verify', verify.isPending);
  const report = verify.data;
  return (
    <section aria-labelledby="verify-settings" aria-busy={verify.isPending}>
      <h2 id="verify-settings">{t('verify.title')}</h2>
      <p>{t('verify.intro')}</p>
      <button
        type="button"
        aria-disabled={verify.isPending}
        onClick={() => !verify.isPending && verify.mutate()}
      >
        {verify.isPending ? t('verify.running') : t('verify.run')}
      </button>
      {verify.isPending && <CustodyProgressBar progress={progress} />}
      <Alert>{verify.error ? describeError(i18n, verify.error) : ''}</Alert>
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
    </section>
  );
}
