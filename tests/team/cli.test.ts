import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';

/** `tvault team …` driven as a user would, without a terminal: two vaults and a plain folder. */
const temp = useTempDirs();
const SLOW = 240_000;

describe('tvault team', () => {
  it(
    'init, invite (fingerprint confirmed), join, sync, members; typed errors and exit codes',
    async () => {
      const root = temp.make();
      const folder = join(root, 'team');
      mkdirSync(folder);
      const a = ['--vault', join(root, 'a')];
      const b = ['--vault', join(root, 'b')];
      await Promise.all([initVaultWithCli(a[1]!), initVaultWithCli(b[1]!)]);
      const ia = (await runCliJson<{ identity: string }>([...a, 'identity'])).json.identity;
      const ib = (await runCliJson<{ identity: string }>([...b, 'identity'])).json.identity;

      const none = await runCliJson<{ error: { code: string } }>([...b, 'team', 'sync']);
      expect(none.code).toBe(4);
      expect(none.json.error.code).toBe('TEAM.NOT_FOUND');

      const created = await runCliJson<{ teamId: string }>([
        ...a,
        'team',
        'init',
        'Field team',
        '--folder',
        folder,
      ]);
      expect(created.code).toBe(0);
      const again = await runCliJson<{ error: { code: string } }>([
        ...a,
        'team',
        'init',
        'Other',
        '--folder',
        folder,
      ]);
      expect(again.code).toBe(2);
      expect(again.json.error.code).toBe('TEAM.EXISTS');

      // No terminal and no --yes: nobody compared the fingerprint, so nothing happens.
      const unconfirmed = await runCli([...a, 'team', 'invite', ib, '--name', 'Beta']);
      expect(unconfirmed.code).toBe(2);
      const invited = await runCli([...a, 'team', 'invite', ib, '--name', 'Beta', '--yes']);
      expect(invited.code).toBe(0);
      expect(invited.stdout).toContain(`team join ${created.json.teamId}`);
      const joined = await runCli([
        ...b,
        'team',
        'join',
        created.json.teamId,
        '--inviter',
        ia,
        '--folder',
        folder,
        '--yes',
      ]);
      expect(joined.code).toBe(0);

      const added = await runCliJson<{ id: string }>([
        ...a,
        'add',
        '--title',
        'Shared testimony',
        '--consent',
        'given',
      ]);
      expect(added.code).toBe(0);
      expect((await runCli([...a, 'team', 'sync'])).code).toBe(0);
      const synced = await runCliJson<{ applied: number }>([...b, 'team', 'sync']);
      expect(synced.code).toBe(0);
      expect(synced.json.applied).toBeGreaterThan(0);
      const shown = await runCliJson<{ title: string }>([...b, 'show', added.json.id]);
      expect(shown.json.title).toBe('Shared testimony');

      const members = await runCliJson<{ members: { name: string }[] }>([...b, 'team', 'members']);
      expect(members.json.members.map((m) => m.name).sort()).toEqual(['Beta', 'creator']);
      const conflicts = await runCliJson<{ conflicts: unknown[] }>([...b, 'team', 'conflicts']);
      expect(conflicts.json.conflicts).toEqual([]);
      const resolve = await runCliJson<{ error: { code: string } }>([
        ...b,
        'team',
        'resolve',
        added.json.id,
        '--keep',
        'deadbeefdeadbeef',
      ]);
      expect(resolve.code).toBe(2);
      expect(resolve.json.error.code).toBe('INPUT.INVALID');
    },
    SLOW,
  );
});
