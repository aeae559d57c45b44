import type { ExportFileView, ExportPreviewView } from '../../../shared/ipc/types';
import { visibleName } from '../../../shared/text/format-chars';
import { useI18n } from '../i18n/I18n';
import { StoredText } from '../ui/StoredText';

/**
 * Every file the export sends, by testimony, with a choice to leave each out, and how each goes:
 * a cleaned copy (identifying metadata removed, docs/attachments.md) or as it is. The sender can
 * choose to send the originals with their metadata; every file then going with identifying
 * fields is listed with them, as a warning.
 */
export function ExportFiles({
  groups,
  leaveOut,
  onLeaveOut,
  keepMetadata,
  onKeepMetadata,
}: {
  groups: ExportPreviewView['files'];
  leaveOut: string[];
  onLeaveOut: (ids: string[]) => void;
  keepMetadata: boolean;
  onKeepMetadata: (keep: boolean) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (groups.length === 0) return null;
  const left = new Set(leaveOut);
  const toggle = (id: string, send: boolean) =>
    onLeaveOut(send ? leaveOut.filter((x) => x !== id) : [...leaveOut, id]);
  // The preview is made for cleaned copies; the choice to keep metadata applies to every file.
  const sentAs = (f: ExportFileView) => (keepMetadata ? 'kept' : f.sentAs);
  return (
    <section aria-labelledby="export-files-title" data-testid="export-files">
      <h3 id="export-files-title">{t('export.filesTitle')}</h3>
      <p className="alert alert-warn" role="note">
        {t('export.filesNote')}
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={keepMetadata}
          onChange={(e) => onKeepMetadata(e.target.checked)}
        />
        {t('export.keepMetadata')}
      </label>
      {groups.map((group) => (
        <fieldset key={group.recordId} className="export-files">
          <legend>
            <StoredText text={group.title} />
          </legend>
          <ul>
            {group.files.map((f) => (
              <li key={f.id} data-testid="export-file">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={!left.has(f.id)}
                    onChange={(e) => toggle(f.id, e.target.checked)}
                  />
                  {t('export.sendFile')}{' '}
                  <bdi className="file-name" dir="auto">
                    {visibleName(f.name)}
                  </bdi>
                </label>{' '}
                <span className="muted">
                  {f.mime} · {i18n.bytes(f.size)} · {t(`export.sentAs.${sentAs(f)}`)}
                </span>
                {sentAs(f) !== 'cleaned' && f.identifying.length > 0 && !left.has(f.id) && (
                  <p className="alert alert-warn" role="note" data-testid="export-file-carries">
                    {t('export.fileCarries')} <bdi dir="ltr">{f.identifying.join(', ')}</bdi>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </section>
  );
}
