import { useState } from 'react';
import type { Settings } from '../../../shared/ipc/types';
import { useTeamStatus } from '../data/team';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { useFocusOnMount } from '../ui/focus';
import { ConflictCompare } from './ConflictCompare';
import { TeamConflicts } from './TeamConflicts';
import { TeamMembers } from './TeamMembers';
import { TeamSetup } from './TeamSetup';
import { TeamSyncSection } from './TeamSyncSection';

/**
 * The team archive (docs/team.md, "In the app"): the team folder and its sync, the members
 * with their fingerprints, and the conflicts, each compared side by side on its own screen.
 * A vault in no team is told how to set one up (with the CLI).
 */
export function TeamView(props: { settings: Settings; onSettings: (settings: Settings) => void }) {
  const [comparing, setComparing] = useState<string | null>(null);
  const [resolved, setResolved] = useState(false);
  if (comparing)
    return (
      <ConflictCompare
        id={comparing}
        onClose={(done) => {
          setResolved(done);
          setComparing(null);
        }}
      />
    );
  return (
    <TeamMain
      {...props}
      resolved={resolved}
      onCompare={(id) => {
        setResolved(false);
        setComparing(id);
      }}
    />
  );
}

function TeamMain({
  settings,
  onSettings,
  onCompare,
  resolved,
}: {
  resolved: boolean;
  settings: Settings;
  onSettings: (settings: Settings) => void;
  onCompare: (recordId: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const status = useTeamStatus();
  const team = status.data?.team;
  return (
    <div className="sharing team">
      <h1 ref={heading} tabIndex={-1}>
        {team?.name ? t('team.titleNamed', { name: team.name }) : t('team.title')}
      </h1>
      <Alert>{status.error ? describeError(i18n, status.error) : ''}</Alert>
      <Alert tone="info">{resolved ? t('team.resolved') : ''}</Alert>
      {status.data && !team && <TeamSetup />}
      {status.data && team && (
        <>
          <TeamSyncSection status={status.data} settings={settings} onSettings={onSettings} />
          <TeamConflicts count={team.conflicts} onCompare={onCompare} />
          <TeamMembers members={team.members} />
        </>
      )}
    </div>
  );
}
