import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initTeam, inviteMember, joinTeam } from '../../src/core/team/team';
import type { EventPayloads } from '../../src/shared/ipc/types';
import type { TeamSyncOutcome } from '../../src/shared/ipc/team';
import type { Handlers } from '../../src/main/ipc/handlers';
import type { VaultSession } from '../../src/main/vault-session';
import { testAppHandlers } from '../helpers/app-handlers';

const PASSPHRASE = 'correct horse battery staple';

interface App {
  session: VaultSession;
  handlers: Handlers;
  events: EventPayloads['team.sync'][];
}

let dir: string;
let apps: App[];

function makeApp(name: string): App {
  const events: App['events'] = [];
  const { session, handlers } = testAppHandlers(dir, name, (event, payload) => {
    if (event === 'team.sync') events.push(payload as EventPayloads['team.sync']);
  });
  const app = { session, handlers, events };
  apps.push(app);
  return app;
}

/** Two unlocked apps whose vaults are in one team over `folder`. */
async function twoMembers() {
  const folder = join(dir, 'team-folder');
  mkdirSync(folder);
  const amal = makeApp('amal');
  const bea = makeApp('bea');
  await amal.handlers['vault.create']({ passphrase: PASSPHRASE });
  await bea.handlers['vault.create']({ passphrase: PASSPHRASE });
  const a = amal.session.require();
  const b = bea.session.require();
  const { teamId } = initTeam(a, { name: 'Three cities', folder, memberName: 'Amal' });
  inviteMember(a, { identity: b.identity.identityString(), name: 'Bea' });
  joinTeam(b, { teamId, inviter: a.identity.identityString(), folder });
  return { folder, amal, bea };
}

function ok(outcome: TeamSyncOutcome) {
  if (!outcome.ok) throw new Error(`sync failed: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.counts;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tv-team-handlers-'));
  apps = [];
});

afterEach(() => {
  for (const app of apps) app.session.lock('quit');
  rmSync(dir, { recursive: true, force: true });
});

describe('team channels', () => {
  it('a vault in no team: no team in the status, TEAM.NOT_FOUND for a sync, nothing breaks', async () => {
    const solo = makeApp('solo');
    await solo.handlers['vault.create']({ passphrase: PASSPHRASE });
    const status = await solo.handlers['team.status']({});
    expect(status).toMatchObject({ team: null, syncing: false, last: null, intervalMinutes: 5 });
    await expect(solo.handlers['team.sync']({})).rejects.toMatchObject({ code: 'TEAM.NOT_FOUND' });
    await expect(solo.handlers['team.conflicts']({})).rejects.toMatchObject({
      code: 'TEAM.NOT_FOUND',
    });
    // Unlocking a vault in no team starts no sync.
    solo.session.lock('user');
    await solo.handlers['vault.unlock']({ passphrase: PASSPHRASE });
    expect(solo.events).toEqual([]);
  });

  it('status: the team, members with fingerprints, the last sync; a sync runs at unlock', async () => {
    const { folder, amal, bea } = await twoMembers();
    ok(await bea.handlers['team.sync']({}));
    const status = await bea.handlers['team.status']({});
    const b = bea.session.require();
    expect(status.team).toMatchObject({
      name: 'Three cities',
      folder,
      waiting: 0,
      unpublished: 0,
      conflicts: 0,
    });
    expect(status.team?.members).toEqual([
      { name: 'Amal', fingerprint: amal.session.require().identity.fingerprint(), me: false },
      { name: 'Bea', fingerprint: b.identity.fingerprint(), me: true },
    ]);
    expect(status.last).toMatchObject({ ok: true });

    bea.session.lock('user');
    bea.events.length = 0;
    await bea.handlers['vault.unlock']({ passphrase: PASSPHRASE });
    expect(bea.events[0]).toEqual({ phase: 'started' });
    expect((await bea.handlers['team.status']({})).syncing).toBe(true);
    const joined = await bea.handlers['team.sync']({});
    expect(joined.ok).toBe(true);
    expect(bea.events.map((e) => e.phase)).toEqual(['started', 'finished']);
  });

  it('a conflict: listed on both, both heads whole, resolved by keeping one, gone everywhere', async () => {
    const { amal, bea } = await twoMembers();
    const record = await amal.handlers['records.add']({
      fields: {
        title: 'Threats at the clinic',
        body: 'The first account.',
        consent: { status: 'given', scope: 'archive-only' },
      },
    });
    ok(await amal.handlers['team.sync']({}));
    ok(await bea.handlers['team.sync']({}));
    await amal.handlers['records.update']({ id: record.id, patch: { title: 'Threats (Amal)' } });
    await bea.handlers['records.update']({ id: record.id, patch: { body: 'Bea rewrote it.' } });
    ok(await amal.handlers['team.sync']({}));
    ok(await bea.handlers['team.sync']({}));
    ok(await amal.handlers['team.sync']({}));

    for (const app of [amal, bea]) {
      const [conflict, ...more] = await app.handlers['team.conflicts']({});
      expect(more).toEqual([]);
      expect(conflict?.recordId).toBe(record.id);
      expect(conflict?.heads.map((h) => h.authorName).sort()).toEqual(['Amal', 'Bea']);
      expect(conflict?.heads.filter((h) => h.shown)).toHaveLength(1);
      expect((await app.handlers['team.status']({})).team?.conflicts).toBe(1);
    }
    const heads = await bea.handlers['team.conflict']({ id: record.id });
    const mine = heads.find((h) => h.authorName === 'Amal')!;
    const theirs = heads.find((h) => h.authorName === 'Bea')!;
    expect(mine.fields).toMatchObject({ title: 'Threats (Amal)', body: 'The first account.' });
    expect(theirs.fields).toMatchObject({
      title: 'Threats at the clinic',
      body: 'Bea rewrote it.',
    });

    // A revision that is not a head is refused; nothing changes.
    await expect(
      bea.handlers['team.resolve']({ id: record.id, keep: 'f'.repeat(32) }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    expect(await bea.handlers['team.conflicts']({})).toHaveLength(1);

    await bea.handlers['team.resolve']({ id: record.id, keep: theirs.revision });
    expect(await bea.handlers['team.conflicts']({})).toEqual([]);
    ok(await amal.handlers['team.sync']({}));
    expect(await amal.handlers['team.conflicts']({})).toEqual([]);
    const kept = await amal.handlers['records.get']({ id: record.id });
    expect(kept).toMatchObject({ title: 'Threats at the clinic', body: 'Bea rewrote it.' });
    await expect(bea.handlers['team.conflict']({ id: record.id })).rejects.toMatchObject({
      code: 'INPUT.INVALID',
    });
  });

  it('a missing folder: the sync fails with FILE.IO naming the folder, shown in the status', async () => {
    const { folder, bea } = await twoMembers();
    renameSync(folder, `${folder}-moved`);
    const outcome = await bea.handlers['team.sync']({});
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('FILE.IO');
    expect(outcome.error.details['path']).toBe(folder);
    expect(bea.events.at(-1)).toEqual({ phase: 'failed', outcome });
    expect((await bea.handlers['team.status']({})).last).toEqual(outcome);
    // The folder back: the next sync completes.
    renameSync(`${folder}-moved`, folder);
    expect((await bea.handlers['team.sync']({})).ok).toBe(true);
  });
});
