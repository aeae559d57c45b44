import type { TeamMemberView } from '../../../shared/ipc/team';
import { useI18n } from '../i18n/I18n';

/** The current members with their fingerprints, and what removing one means. */
export function TeamMembers({ members }: { members: TeamMemberView[] }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="team-members">
      <h2 id="team-members">{t('team.membersTitle')}</h2>
      <table className="partners">
        <thead>
          <tr>
            <th scope="col">{t('sharing.partnerName')}</th>
            <th scope="col">{t('sharing.fingerprint')}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.fingerprint}>
              <th scope="row">
                <bdi>{m.name}</bdi>
                {m.me && <span className="badge ok">{t('team.thisVault')}</span>}
              </th>
              <td>
                <span className="fingerprint" dir="ltr">
                  {m.fingerprint}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('team.removalTitle')}</h3>
      <p>{t('team.removal')}</p>
      <p className="verify-box">{t('team.removalLimit')}</p>
    </section>
  );
}
