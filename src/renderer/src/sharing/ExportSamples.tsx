import type { ExportPreviewView } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';

/** How each testimony will read for the partner, after redaction. */
export function ExportSamples({ samples }: { samples: ExportPreviewView['samples'] }) {
  const { t } = useI18n();
  if (samples.length === 0) return null;
  return (
    <>
      <h3>{t('export.asPartnerSees')}</h3>
      <ul className="samples" data-testid="samples">
        {samples.map((s) => (
          <li key={s.id} className="sample">
            <strong dir="auto">{s.title}</strong>{' '}
            {s.redacted ? (
              <span className="badge ok">{t('export.redacted')}</span>
            ) : (
              <span className="badge identifying">{t('export.identitiesKept')}</span>
            )}
            {s.narrator && (
              <p>
                {t('field.narrator')}: <span dir="auto">{s.narrator}</span>
              </p>
            )}
            <p className="excerpt" dir="auto">
              {s.excerpt}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
