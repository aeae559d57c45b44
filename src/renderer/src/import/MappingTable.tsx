import type { ImportPreviewView } from '../../../shared/import/types';
import { useI18n } from '../i18n/I18n';
import { StoredText } from '../ui/StoredText';
import { targetLabel } from './labels';

/** The mapping's "every other field" reference (src/core/import/mapping.ts REST). */
const REST = '*';

/**
 * What each source field becomes: one row per source field the mapping reads, in the file's
 * order, then the fields gathered into a testimony field as "name: value" lines, then those not
 * imported at all. Field names come from the file: shown as stored text.
 */
export function MappingTable({ preview }: { preview: ImportPreviewView }) {
  const i18n = useI18n();
  const { t } = i18n;
  const targetsOf = (field: string) =>
    Object.entries(preview.mapping)
      .filter(([, sources]) => sources.includes(field))
      .map(([target]) => targetLabel(i18n, target));
  const restTargets = targetsOf(REST);
  const rows = preview.sourceFields
    .map((field) => ({ field, targets: targetsOf(field) }))
    .filter((row) => row.targets.length > 0);
  if (preview.ownConsent) return <p>{t('import.ownFields')}</p>;
  return (
    <>
      <table className="import-table" data-testid="import-mapping">
        <caption>{t('import.mappingCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.sourceField')}</th>
            <th scope="col">{t('import.testimonyField')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ field, targets }) => (
            <tr key={field}>
              <td>
                <StoredText text={field} />
              </td>
              <td>{targets.join(', ')}</td>
            </tr>
          ))}
          {restTargets.length > 0 && preview.gathered.length > 0 && (
            <tr>
              <td>{t('import.rest')}</td>
              <td>{restTargets.join(', ')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <FieldList title={t('import.gatheredTitle')} fields={preview.gathered} />
      <FieldList title={t('import.unmappedTitle')} fields={preview.unmapped} testId="unmapped" />
    </>
  );
}

function FieldList({
  title,
  fields,
  testId,
}: {
  title: string;
  fields: string[];
  testId?: string;
}) {
  if (fields.length === 0) return null;
  return (
    <div className="import-fields" data-testid={testId}>
      <h3>{title}</h3>
      <ul>
        {fields.map((field) => (
          <li key={field}>
            <StoredText text={field} />
          </li>
        ))}
      </ul>
    </div>
  );
}
