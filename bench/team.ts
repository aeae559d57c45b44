import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportBundle } from '../src/core/bundles/export';
import { receiveBundle } from '../src/core/bundles/receive';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { syncTeam } from '../src/core/team/sync';
import { initTeam, inviteMember, joinTeam } from '../src/core/team/team';
import { Vault } from '../src/core/vault/vault';
import { emptyFields } from '../src/shared/records/types';

/**
 * Issue 15's figures (docs/team.md, "Figures"): `members` vaults of one team, each with
 * `records` records, `attachments` attachments between them (`attachKiB` each), all synced
 * through a plain folder. Measured: a new member's first sync, an existing member's next sync
 * (which reads the invitation), then a sync after `changes` edits
 * (the author's publish and another member's apply), the bytes written to the folder per
 * change; beside them, in the same run, the same records exported as one bundle and received
 * by a fresh vault (time and size), the baseline a team folder replaces.
 */
export interface TeamBenchOptions {
  members: number;
  records: number;
  attachments: number;
  attachKiB: number;
  changes: number;
}

const PASSPHRASE = 'team bench passphrase';

function folderBytes(folder: string): number {
  return readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: Math.round(performance.now() - start), result };
}

async function* rows(count: number, member: number) {
  for (let i = 0; i < count; i++) {
    const fields = emptyFields();
    yield {
      line: i + 1,
      fields: {
        ...fields,
        title: `Testimony ${member}.${i}`,
        body: `What happened at the meeting, told by the witness (${member}.${i}). `.repeat(8),
        lang: 'en',
        tags: ['backlash', `district-${i % 20}`],
        consent: {
          ...fields.consent,
          status: 'given' as const,
          scope: 'share-with-partners' as const,
        },
      },
    };
  }
}

export async function benchTeam(opts: TeamBenchOptions): Promise<Record<string, number | string>> {
  const work = mkdtempSync(join(tmpdir(), 'tvault-bench-team-'));
  const vaults: Vault[] = [];
  const create = async (name: string) => {
    const { vault } = await Vault.create(join(work, name), PASSPHRASE, { kdf: TEST_KDF });
    vaults.push(vault);
    return vault;
  };
  try {
    const folder = join(work, 'team-folder');
    mkdirSync(folder);
    const members: Vault[] = [];
    for (let i = 0; i < opts.members; i++) members.push(await create(`member-${i}`));
    const [a, b] = members as [Vault, Vault];
    const { teamId } = initTeam(a, { name: 'Bench', folder });
    for (const [i, other] of members.slice(1).entries()) {
      inviteMember(a, { identity: other.identity.identityString(), name: `Member ${i + 2}` });
      joinTeam(other, { teamId, inviter: a.identity.identityString(), folder });
    }
    for (const member of members) await syncTeam(member);

    for (const [m, member] of members.entries()) {
      const { ids } = await member.importRows(rows(opts.records, m));
      const share =
        Math.floor(opts.attachments / opts.members) + (m < opts.attachments % opts.members ? 1 : 0);
      for (let i = 0; i < share; i++)
        await member.attachments.attachStream(
          ids[i % ids.length]!,
          (async function* () {
            yield randomBytes(opts.attachKiB * 1024);
          })(),
          {
            name: `photo-${m}-${i}.jpg`,
          },
        );
    }
    const initial = await timed(async () => {
      for (let round = 0; round < 2; round++) for (const member of members) await syncTeam(member);
    });
    const total = opts.members * opts.records;
    if (b.records.count() !== total) throw new Error(`B holds ${b.records.count()} of ${total}`);
    const folderAfterInitial = folderBytes(folder);

    // A new member's first sync: the whole archive from the folder.
    const newcomer = await create('newcomer');
    inviteMember(a, { identity: newcomer.identity.identityString(), name: 'Newcomer' });
    joinTeam(newcomer, { teamId, inviter: a.identity.identityString(), folder });
    const first = await timed(() => syncTeam(newcomer));
    if (newcomer.records.count() !== total || newcomer.attachments.count() !== opts.attachments)
      throw new Error(
        `the new member is not complete after its first sync: ${newcomer.records.count()} records, ${newcomer.attachments.count()} attachments, A ${a.records.count()}/${a.attachments.count()}, ${JSON.stringify(first.result)}`,
      );

    // An existing member's next sync reads the invitation too (it is addressed to every member).
    await syncTeam(a);
    const afterInvitation = await timed(() => syncTeam(b));

    // A sync after `changes` edits on A: A publishes, B applies.
    const before = folderBytes(folder);
    const edited = a.records.ids().slice(0, opts.changes);
    for (const id of edited) a.updateRecord(id, { title: `Edited ${id.slice(0, 6)}` });
    const publish = await timed(() => syncTeam(a));
    const apply = await timed(() => syncTeam(b));
    if (apply.result.applied < 1) throw new Error('B applied nothing');
    const perChangeBatch = (folderBytes(folder) - before) / opts.changes;
    const beforeOne = folderBytes(folder);
    a.updateRecord(edited[0]!, { title: 'Edited once more' });
    await syncTeam(a);
    const oneChange = folderBytes(folder) - beforeOne;

    // The same records (and files) as one bundle, received by a fresh vault.
    const outsider = await create('outsider');
    a.partners.add('Outsider', outsider.identity.identityString());
    a.partners.verify('Outsider');
    outsider.partners.add('A', a.identity.identityString());
    outsider.partners.verify('A');
    const bundlePath = join(work, 'all.tvbundle');
    const exported = await timed(() =>
      exportBundle(a, {
        all: true,
        to: ['Outsider'],
        out: bundlePath,
        confirmed: true,
        keepMetadata: true,
      }),
    );
    const received = await timed(() => receiveBundle(outsider, bundlePath));
    if (outsider.records.count() !== total)
      throw new Error('the bundle did not carry every record');

    return {
      members: opts.members,
      recordsPerMember: opts.records,
      attachments: opts.attachments,
      attachmentKiB: opts.attachKiB,
      initialSyncAllMembersMs: initial.ms,
      folderBytesAfterInitial: folderAfterInitial,
      newMemberFirstSyncMs: first.ms,
      memberSyncAfterInvitationMs: afterInvitation.ms,
      changes: opts.changes,
      syncAfterChangesPublishMs: publish.ms,
      syncAfterChangesApplyMs: apply.ms,
      folderBytesPerChangeIn100: Math.round(perChangeBatch),
      folderBytesForOneChange: oneChange,
      bundleExportMs: exported.ms,
      bundleReceiveMs: received.ms,
      bundleBytes: exported.result.size,
      firstSyncVsBundleReceive: Number((first.ms / received.ms).toFixed(2)),
      folderVsBundleBytes: Number((folderAfterInitial / exported.result.size).toFixed(2)),
    };
  } finally {
    for (const vault of vaults) vault.close();
    rmSync(work, { recursive: true, force: true });
  }
}
