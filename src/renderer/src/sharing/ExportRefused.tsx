import type { MessageKey } from '../../../shared/i18n';
import type { ExportPreviewView, RefusalReason } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { StoredText } from '../ui/StoredText';

const REFUSALS: Record<RefusalReason, MessageKey> = {
  'consent-withdrawn': 'export.refused.withdrawn',
  'consent-unknown': 'export.refused.unknown',
  'archive-only': 'export.refused.archiveOnly',
};

/** The testimonies consent leaves out, why, and a way to their consent fields. */
export function ExportRefused({
  refused,
  onEditConsent,
}: {
  refused: ExportPreviewView['refused'];
  onEditConsent: (id: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (refused.length === 0) return null;
  return (
    <>
      <h3>{t('export.refusedTitle', { n: i18n.number(refused.length) })}</h3>
      <ul className="refused" data-testid="refused">
        {refused.map((r) => (
          <li key={r.id}>
            <StoredText text={r.title} /> — {t(REFUSALS[r.reason])}{' '}
            <button
              type="button"
              className="link"
              aria-describedby={`refused-${r.id}`}
              onClick={() => onEditConsent(r.id)}
            >
              {t('export.openConsent')}
            </button>
            <span id={`refused-${r.id}`} hidden>
              {r.title}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
