import { randomBytes } from 'node:crypto';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHUNK_FILE_PLAIN_BYTES } from '../../src/core/team/attachment-chunks';
import { syncTeam } from '../../src/core/team/sync';
import { initTeam, inviteMember, joinTeam } from '../../src/core/team/team';
import type { Vault } from '../../src/core/vault/vault';
import { given } from '../team/helpers';
import { useTestVaults } from '../helpers/vault';
import { SyncthingInstance, syncthingAvailable, waitFor } from './syncthing-instance';

/**
 * Issue 15 with the real engine (`npm run test:syncthing`, outside `npm test`): three Syncthing
 * instances on this machine, loopback only, each syncing its vault's own team folder; a record
 * and a multi-chunk attachment added on A reach B and C through Syncthing and `team sync`.
 */
const available = syncthingAvailable();
if (!available)
  console.warn(
    'Skipping the Syncthing test: no `syncthing` on PATH (apt-get install syncthing, or set TVAULT_SYNCTHING).',
  );

/** The change sets and chunks in a folder, with their sizes. */
function teamFiles(folder: string): Map<string, number> {
  return new Map(
    readdirSync(folder)
      .filter((n) => /^[0-9a-f]{64}\.tv(cs|ch)$/.test(n))
      .map((n) => [n, statSync(join(folder, n)).size]),
  );
}

/** Until Syncthing on `from` says `to` is complete and every team file of `from` is in `to`. */
async function synced(from: SyncthingInstance, to: SyncthingInstance): Promise<void> {
  await from.scan();
  await waitFor(`${to.name} to receive ${from.name}'s files`, 120_000, async () => {
    const want = teamFiles(from.folder);
    const have = teamFiles(to.folder);
    if ([...want].some(([name, size]) => have.get(name) !== size)) return false;
    const { completion, needBytes } = await from.completionFor(to);
    return completion === 100 && needBytes === 0;
  });
}

describe.skipIf(!available)('a team folder synced by Syncthing', () => {
  const vaults = useTestVaults();
  const instances: SyncthingInstance[] = [];

  afterAll(async () => {
    for (const instance of instances) await instance.stop();
  });

  it('a record and an attachment added on A appear on B and C after team sync; an edit and a detach travel back', async () => {
    const root = vaults.temp.path('syncthing');
    for (const name of ['a', 'b', 'c']) instances.push(await SyncthingInstance.create(name, root));
    const [sa, sb, sc] = instances as [SyncthingInstance, SyncthingInstance, SyncthingInstance];
    for (const instance of instances) instance.configure(instances.filter((i) => i !== instance));
    for (const instance of instances) await instance.start();
    await waitFor('the instances to connect', 60_000, async () =>
      (await Promise.all([sa.connectedTo(sb), sa.connectedTo(sc), sb.connectedTo(sc)])).every(
        Boolean,
      ),
    );

    const [a, b, c] = (await Promise.all([vaults.create(), vaults.create(), vaults.create()])).map(
      (v) => v.vault,
    ) as [Vault, Vault, Vault];
    const { teamId } = initTeam(a, { name: 'Team', folder: sa.folder });
    for (const [member, instance, name] of [
      [b, sb, 'B'],
      [c, sc, 'C'],
    ] as const) {
      inviteMember(a, { identity: member.identity.identityString(), name });
      joinTeam(member, { teamId, inviter: a.identity.identityString(), folder: instance.folder });
    }
    await syncTeam(a);
    await synced(sa, sb);
    await synced(sa, sc);
    for (const member of [b, c]) expect((await syncTeam(member)).applied).toBeGreaterThan(0);

    const record = a.addRecord(given({ title: 'Carried by Syncthing' }));
    const path = vaults.temp.path('evidence.bin');
    writeFileSync(path, randomBytes(CHUNK_FILE_PLAIN_BYTES + 70_000));
    const attachment = await a.attachments.attachFile(record.id, path);
    expect((await syncTeam(a)).published).toBe(1);
    await synced(sa, sb);
    await synced(sa, sc);
    for (const member of [b, c]) {
      await syncTeam(member);
      expect(member.records.get(record.id).title).toBe('Carried by Syncthing');
      expect(member.attachments.get(attachment.id).sha256).toBe(attachment.sha256);
    }

    // And back: an edit on C reaches A.
    c.updateRecord(record.id, { title: 'Edited on C' });
    await syncTeam(c);
    await synced(sc, sa);
    await syncTeam(a);
    expect(a.records.get(record.id).title).toBe('Edited on C');

    // A file detached on B is gone on A and C.
    b.attachments.detach(attachment.id);
    await syncTeam(b);
    await synced(sb, sa);
    await synced(sb, sc);
    for (const member of [a, c]) {
      await syncTeam(member);
      expect(member.attachments.has(attachment.id)).toBe(false);
    }
  }, 300_000);
});
