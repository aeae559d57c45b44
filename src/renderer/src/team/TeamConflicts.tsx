import type { TeamConflictView } from '../../../shared/ipc/team';
import { useTeamConflicts } from '../data/team';
import { type I18n, useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';

/** The title people know the record by: the shown version's, else any version's. */
export function conflictTitle(conflict: TeamConflictView, t: I18n['t']): string {
  const shown = conflict.heads.find((h) => h.shown)?.title;
  return shown || conflict.heads.find((h) => h.title)?.title || t('team.untitled');
}

/** Testimonies edited on two laptops before they synced: one line each, to compare. */
export function TeamConflicts({
  count,
  onCompare,
}: {
  count: number;
  onCompare: (recordId: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const conflicts = useTeamConflicts(count > 0);
  return (
    <section aria-labelledby="team-conflicts">
      <h2 id="team-conflicts">{t('team.conflictsTitle')}</h2>
      {count === 0 && <p className="muted">{t('team.noConflicts')}</p>}
      {count > 0 && <p>{t('team.conflictsIntro')}</p>}
      <Alert>{conflicts.error ? describeError(i18n, conflicts.error) : ''}</Alert>
      {count > 0 && conflicts.data && (
        <ul className="concept-list conflict-list">
          {conflicts.data.map((c) => {
            const title = conflictTitle(c, t);
            return (
              <li key={c.recordId}>
                <div>
                  <strong dir="auto">{title}</strong>
                  <p className="muted">
                    {t('team.conflictVersions', {
                      count: i18n.number(c.heads.length),
                      authors: [...c.heads]
                        .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
                        .map((h) => h.authorName ?? t('team.unknownAuthor'))
                        .join(', '),
                    })}
                  </p>
                </div>
                <button
                  type="button"
                  aria-label={t('team.compareLabel', { title })}
                  onClick={() => onCompare(c.recordId)}
                >
                  {t('team.compare')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
