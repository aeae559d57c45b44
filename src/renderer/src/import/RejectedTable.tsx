import type { ReactNode } from 'react';
import type { ImportFileProblem, ImportRejection } from '../../../shared/import/types';
import { useI18n } from '../i18n/I18n';
import { positionLabel } from './labels';

interface ProblemRow {
  key: string;
  where: ReactNode;
  /** One of the core's rules, in English (they never quote the file). */
  reason: string;
}

/** A table of where and why, the reasons marked as English for screen readers. */
function ProblemTable({
  testId,
  caption,
  rows,
}: {
  testId: string;
  caption: string;
  rows: ProblemRow[];
}) {
  const i18n = useI18n();
  if (rows.length === 0) return null;
  return (
    <table className="import-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{i18n.t('import.colWhere')}</th>
          <th scope="col">{i18n.t('import.colReason')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <td>{row.where}</td>
            <td lang="en" dir="ltr">
              {row.reason}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Records the importer refused, by position and rule. */
export function RejectedTable({ rejected }: { rejected: ImportRejection[] }) {
  const i18n = useI18n();
  const rows = rejected.map((r) => ({
    key: `${r.position.unit}${r.position.at}`,
    where: positionLabel(i18n, r.position),
    reason: r.reason,
  }));
  return (
    <ProblemTable testId="import-rejected" caption={i18n.t('import.rejectedTitle')} rows={rows} />
  );
}

/** Files the export names that could not be attached; their records were imported. */
export function MissingFilesTable({ problems }: { problems: ImportFileProblem[] }) {
  const i18n = useI18n();
  const rows = problems.map((p) => ({
    key: `${p.position.unit}${p.position.at}-${p.file}`,
    where: (
      <>
        {positionLabel(i18n, p.position)}, {i18n.t('import.fileN', { n: i18n.number(p.file) })}
      </>
    ),
    reason: p.reason,
  }));
  return (
    <ProblemTable testId="import-missing" caption={i18n.t('import.missingTitle')} rows={rows} />
  );
}
