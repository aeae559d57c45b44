import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n/I18n';

const COMMANDS: [MessageKey, string][] = [
  ['team.setupCreate', 'tvault team init NAME --folder DIR'],
  ['team.setupInvite', 'tvault team invite IDENTITY --name NAME'],
  ['team.setupJoin', 'tvault team join TEAM_ID --inviter IDENTITY --folder DIR'],
];

/** A vault in no team: what a team is, and the commands that set one up. */
export function TeamSetup() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="team-setup">
      <h2 id="team-setup">{t('team.none')}</h2>
      <p>{t('team.setupIntro')}</p>
      <ol className="team-setup">
        {COMMANDS.map(([key, command]) => (
          <li key={key}>
            {t(key)}
            <pre dir="ltr">
              <code>{command}</code>
            </pre>
          </li>
        ))}
      </ol>
      <p className="muted">{t('team.setupDocs')}</p>
    </section>
  );
}
