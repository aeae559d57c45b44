import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vault } from '../../src/core/vault/vault';
import { encodeChangeSet, changeSetName } from '../../src/core/team/changeset-writer';
import { collectLocalChanges, writeOutbox } from '../../src/core/team/publish';
import { syncTeam } from '../../src/core/team/sync';
import { removeMember } from '../../src/core/team/team';
import { archiveOf, given, makeTeam, syncAll, useTestVaults } from './helpers';

function logReasons(vault: Vault): string[] {
  return [...vault.custody.entries()]
    .filter((e) => e.action === 'team.changeset.rejected')
    .map((e) => String(e.detail['reason']));
}

function files(folder: string): string[] {
  return readdirSync(folder).filter((n) => n.endsWith('.tvcs'));
}

/** A change set for the team written with any signer (a forger, a non-member). */
function forged(
  team: { teamId: string },
  recipients: Vault[],
  signer: { identity: string; sign: (m: Uint8Array) => Uint8Array },
  recordId = 'ab'.repeat(16),
): Uint8Array {
  return encodeChangeSet({
    recipients: recipients.map((v) => v.identity.publicIdentity().boxKey),
    signer,
    meta: {
      team: team.teamId,
      changeSetId: 'cd'.repeat(16),
      seq: 1,
      epoch: 3,
      createdAt: new Date().toISOString(),
    },
    changes: {
      events: [],
      revisions: [
        {
          id: 'ef'.repeat(16),
          record: recordId,
          parents: [],
          deleted: false,
          fields: {
            title: 'Forged',
            body: '',
            consent: { status: 'given', scope: 'archive-only' },
          },
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        },
      ],
    },
  });
}

