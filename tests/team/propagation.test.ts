import { describe, expect, it } from 'vitest';
import { syncTeam } from '../../src/core/team/sync';
import {
  inviteMember,
  joinTeam,
  listConflicts,
  resolveConflict,
  teamMembers,
} from '../../src/core/team/team';
import { archiveOf, given, makeTeam, syncAll, useTestVaults } from './helpers';

describe('team archive over a plain shared folder', () => {
  const vaults = useTestVaults();

  it('forms a team of three that every member sees the same', async () => {
    const team = await makeTeam(vaults);
    for (const member of team.members) {
      const view = teamMembers(member);
      expect(view.teamId).toBe(team.teamId);
      expect(view.members.map((m) => m.fingerprint).sort()).toEqual(
        team.members.map((v) => v.identity.fingerprint()).sort(),
      );
    }
  });

  it('propagates an added, edited and deleted record to every member', async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [
      (typeof team.members)[0],
      (typeof team.members)[0],
      (typeof team.members)[0],
    ];
    const record = a.addRecord(given({ title: 'From A' }));
    await syncAll(team);
    expect(b.records.get(record.id).title).toBe('From A');
    expect(c.records.get(record.id).title).toBe('From A');

    b.updateRecord(record.id, { title: 'Edited by B' });
    await syncAll(team);
    for (const member of team.members)
      expect(member.records.get(record.id).title).toBe('Edited by B');
    expect(listConflicts(a)).toEqual([]);

    c.deleteRecord(record.id);
    await syncAll(team);
    for (const member of team.members) expect(member.records.exists(record.id)).toBe(false);
    expect(archiveOf(a)).toBe(archiveOf(b));
  });

  it('keeps records whose consent is not given on their laptop', async () => {
    const team = await makeTeam(vaults);
    const [a, b] = team.members;
    const kept = a!.addRecord(given({ consent: { status: 'unknown', scope: 'archive-only' } }));
    await syncAll(team);
    expect(b!.records.exists(kept.id)).toBe(false);
  });

  it('lists concurrent edits as a conflict, resolves it, and converges', async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [
      (typeof team.members)[0],
      (typeof team.members)[0],
      (typeof team.members)[0],
    ];
    const record = a.addRecord(given({ title: 'Original' }));
    await syncAll(team);
    a.updateRecord(record.id, { title: 'A version' });
    b.updateRecord(record.id, { title: 'B version' });
    await syncTeam(a);
    await syncTeam(b);
    await syncAll(team);
    const conflicts = listConflicts(c);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]!.heads.map((h) => h.title).sort()).toEqual(['A version', 'B version']);
    // Every member shows the same head meanwhile, and lists the same conflict.
    expect(archiveOf(a)).toBe(archiveOf(b));
    expect(archiveOf(b)).toBe(archiveOf(c));
    expect(listConflicts(a)).toEqual(conflicts);

    const keep = conflicts[0]!.heads.find((h) => h.title === 'A version')!.revision;
    resolveConflict(c, record.id, keep);
    await syncAll(team);
    for (const member of team.members) {
      expect(listConflicts(member)).toEqual([]);
      expect(member.records.get(record.id).title).toBe('A version');
    }
  });

  it('a member invited later receives the whole archive, a record edited back to life too', async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [
      (typeof team.members)[0],
      (typeof team.members)[0],
      (typeof team.members)[0],
    ];
    const kept = a.addRecord(given({ title: 'Kept' }));
    const revived = a.addRecord(given({ title: 'Deleted on C, edited on B' }));
    await syncAll(team);
    c.deleteRecord(revived.id);
    await syncTeam(c);
    await syncTeam(a); // A erases its copy's contents: only ids and links stay
    b.updateRecord(revived.id, { body: 'B had not seen the deletion' });
    await syncAll(team);
    expect(a.records.exists(revived.id)).toBe(true);

    const late = (await vaults.create()).vault;
    inviteMember(a, { identity: late.identity.identityString(), name: 'Late' });
    joinTeam(late, {
      teamId: team.teamId,
      inviter: a.identity.identityString(),
      folder: team.folder,
    });
    const report = await syncTeam(late);
    expect(report.waiting).toBe(0);
    expect(late.records.get(kept.id).title).toBe('Kept');
    expect(archiveOf(late)).toBe(archiveOf(a));
    // The same open conflict (delete versus edit). Revisions an invitation carries are the
    // inviter's to vouch for: their author is the inviter (docs/team.md, "Limits").
    const withoutAuthors = (v: typeof a) =>
      listConflicts(v).map((x) => ({ ...x, heads: x.heads.map(({ author: _, ...h }) => h) }));
    expect(withoutAuthors(late)).toEqual(withoutAuthors(a));
    expect(listConflicts(late)[0]!.heads.every((h) => h.author === a.identity.fingerprint())).toBe(
      true,
    );
  });
});
