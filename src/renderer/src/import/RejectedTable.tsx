import type { ImportFileProblem, ImportRejection } from '../../../shared/import/types';
import { useI18n } from '../i18n/I18n';
import { positionLabel } from './labels';

/**
 * Records the importer refused, by position and rule. The reasons are the core's rules, in
 * English (they never quote the file), marked as such for screen readers.
 */
export function RejectedTable({ rejected }: { rejected: ImportRejection[] }) {
  const i18n = useI18n();
  if (rejected.length === 0) return null;
  return (
    <table className="import-table" data-testid="import-rejected">
      <caption>{i18n.t('import.rejectedTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{i18n.t('import.colWhere')}</th>
          <th scope="col">{i18n.t('import.colReason')}</th>
        </tr>
      </thead>
      <tbody>
        {rejected.map((r) => (
          <tr key={`${r.position.unit}${r.position.at}`}>
            <td>{positionLabel(i18n, r.position)}</td>
            <td lang="en" dir="ltr">
              {r.reason}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Files the export names that could not be attached; their records were imported. */
export function MissingFilesTable({ problems }: { problems: ImportFileProblem[] }) {
  const i18n = useI18n();
  if (problems.length === 0) return null;
  return (
    <table className="import-table" data-testid="import-missing">
      <caption>{i18n.t('import.missingTitle')}</caption>
      <thead>
        <tr>
          <th scope="col">{i18n.t('import.colWhere')}</th>
          <th scope="col">{i18n.t('import.colReason')}</th>
        </tr>
      </thead>
      <tbody>
        {problems.map((p) => (
          <tr key={`${p.position.unit}${p.position.at}-${p.file}`}>
            <td>
              {positionLabel(i18n, p.position)},{' '}
              {i18n.t('import.fileN', { n: i18n.number(p.file) })}
            </td>
            <td lang="en" dir="ltr">
              {p.reason}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
