import type { ExportPreviewView, RedactionSample } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { StoredText } from '../ui/StoredText';

/** How each testimony will read for the partner, after redaction, and what was replaced. */
export function ExportSamples({ samples }: { samples: ExportPreviewView['samples'] }) {
  const { t } = useI18n();
  if (samples.length === 0) return null;
  return (
    <>
      <h3>{t('export.asPartnerSees')}</h3>
      <ul className="samples" data-testid="samples">
        {samples.map((s) => (
          <li key={s.id} className="sample">
            <div className="as-sent">
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
            </div>
            {s.redacted && <Replacements sample={s} />}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Exactly what the redaction replaces in one testimony: as written, and as the partner reads. */
function Replacements({ sample }: { sample: RedactionSample }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <details className="replacements" data-testid="replacements">
      <summary>
        {t('export.replacedTitle')} ({i18n.number(sample.replaced.length)})
      </summary>
      {sample.replaced.length === 0 ? (
        <p className="muted">{t('export.nothingReplaced')}</p>
      ) : (
        <ul>
          {sample.replaced.map((r) => (
            <li key={`${r.from}\u0000${r.to}`}>
              <StoredText text={r.from} /> → <StoredText text={r.to} />{' '}
              <span className="muted">{t('export.times', { n: i18n.number(r.count) })}</span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
