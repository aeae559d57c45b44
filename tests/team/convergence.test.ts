import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Vault } from '../../src/core/vault/vault';
import { syncTeam } from '../../src/core/team/sync';
import { listConflicts, resolveConflict } from '../../src/core/team/team';
import { archiveOf, given, makeTeam, syncAll, useTestVaults } from './helpers';

/**
 * Issue 15: the same change sets delivered in any order, in any batches, give every member the
 * same archive (records and their content) and the same open conflicts. A fourth member, D,
 * stays offline while A, B and C add, edit concurrently, delete one record while another
 * member edits it, resolve a conflict, attach two files (B) and detach one of them (A); then copies
 * of D receive the folder's files (change sets and chunk files) in random orders and batches. numRuns stays modest: each run opens a vault and syncs a few times.
 */
const RUNS = 6;

/** Every attachment held: record, id and SHA-256. */
function attachmentsOf(vault: Vault): string[][] {
  return vault.records
    .ids()
    .flatMap((id) => vault.attachments.list(id).map((x) => [id, x.id, x.sha256]));
}

describe('team convergence', () => {
  const vaults = useTestVaults();

  it('random delivery orders of the same change sets converge to the same archive', async () => {
    const team = await makeTeam(vaults, 4);
    const [a, b, c, d] = team.members as [Vault, Vault, Vault, Vault];
    const online = { ...team, members: [a, b, c] };
    const r1 = a.addRecord(given({ title: 'One' }));
    const r2 = a.addRecord(given({ title: 'Two' }));
    const r3 = b.addRecord(given({ title: 'Three' }));
    const photo = (name: string) => {
      const path = vaults.temp.path(name);
      writeFileSync(path, randomBytes(5000));
      return path;
    };
    const kept = await b.attachments.attachFile(r3.id, photo('kept.jpg'));
    const gone = await b.attachments.attachFile(r3.id, photo('gone.jpg'));
    await syncAll(online);
    a.attachments.detach(gone.id);
    a.updateRecord(r1.id, { title: 'One, by A' });
    b.updateRecord(r1.id, { title: 'One, by B' });
    c.deleteRecord(r2.id);
    b.updateRecord(r2.id, { body: 'Edited while C deleted it' });
    c.updateRecord(r3.id, { title: 'Three, by C' });
    a.addRecord(given({ title: 'Four' }));
    await syncAll(online);
    const conflict = listConflicts(a).find((x) => x.recordId === r1.id)!;
    resolveConflict(a, r1.id, conflict.heads.find((h) => h.title === 'One, by B')!.revision);
    await syncAll(online);
    expect(archiveOf(b)).toBe(archiveOf(a));
    expect(archiveOf(c)).toBe(archiveOf(a));
    const expected = {
      archive: archiveOf(a),
      conflicts: listConflicts(a),
      attachments: attachmentsOf(a),
    };
    expect(attachmentsOf(c)).toEqual(expected.attachments);
    expect(expected.attachments).toEqual([[r3.id, kept.id, kept.sha256]]);
    // The delete-versus-edit stays open: the edit is shown, nothing is lost.
    expect(expected.conflicts.map((x) => x.recordId)).toEqual([r2.id]);

    const offline = d.dir;
    d.close();
    const names = readdirSync(team.folder).filter((n) => /\.tv(cs|ch)$/.test(n));
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }),
        fc.array(fc.integer({ min: 1, max: names.length }), { minLength: 1, maxLength: 4 }),
        async (order, cuts) => {
          const copy = vaults.temp.path('member-d');
          cpSync(offline, copy, { recursive: true });
          const member = await vaults.open(copy);
          const folder = vaults.temp.path('folder-d');
          mkdirSync(folder);
          member.team.setConfig({ ...member.team.requireConfig(), folder });
          try {
            for (const cut of [...cuts.sort((x, y) => x - y), order.length]) {
              for (const name of order.slice(0, cut))
                copyFileSync(join(team.folder, name), join(folder, name));
              await syncTeam(member);
            }
            expect(archiveOf(member)).toBe(expected.archive);
            expect(listConflicts(member)).toEqual(expected.conflicts);
            expect(attachmentsOf(member)).toEqual(expected.attachments);
          } finally {
            member.close();
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
