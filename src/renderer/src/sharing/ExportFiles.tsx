import type { ExportPreviewView } from '../../../shared/ipc/types';
import { visibleName } from '../../../shared/text/format-chars';
import { useI18n } from '../i18n/I18n';
import { StoredText } from '../ui/StoredText';

/**
 * Every file the export sends, by testimony, with a choice to leave each out. Files are sent as
 * they are; when the evidence-processing work offers cleaned copies, each file's `sentAs` says
 * which form goes, and this is where the review shows it and lets the sender choose.
 */
export function ExportFiles({
  groups,
  leaveOut,
  onLeaveOut,
}: {
  groups: ExportPreviewView['files'];
  leaveOut: string[];
  onLeaveOut: (ids: string[]) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (groups.length === 0) return null;
  const left = new Set(leaveOut);
  const toggle = (id: string, send: boolean) =>
    onLeaveOut(send ? leaveOut.filter((x) => x !== id) : [...leaveOut, id]);
  return (
    <section aria-labelledby="export-files-title" data-testid="export-files">
      <h3 id="export-files-title">{t('export.filesTitle')}</h3>
      <p className="alert alert-warn" role="note">
        {t('export.filesSentAsIs')}
      </p>
      {groups.map((group) => (
        <fieldset key={group.recordId} className="export-files">
          <legend>
            <StoredText text={group.title} />
          </legend>
          <ul>
            {group.files.map((f) => (
              <li key={f.id}>
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
                  {f.mime} · {i18n.bytes(f.size)} · {t(`export.sentAs.${f.sentAs}`)}
                </span>
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
    </section>
  );
}
