import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vault } from '../../src/core/vault/vault';
import { emptyFields } from '../../src/shared/records/types';
import { CHUNK_FILE_PLAIN_BYTES, writeChunks } from '../../src/core/team/attachment-chunks';
import {
  SPLIT_ATTACHMENTS,
  SPLIT_REVISIONS,
  paddedLength,
} from '../../src/core/team/changeset-format';
import { queueParts } from '../../src/core/team/publish';
import { encodeChangeSet, publishChangeSet } from '../../src/core/team/changeset-writer';
import { syncTeam } from '../../src/core/team/sync';
import { inviteMember, joinTeam } from '../../src/core/team/team';
import { given, makeTeam, syncAll, useTestVaults } from './helpers';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function chunkFiles(folder: string): string[] {
  return readdirSync(folder).filter((n) => n.endsWith('.tvch'));
}

/** A file of `size` random bytes with a marker we can look for in the folder afterwards. */
function evidence(dir: string, name: string, size: number, marker: Buffer): string {
  const bytes = randomBytes(size);
  for (let at = 0; at + marker.length <= size; at += 1_000_000) marker.copy(bytes, at);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function fileStatus(vault: Vault, folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.tvcs'))) {
    const state = vault.team.file(name);
    if (state) out[name] = `${state.status}:${state.reason ?? ''}`;
  }
  return out;
}

describe('attachments in team change sets', () => {
  const vaults = useTestVaults();

  it('an attachment added on A appears on B, C and a later member with the same SHA-256; nothing of it in clear in the folder', async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [Vault, Vault, Vault];
    const marker = Buffer.from('MARKER-' + randomBytes(12).toString('hex'));
    const record = a.addRecord(given({ title: 'Secret title xq7' }));
    const small = evidence(vaults.temp.path('.'), 'photo-of-witness.jpg', 20_000, marker);
    // Bigger than several chunk files (4 MiB of plaintext each).
    const big = evidence(
      vaults.temp.path('.'),
      'video.mp4',
      2 * CHUNK_FILE_PLAIN_BYTES + 12345,
      marker,
    );
    const first = await a.attachments.attachFile(record.id, small);
    const second = await a.attachments.attachFile(record.id, big);
    await syncAll(team);
    expect(chunkFiles(team.folder).length).toBe(1 + 3);

    for (const member of [b, c]) {
      const got = member.attachments.list(record.id);
      expect(got.map((x) => [x.id, x.name, x.sha256, x.size])).toEqual(
        [first, second].map((x) => [x.id, x.name, x.sha256, x.size]),
      );
      expect(got[1]!.sha256).toBe(sha256(readFileSync(big)));
      expect((await member.attachments.verify(second.id)).verified).toBe(true);
      const added = [...member.custody.entries()].filter((e) => e.action === 'attachment.added');
      expect(added.map((e) => e.detail['sha256']).sort()).toEqual(
        [first.sha256, second.sha256].sort(),
      );
    }
    // The publisher's custody entry names the files' hashes too.
    const published = [...a.custody.entries()].find(
      (e) => e.action === 'team.changeset.published' && e.detail['attachmentSha256'],
    );
    expect(published?.detail['attachmentSha256']).toEqual([first.sha256, second.sha256]);

    // A member invited later receives it through the invitation (chunks already in the folder).
    const d = (await vaults.create()).vault;
    inviteMember(a, { identity: d.identity.identityString(), name: 'D' });
    joinTeam(d, { teamId: team.teamId, inviter: a.identity.identityString(), folder: team.folder });
    await syncTeam(d);
    expect(d.attachments.list(record.id).map((x) => x.sha256)).toEqual([
      first.sha256,
      second.sha256,
    ]);

    // Nothing readable in the folder: no marker, title or file name; chunk sizes padded.
    for (const name of readdirSync(team.folder)) {
      const bytes = readFileSync(join(team.folder, name));
      for (const needle of [marker, Buffer.from('Secret title xq7'), Buffer.from('video.mp4')])
        expect(bytes.includes(needle)).toBe(false);
    }
    const smallChunk = chunkFiles(team.folder)
      .map((n) => readFileSync(join(team.folder, n)).length)
      .sort((x, y) => x - y)[0]!;
    expect(smallChunk).toBeGreaterThan(paddedLength(20_000));
  }, 120_000);

  it('a change set waits for a missing or damaged chunk, then applies', async () => {
    const team = await makeTeam(vaults);
    const [a, b] = team.members as [Vault, Vault];
    const record = a.addRecord(given());
    const before = new Set(chunkFiles(team.folder));
    const path = evidence(
      vaults.temp.path('.'),
      'long.bin',
      CHUNK_FILE_PLAIN_BYTES + 10,
      Buffer.from('x'),
    );
    const info = await a.attachments.attachFile(record.id, path);
    await syncTeam(a);
    const chunks = chunkFiles(team.folder).filter((n) => !before.has(n));
    expect(chunks).toHaveLength(2);
    const aside = vaults.temp.path('aside');
    renameSync(join(team.folder, chunks[0]!), aside);

    let report = await syncTeam(b);
    expect(report.waiting).toBe(1);
    expect(b.records.exists(record.id)).toBe(false); // nothing applied in part
    expect(Object.values(fileStatus(b, team.folder))).toContain('waiting:chunks-missing');

    // Back, but damaged (same size, one byte changed): still waiting, for a reason of its own.
    const good = readFileSync(aside);
    const bad = Buffer.from(good);
    bad.writeUInt8(bad.readUInt8(1000) ^ 1, 1000);
    writeFileSync(join(team.folder, chunks[0]!), bad);
    report = await syncTeam(b);
    expect(report.waiting).toBe(1);
    expect(b.attachments.has(info.id)).toBe(false);
    expect(b.records.exists(record.id)).toBe(false);
    expect(Object.values(fileStatus(b, team.folder))).toContain('waiting:chunk-damaged');
    expect(readdirSync(join(b.dir, 'blobs'))).toEqual([]); // the rolled-back blob is gone

    writeFileSync(join(team.folder, chunks[0]!), good);
    report = await syncTeam(b);
    expect(report.applied).toBe(1);
    expect(b.attachments.get(info.id).sha256).toBe(info.sha256);
  }, 60_000);

  it("rejects a member's change set whose chunks do not open, applying none of it", async () => {
    const team = await makeTeam(vaults);
    const [a, b] = team.members as [Vault, Vault];
    const content = randomBytes(50_000);
    const id = 'cd'.repeat(16);
    const base = {
      id,
      size: content.length,
      sha256: sha256(content),
      padded: paddedLength(content.length),
    };
    const chunks = await writeChunks(
      team.folder,
      { ...base, key: randomBytes(32).toString('hex') },
      [content],
    );
    const recordId = 'ef'.repeat(16);
    const now = new Date().toISOString();
    const config = a.team.requireConfig();
    const bytes = encodeChangeSet({
      recipients: team.members.map((v) => v.identity.publicIdentity().boxKey),
      signer: { identity: a.identity.identityString(), sign: (m) => a.identity.sign(m) },
      meta: {
        team: team.teamId,
        changeSetId: '12'.repeat(16),
        seq: config.seq + 50,
        epoch: a.team.chain().length,
        createdAt: now,
      },
      changes: {
        events: [],
        revisions: [
          {
            id: '34'.repeat(16),
            record: recordId,
            parents: [],
            deleted: false,
            fields: {
              ...emptyFields(),
              title: 'Signed',
              consent: { ...emptyFields().consent, status: 'given', scope: 'archive-only' },
            },
            createdAt: now,
            updatedAt: now,
          },
        ],
        // The chunks hash right, but the key given is not theirs.
        attachments: [
          {
            ...base,
            record: recordId,
            key: randomBytes(32).toString('hex'),
            name: 'x.bin',
            mime: 'application/octet-stream',
            description: '',
            modifiedAt: null,
            chunks,
          },
        ],
      },
    });
    publishChangeSet(team.folder, bytes);
    const report = await syncTeam(b);
    expect(report.rejected).toBe(1);
    expect(b.records.exists(recordId)).toBe(false);
    expect(b.attachments.has(id)).toBe(false);
    const reasons = [...b.custody.entries()]
      .filter((e) => e.action === 'team.changeset.rejected')
      .map((e) => e.detail['reason']);
    expect(reasons).toEqual(['attachment-invalid']);
    expect(readdirSync(join(b.dir, 'blobs'))).toEqual([]);
  }, 60_000);

  it('deleting the record deletes its attachments everywhere and forgets their team keys', async () => {
    const team = await makeTeam(vaults);
    const [a, b, c] = team.members as [Vault, Vault, Vault];
    const record = a.addRecord(given());
    const path = evidence(vaults.temp.path('.'), 'doc.pdf', 5000, Buffer.from('y'));
    const info = await a.attachments.attachFile(record.id, path);
    await syncAll(team);
    expect(c.attachments.has(info.id)).toBe(true);
    b.deleteRecord(record.id);
    await syncAll(team);
    for (const member of team.members) {
      expect(member.attachments.has(info.id)).toBe(false);
      expect(member.team.record(record.id)?.attachments).toBeUndefined();
    }
    // A replay of the old change sets brings nothing back.
    for (const member of team.members) await syncTeam(member);
    expect(c.attachments.has(info.id)).toBe(false);
  }, 60_000);
});

