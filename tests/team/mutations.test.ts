import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vault } from '../../src/core/vault/vault';
import { queueParts } from '../../src/core/team/publish';
import { syncTeam } from '../../src/core/team/sync';
import { inviteMember, joinTeam } from '../../src/core/team/team';
import { archiveOf, given, makeTeam, syncAll, useTestVaults } from './helpers';

/**
 * Every change a user can make to a shared record reaches the other members (docs/team.md,
 * "What travels"): detaching one file, editing consent and tags, restoring a revision.
 */

function file(dir: string, name: string, size: number): string {
  const path = join(dir, name);
  writeFileSync(path, randomBytes(size));
  return path;
}

function custody(vault: Vault, action: string) {
  return [...vault.custody.entries()].filter((e) => e.action === action);
}

describe('changes to shared records travel to every member', () => {
  const vaults = useTestVaults();

  it('detaching one attachment on B removes it on A and C (row, key, blob), logged, for good', async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [Vault, Vault, Vault];
    const record = a.addRecord(given({ title: 'With two files' }));
    const kept = await a.attachments.attachFile(
      record.id,
      file(vaults.temp.path('.'), 'kept.jpg', 6000),
    );
    const gone = await a.attachments.attachFile(
      record.id,
      file(vaults.temp.path('.'), 'gone.jpg', 7000),
    );
    await syncAll(team);
    for (const member of team.members) expect(member.attachments.has(gone.id)).toBe(true);

    b.attachments.detach(gone.id);
    await syncAll(team);
    for (const member of team.members) {
      expect(member.attachments.list(record.id).map((x) => x.id)).toEqual([kept.id]);
      expect(existsSync(join(member.blobsDir, gone.id))).toBe(false);
      expect(readdirSync(member.blobsDir).some((n) => n.startsWith(gone.id))).toBe(false);
      // The team's copy of its entry (and its team key) is gone too.
      const entries = member.team.record(record.id)?.attachments ?? [];
      expect(entries.map((x) => x.id)).toEqual([kept.id]);
      expect(JSON.stringify(member.team.record(record.id))).not.toContain(gone.sha256);
      expect(custody(member, 'attachment.deleted').map((e) => e.attachment)).toEqual([gone.id]);
    }
    const published = custody(b, 'team.changeset.published').filter((e) => e.detail['detached']);
    expect(published.map((e) => e.detail['detached'])).toEqual([[gone.id]]);
    for (const member of [a, c]) {
      const applied = custody(member, 'team.changeset.applied').filter((e) => e.detail['detached']);
      expect(applied.map((e) => e.detail['detached'])).toEqual([[gone.id]]);
    }

    // Nothing brings it back: old change sets seen again, a member who never saw it, a new one.
    const names = readdirSync(team.folder).filter((n) => n.endsWith('.tvcs'));
    for (const member of team.members)
      for (const name of names) member.team.tables.delete('team_files', name);
    await syncAll(team);
    for (const member of team.members) expect(member.attachments.has(gone.id)).toBe(false);
    const d = (await vaults.create()).vault;
    inviteMember(a, { identity: d.identity.identityString(), name: 'D' });
    joinTeam(d, { teamId: team.teamId, inviter: a.identity.identityString(), folder: team.folder });
    await syncTeam(d);
    expect(d.attachments.list(record.id).map((x) => x.id)).toEqual([kept.id]);
  }, 120_000);

  it('a detach that arrives before its record waits, one before its attachment wins over it', async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [Vault, Vault, Vault];
    const hide = (names: string[], hidden: boolean) => {
      for (const name of names)
        if (hidden) renameSync(join(team.folder, name), join(team.folder, `${name}.hidden`));
        else renameSync(join(team.folder, `${name}.hidden`), join(team.folder, name));
    };
    const newFiles = async (work: () => Promise<unknown>) => {
      const before = new Set(readdirSync(team.folder));
      await work();
      return readdirSync(team.folder).filter((n) => n.endsWith('.tvcs') && !before.has(n));
    };
    // The record (with its file) is written by A; B detaches; C first sees only B's detach.
    const first = a.addRecord(given({ title: 'Arrives late' }));
    const early = await a.attachments.attachFile(
      first.id,
      file(vaults.temp.path('.'), 'a.pdf', 5000),
    );
    const fromA = await newFiles(() => syncTeam(a));
    await syncTeam(b);
    b.attachments.detach(early.id);
    const detach = await newFiles(() => syncTeam(b));
    hide(fromA, true);
    await syncTeam(c);
    expect(c.team.file(detach[0]!)).toEqual({ status: 'waiting', reason: 'record-missing' });
    hide(fromA, false);
    await syncTeam(c);
    expect(c.team.file(detach[0]!)?.status).toBe('applied');
    expect(c.records.get(first.id).title).toBe('Arrives late');
    expect(c.attachments.has(early.id)).toBe(false);

    // C knows the record but gets the detach of its new file before the file itself.
    const late = await a.attachments.attachFile(
      first.id,
      file(vaults.temp.path('.'), 'b.pdf', 5000),
    );
    const addsLate = await newFiles(() => syncTeam(a));
    await syncTeam(b);
    expect(b.attachments.has(late.id)).toBe(true);
    b.attachments.detach(late.id);
    await syncTeam(b);
    hide(addsLate, true);
    await syncTeam(c);
    hide(addsLate, false);
    await syncTeam(c);
    expect(c.team.file(addsLate[0]!)?.status).toBe('applied');
    expect(c.attachments.has(late.id)).toBe(false);
    expect(custody(c, 'attachment.added').map((e) => e.attachment)).not.toContain(late.id);
    await syncAll(team);
    for (const member of team.members) expect(member.attachments.list(first.id)).toEqual([]);
  }, 90_000);

  it("a detach naming another record's file, or an unknown file, deletes nothing", async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [Vault, Vault, Vault];
    const one = a.addRecord(given({ title: 'One' }));
    const two = a.addRecord(given({ title: 'Two' }));
    const info = await a.attachments.attachFile(one.id, file(vaults.temp.path('.'), 'x.pdf', 5000));
    await syncAll(team);
    // B (a member, so its signature is good) names the file under the wrong record, and a file
    // nobody attached.
    const unknown = 'ab'.repeat(16);
    b.transaction(() =>
      queueParts(
        b,
        b.team,
        [],
        [],
        [],
        [
          { record: two.id, id: info.id },
          { record: one.id, id: unknown },
        ],
      ),
    );
    await syncAll(team);
    for (const member of [a, c]) {
      expect(member.attachments.list(one.id).map((x) => x.id)).toEqual([info.id]);
      expect(custody(member, 'attachment.deleted')).toEqual([]);
      expect(member.team.record(one.id)?.attachments?.map((x) => x.id)).toEqual([info.id]);
    }
  }, 60_000);

  it('consent, tags and a restored revision travel as edits', async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [Vault, Vault, Vault];
    const record = a.addRecord(given({ title: 'First title', tags: ['one'] }));
    await syncAll(team);
    b.updateRecord(record.id, {
      tags: ['one', 'two'],
      consent: { status: 'given', scope: 'publish-anonymised' },
    });
    await syncAll(team);
    expect(c.records.get(record.id).tags).toEqual(['one', 'two']);
    expect(c.records.get(record.id).consent.scope).toBe('publish-anonymised');
    c.updateRecord(record.id, { title: 'Second title' });
    await syncAll(team);
    expect(a.records.get(record.id).title).toBe('Second title');
    const first = a.records.history(record.id).find((r) => r.title === 'First title')!;
    a.restoreRevision(record.id, first.revision);
    await syncAll(team);
    for (const member of team.members) {
      expect(member.records.get(record.id).title).toBe('First title');
      expect(archiveOf(member)).toBe(archiveOf(a));
    }
  }, 60_000);
});
