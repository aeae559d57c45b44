import type { TeamStatusView } from '../../../shared/ipc/team';
import type { Settings } from '../../../shared/ipc/types';
import { useSyncNow } from '../data/team';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { SyncInterval } from './SyncInterval';
import { SyncOutcome } from './SyncOutcome';

/** The team folder, the last sync and what waits, "Sync now", and how often it runs. */
export function TeamSyncSection({
  status,
  settings,
  onSettings,
}: {
  status: TeamStatusView;
  settings: Settings;
  onSettings: (settings: Settings) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const syncNow = useSyncNow();
  const team = status.team!;
  const syncing = status.syncing || syncNow.isPending;
  return (
    <section aria-labelledby="team-sync">
      <h2 id="team-sync">{t('team.syncTitle')}</h2>
      <dl className="team-facts">
        <dt>{t('team.folder')}</dt>
        <dd className="path" dir="ltr">
          {team.folder}
        </dd>
        <dt>{t('team.id')}</dt>
        <dd className="fingerprint" dir="ltr">
          {team.teamId}
        </dd>
      </dl>
      <div aria-live="polite">
        {syncing ? (
          <p role="status">{t('team.syncing')}</p>
        ) : (
          <SyncOutcome outcome={status.last} folder={team.folder} />
        )}
      </div>
      {(team.waiting > 0 || team.unpublished > 0) && (
        <p className="muted">
          {t('team.pending', {
            waiting: i18n.number(team.waiting),
            unpublished: i18n.number(team.unpublished),
          })}
        </p>
      )}
      <button type="button" className="primary" disabled={syncing} onClick={() => syncNow.mutate()}>
        {t('team.syncNow')}
      </button>
      <Alert>{syncNow.error ? describeError(i18n, syncNow.error) : ''}</Alert>
      <SyncInterval
        minutes={settings.teamSyncMinutes ?? status.intervalMinutes}
        onSettings={onSettings}
      />
    </section>
  );
}
