import { useState } from 'react';
import { useResolveConflict, useTeamConflict } from '../data/team';
import { useI18n } from '../i18n/I18n';
import { SettingsScreen } from '../settings/SettingsScreen';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { ConflictTable, versionLabel } from './ConflictTable';

/**
 * One testimony's versions side by side; the person chooses the one to keep, and only then
 * is anything written (team.resolve). Nothing is chosen for them.
 */
export function ConflictCompare({
  id,
  onClose,
}: {
  id: string;
  onClose: (resolved: boolean) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const conflict = useTeamConflict(id);
  const resolve = useResolveConflict();
  const [keep, setKeep] = useState<string | null>(null);
  // Oldest first: the columns read as the edits happened.
  const heads = conflict.data
    ? [...conflict.data].sort(
        (a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.revision.localeCompare(b.revision),
      )
    : null;
  const shown = heads?.find((h) => h.shown) ?? heads?.[0];
  const title = shown?.fields?.title || t('team.untitled');
  const failure = conflict.error ?? resolve.error;
  return (
    <SettingsScreen
      title={t('team.compareTitle', { title })}
      closeLabel={t('team.back')}
      onClose={() => onClose(false)}
    >
      <Alert>{failure ? describeError(i18n, failure) : ''}</Alert>
      {heads && (
        <>
          <p>{t('team.compareIntro')}</p>
          <div className="conflict-scroll">
            <ConflictTable heads={heads} />
          </div>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (keep) resolve.mutate({ id, keep }, { onSuccess: () => onClose(true) });
            }}
          >
            <fieldset>
              <legend>{t('team.keepLegend')}</legend>
              {heads.map((h) => (
                <label className="check" key={h.revision}>
                  <input
                    type="radio"
                    name="keep"
                    value={h.revision}
                    checked={keep === h.revision}
                    onChange={() => setKeep(h.revision)}
                  />{' '}
                  {versionLabel(h, i18n)}
                  {h.deleted ? ` (${t('team.deletedVersion')})` : ''}
                </label>
              ))}
            </fieldset>
            <p className="verify-box">{t('team.keepWarning')}</p>
            <button type="submit" className="primary" disabled={!keep || resolve.isPending}>
              {t('team.keepButton')}
            </button>
          </form>
        </>
      )}
    </SettingsScreen>
  );
}
