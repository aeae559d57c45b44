import type { Settings } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { MinutesForm } from '../ui/MinutesForm';

/** Minutes between two syncs while unlocked (an app preference, settings.teamSyncMinutes). */
export function SyncInterval({
  minutes,
  onSettings,
}: {
  minutes: number;
  onSettings: (settings: Settings) => void;
}) {
  const { t } = useI18n();
  return (
    <MinutesForm
      label={t('team.interval')}
      hint={t('team.intervalHint')}
      minutes={minutes}
      className="team-interval"
      save={async (teamSyncMinutes) => onSettings(await call('settings.set', { teamSyncMinutes }))}
    />
  );
}
