import type { ExportPreviewView } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { visibleBidiControls } from '../../../shared/text/format-chars';
import { StoredText } from '../ui/StoredText';

/** Stored text inside a UI sentence: its own explicit controls made visible, then isolated. */
function isolated(text: string): string {
  return `\u2068${visibleBidiControls(text)}\u2069`;
}

/** Name parts and marked passages that also appear in forms the redaction leaves as written. */
export function ExportWarnings({ warnings }: { warnings: ExportPreviewView['warnings'] }) {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <div className="alert alert-warn" role="note" data-testid="redaction-warnings">
      <h3>{t('export.warningsTitle')}</h3>
      <ul className="redaction-warnings">
        {warnings.map((w) => (
          <li key={`${w.id}\u0000${w.passage}`}>
            <strong>
              <StoredText text={w.title} />
            </strong>
            {': '}
            {t('export.warning', {
              passage: isolated(w.passage),
              forms: w.forms.map(isolated).join(', '),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