describe('team sync: bad input and faults', () => {
  const vaults = useTestVaults();

  it('refuses a non-member and a bad signature, applying nothing, with a logged reason', async () => {
    const team = await makeTeam(vaults);
    const [a, b] = team.members as [Vault, Vault];
    const outsider = (await vaults.create()).vault;
    const before = archiveOf(b);
    const stranger = forged(team, [a, b], {
      identity: outsider.identity.identityString(),
      sign: (m) => outsider.identity.sign(m),
    });
    writeFileSync(join(team.folder, changeSetName(stranger)), stranger);
    // Claims to be A, signed by the outsider's key.
    const impostor = forged(team, [a, b], {
      identity: a.identity.identityString(),
      sign: (m) => outsider.identity.sign(m),
    });
    writeFileSync(join(team.folder, changeSetName(impostor)), impostor);
    const report = await syncTeam(b);
    expect(report.rejected).toBe(2);
    expect(archiveOf(b)).toBe(before);
    expect(logReasons(b).sort()).toEqual(['BUNDLE.BAD_SIGNATURE', 'not-a-member']);
    // Refused for good: not read (or logged) again.
    expect((await syncTeam(b)).rejected).toBe(0);
  });

  it('applies nothing of a change set with one invalid record among valid ones', async () => {
    const team = await makeTeam(vaults);
    const [a, b] = team.members as [Vault, Vault];
    const now = new Date().toISOString();
    const good = { title: 'Valid', consent: { status: 'given', scope: 'archive-only' } };
    const bytes = encodeChangeSet({
      recipients: [a, b].map((v) => v.identity.publicIdentity().boxKey),
      signer: { identity: a.identity.identityString(), sign: (m) => a.identity.sign(m) },
      meta: { team: team.teamId, changeSetId: '12'.repeat(16), seq: 99, epoch: 3, createdAt: now },
      changes: {
        events: [],
        revisions: [
          {
            id: '34'.repeat(16),
            record: '56'.repeat(16),
            parents: [],
            deleted: false,
            fields: good,
            createdAt: now,
            updatedAt: now,
          },
          {
            id: '78'.repeat(16),
            record: '9a'.repeat(16),
            parents: [],
            deleted: false,
            fields: { ...good, title: '' },
            createdAt: now,
            updatedAt: now,
          },
        ],
      },
    });
    writeFileSync(join(team.folder, changeSetName(bytes)), bytes);
    const before = archiveOf(b);
    expect((await syncTeam(b)).rejected).toBe(1);
    expect(archiveOf(b)).toBe(before);
    expect(b.team.record('56'.repeat(16))).toBeNull();
    expect(logReasons(b)).toEqual(['invalid-record']);
  });

  it('skips truncated and temporary files until the complete file is there', async () => {
    const team = await makeTeam(vaults);
    const [a, b] = team.members as [Vault, Vault];
    const record = a.addRecord(given({ title: 'Arrives late' }));
    const elsewhere = vaults.temp.make();
    a.team.setConfig({ ...a.team.requireConfig(), folder: elsewhere });
    await syncTeam(a);
    const [name] = files(elsewhere);
    const bytes = readFileSync(join(elsewhere, name!));
    // The engine's partial copy under the final name, its temporary files, a renamed copy.
    writeFileSync(join(team.folder, name!), bytes.subarray(0, bytes.length - 100));
    writeFileSync(join(team.folder, `.syncthing.${name}.tmp`), bytes.subarray(0, 10));
    writeFileSync(join(team.folder, `${name}.part`), bytes);
    writeFileSync(join(team.folder, 'copy of file.tvcs'), bytes);
    // A truncated change set under its own hash: complete as a file, but cut.
    const cut = bytes.subarray(0, bytes.length - 100);
    writeFileSync(join(team.folder, changeSetName(cut)), cut);
    const first = await syncTeam(b);
    expect(first).toMatchObject({ applied: 0, incomplete: 1, other: 3, rejected: 1 });
    expect(b.records.exists(record.id)).toBe(false);
    expect(logReasons(b)).toEqual(['BUNDLE.INTEGRITY']);
    writeFileSync(join(team.folder, name!), bytes);
    expect((await syncTeam(b)).applied).toBe(1);
    expect(b.records.get(record.id).title).toBe('Arrives late');
  });

  it('applies a change set whose parents arrive later, and ignores a replay', async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [Vault, Vault, Vault];
    const hidden = vaults.temp.make();
    a.team.setConfig({ ...a.team.requireConfig(), folder: hidden });
    const record = a.addRecord(given({ title: 'v1' }));
    await syncTeam(a);
    const [parent] = files(hidden);
    a.updateRecord(record.id, { title: 'v2' });
    await syncTeam(a);
    const child = files(hidden).find((n) => n !== parent)!;
    copyFileSync(join(hidden, child), join(team.folder, child));
    const early = await syncTeam(b);
    expect(early).toMatchObject({ applied: 0, waiting: 1 });
    expect(b.records.exists(record.id)).toBe(false);
    copyFileSync(join(hidden, parent!), join(team.folder, parent!));
    expect(await syncTeam(b)).toMatchObject({ applied: 2, waiting: 0 });
    expect(b.records.get(record.id).title).toBe('v2');

    // A crash after writing the file, before marking it: the next sync writes it again.
    a.team.setConfig({ ...a.team.requireConfig(), folder: team.folder });
    a.updateRecord(record.id, { title: 'v3' });
    collectLocalChanges(a, a.team);
    const queued = a.team.outbox();
    writeOutbox(a, a.team);
    a.transaction(() => a.team.setOutbox(queued));
    await syncTeam(a);
    expect(files(team.folder).length).toBeGreaterThan(2);
    const report = await syncTeam(c);
    expect(report.rejected).toBe(1);
    expect(logReasons(c)).toContain('replay');
    expect(c.records.get(record.id).title).toBe('v3');
    expect(c.records.history(record.id).length).toBe(b.records.history(record.id).length + 1);
  });

  it("refuses a removed member's change sets written after the removal", async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [Vault, Vault, Vault];
    const record = a.addRecord(given({ title: 'Before' }));
    await syncAll(team);
    removeMember(a, c.identity.identityString());
    // C has not synced since: it edits and publishes to the members it still knows.
    c.updateRecord(record.id, { title: 'Written after removal' });
    await syncTeam(c);
    await syncTeam(b);
    expect(b.records.get(record.id).title).toBe('Before');
    expect(logReasons(b)).toContain('after-removal');
    expect(
      b.team
        .chain()
        .members()
        .map((m) => m.fingerprint),
    ).not.toContain(c.identity.fingerprint());
    // Later change sets are not addressed to C.
    a.updateRecord(record.id, { title: 'After' });
    await syncTeam(a);
    await syncTeam(b);
    expect(b.records.get(record.id).title).toBe('After');
    await syncTeam(c);
    expect(c.records.get(record.id).title).toBe('Written after removal');
  });
});
