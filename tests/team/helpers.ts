import type { FieldsPatch } from '../../src/shared/records/validate';
import type { Vault } from '../../src/core/vault/vault';
import { initTeam, inviteMember, joinTeam } from '../../src/core/team/team';
import { syncTeam } from '../../src/core/team/sync';
import { type TestVaults, useTestVaults } from '../helpers/vault';

export { useTestVaults };

/** A record the team receives: consent given (any scope). */
export function given(patch: FieldsPatch = {}): FieldsPatch {
  return {
    title: 'Testimony',
    body: 'What happened.',
    lang: 'en',
    ...patch,
    consent: { status: 'given', scope: 'archive-only', ...patch.consent },
  };
}

export interface Team {
  folder: string;
  teamId: string;
  members: Vault[];
}

/** Three (or n) vaults in one team over one plain folder, everyone synced once. */
export async function makeTeam(vaults: TestVaults, n = 3): Promise<Team> {
  const folder = vaults.temp.path('team-folder');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(folder, { recursive: true });
  const members: Vault[] = [];
  for (let i = 0; i < n; i++) members.push((await vaults.create()).vault);
  const [creator, ...others] = members;
  const { teamId } = initTeam(creator!, { name: 'Team', folder });
  for (const [i, other] of others.entries()) {
    inviteMember(creator!, { identity: other.identity.identityString(), name: `Member ${i + 2}` });
    joinTeam(other, { teamId, inviter: creator!.identity.identityString(), folder });
  }
  for (const member of members) await syncTeam(member);
  return { folder, teamId, members };
}

/** What every member must agree on: each record's id and content. */
export function archiveOf(vault: Vault): string {
  return JSON.stringify(
    vault.records.ids().map((id) => {
      const { revision: _r, provenance: _p, ...content } = vault.records.get(id);
      return content;
    }),
  );
}

export async function syncAll(team: Team, rounds = 2): Promise<void> {
  for (let round = 0; round < rounds; round++)
    for (const member of team.members) await syncTeam(member);
}