describe('how attachments are split among change sets', () => {
  const vaults = useTestVaults();

  it('puts every attachment with or after the revisions of its record, never before', async () => {
    const team = await makeTeam(vaults, 2);
    const a = team.members[0]!;
    const revisions = Array.from({ length: SPLIT_REVISIONS * 2 + 5 }, (_, i) =>
      i.toString(16).padStart(32, '0'),
    );
    const refs = Array.from({ length: SPLIT_ATTACHMENTS * 3 - 1 }, (_, i) => ({
      record: revisions[revisions.length - 1 - i]!,
      id: i.toString(16).padStart(32, 'a'),
    }));
    a.transaction(() => queueParts(a, a.team, revisions, [1], refs));
    const parts = a.team.outbox();
    const lastWithRevisions = parts.findLastIndex((p) => p.revisions.length > 0);
    expect(parts.flatMap((p) => p.revisions)).toEqual(revisions);
    expect(parts.flatMap((p) => p.attachments ?? [])).toEqual(refs);
    expect(parts[0]!.events).toEqual([1]);
    parts.forEach((p, index) => {
      if (p.attachments) expect(index).toBeGreaterThanOrEqual(lastWithRevisions);
      expect(p.attachments?.length ?? 0).toBeLessThanOrEqual(SPLIT_ATTACHMENTS);
    });
    a.transaction(() => a.team.setOutbox([]));
  });
});
