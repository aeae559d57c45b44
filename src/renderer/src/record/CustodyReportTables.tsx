import type { MessageKey } from '../../../shared/i18n';
import type { CustodyReport } from '../../../shared/custody/types';
import { useI18n } from '../i18n/I18n';

/** The report's content: who signs it, the revisions and files with their hashes, the log. */
export function CustodyReportTables({ report }: { report: CustodyReport }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { record } = report;
  return (
    <div className="custody-report">
      <p>
        {t('report.fingerprint')}:{' '}
        <span className="mono" dir="ltr" data-testid="report-fingerprint">
          {report.vault.fingerprint}
        </span>
      </p>
      <h3>{t('report.revisions')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('report.revision')}</th>
            <th scope="col">{t('report.date')}</th>
            <th scope="col">SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {record.revisions.map((r) => (
            <tr key={r.revision}>
              <td>{i18n.number(r.revision)}</td>
              <td>{i18n.dateTime(r.updatedAt)}</td>
              <td className="mono hash" dir="ltr">
                {r.sha256}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {record.files.length > 0 && (
        <>
          <h3>{t('report.files')}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('report.name')}</th>
                <th scope="col">{t('report.size')}</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {record.files.map((f) => (
                <tr key={f.id}>
                  <td>
                    <bdi dir="auto">{f.name}</bdi>
                  </td>
                  <td>{i18n.bytes(f.size)}</td>
                  <td className="mono hash" dir="ltr">
                    {f.sha256}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h3>{t('report.entries')}</h3>
      <ol className="custody-entries">
        {report.entries.map((e) => (
          <li key={e.seq} data-testid="report-entry">
            <span dir="ltr">#{e.seq}</span> {t(`action.${e.action}` as MessageKey)} ·{' '}
            <time dateTime={e.at}>{i18n.dateTime(e.at)}</time>
          </li>
        ))}
      </ol>
    </div>
  );
}
