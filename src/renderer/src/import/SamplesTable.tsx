import type { ImportPreviewView } from '../../../shared/import/types';
import { useI18n } from '../i18n/I18n';
import { StoredText } from '../ui/StoredText';
import { CONSENT_LABELS, positionLabel } from './labels';

/** The first records as they will be stored: where, title, language, consent, files. */
export function SamplesTable({ samples }: { samples: ImportPreviewView['samples'] }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (samples.length === 0) return null;
  return (
    <table className="import-table" data-testid="import-samples">
      <caption>{t('import.samplesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('import.colWhere')}</th>
          <th scope="col">{t('field.title')}</th>
          <th scope="col">{t('field.lang')}</th>
          <th scope="col">{t('field.consent')}</th>
          <th scope="col">{t('import.colFiles')}</th>
        </tr>
      </thead>
      <tbody>
        {samples.map((s) => (
          <tr key={`${s.position.unit}${s.position.at}`}>
            <td>{positionLabel(i18n, s.position)}</td>
            <td>
              <StoredText text={s.title} lang={s.lang || undefined} />
            </td>
            <td dir="ltr">{s.lang}</td>
            <td>{CONSENT_LABELS[s.consent] ? t(CONSENT_LABELS[s.consent]!) : s.consent}</td>
            <td>{i18n.number(s.files)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
