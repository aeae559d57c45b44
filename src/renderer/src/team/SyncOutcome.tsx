import type { TeamSyncOutcome } from '../../../shared/ipc/team';
import { useI18n } from '../i18n/I18n';
import { describeError } from '../ui/errors';

/**
 * How the last sync ended: its counts, or why it failed. A folder that cannot be read is
 * named (moved, unmounted, the sync engine stopped): that is what the person can fix.
 */
export function SyncOutcome({
  outcome,
  folder,
}: {
  outcome: TeamSyncOutcome | null;
  folder: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (!outcome) return <p className="muted">{t('team.never')}</p>;
  const time = i18n.dateTime(outcome.at);
  if (outcome.ok) {
    const c = outcome.counts;
    return (
      <p className="ok-line">
        {t('team.lastOk', {
          time,
          published: i18n.number(c.published),
          applied: i18n.number(c.applied),
          rejected: i18n.number(c.rejected),
          waiting: i18n.number(c.waiting),
        })}
      </p>
    );
  }
  const path = outcome.error.details['path'];
  const reason =
    outcome.error.code === 'FILE.IO' && typeof path === 'string'
      ? t('team.folderUnreadable', { folder: path === folder ? folder : path })
      : describeError(i18n, outcome.error);
  return (
    <p className="alert alert-error" role="alert">
      {t('team.lastFailed', { time, reason })}
    </p>
  );
}
