import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NEW_PASSPHRASE, tvault } from './cli';
import type { Fixture } from './fixture';

/** A fresh copy of the template vault and an empty output folder, one pair per kill. */
export interface KillDirs {
  vault: string;
  out: string;
}

/** Where a command's effect stands: as before it, as after a whole run, or neither. */
export type State = 'old' | 'new' | 'half';

/** One writing command, as the harness runs, kills and judges it. */
export interface Scenario {
  name: string;
  args(fixture: Fixture, dirs: KillDirs): string[];
  env?: Record<string, string>;
  /** Files of the output folder that are plaintext on purpose once complete. */
  plaintextOutputs?(dirs: KillDirs): string[];
  /** Names the output folder may hold after the kill (anything else is a leftover). */
  outputNames?: string[];
  /**
   * The state of what the command writes outside the vault's counts (an output file, the
   * passphrase), or null when the counts say it all. A failed recovery step throws.
   */
  outside?(fixture: Fixture, dirs: KillDirs, openedWith: 'old' | 'new'): Promise<State | null>;
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

export const SCENARIOS: Scenario[] = [
  {
    name: 'import',
    args: (f, d) => ['--vault', d.vault, 'import', f.importFile],
  },
  {
    name: 'attach',
    args: (f, d) => ['--vault', d.vault, 'attach', f.recordId, f.attachFile],
  },
  {
    name: 'extract',
    args: (f, d) => [
      '--vault',
      d.vault,
      'extract',
      f.attachmentId,
      '--out',
      join(d.out, 'copy.bin'),
    ],
    plaintextOutputs: (d) => [join(d.out, 'copy.bin')],
    outputNames: ['copy.bin'],
    outside: async (f, d) => {
      const out = join(d.out, 'copy.bin');
      if (!existsSync(out)) return 'old';
      return sha256(out) === f.attachmentSha256 ? 'new' : 'half';
    },
  },
  {
    name: 'export',
    args: (f, d) => [
      '--vault',
      d.vault,
      'export',
      '--to',
      f.partner,
      '--all',
      '--yes',
      '--out',
      join(d.out, 'bundle.tvb'),
    ],
    outputNames: ['bundle.tvb'],
    outside: async (_f, d) => {
      const out = join(d.out, 'bundle.tvb');
      if (!existsSync(out)) return 'old';
      // A whole bundle reads (signature and all) with the sender's own vault.
      const inspected = await tvault(['--vault', d.vault, 'inspect', out]);
      return inspected.code === 0 ? 'new' : 'half';
    },
  },
  {
    name: 'receive',
    args: (f, d) => ['--vault', d.vault, 'receive', f.bundleFile],
  },
  {
    name: 'reindex',
    args: (_f, d) => ['--vault', d.vault, 'reindex'],
  },
  {
    name: 'delete',
    args: (f, d) => ['--vault', d.vault, 'delete', f.recordId, '--yes'],
  },
  {
    name: 'passwd',
    args: (_f, d) => ['--vault', d.vault, 'passwd'],
    env: { TVAULT_NEW_PASSPHRASE: NEW_PASSPHRASE },
    outside: async (_f, _d, openedWith) => openedWith,
  },
  {
    name: 'backup',
    args: (_f, d) => ['--vault', d.vault, 'backup', '--out', join(d.out, 'backup')],
    outputNames: ['backup'],
    outside: async (_f, d) => {
      // Recovery: the same backup again, into the folder the killed one left, must succeed.
      const again = await tvault(['--vault', d.vault, 'backup', '--out', join(d.out, 'backup')]);
      if (again.code !== 0) throw new Error(`backup again exited ${again.code}: ${again.stderr}`);
      return null;
    },
  },
  {
    name: 'restore-revision',
    args: (f, d) => ['--vault', d.vault, 'restore-revision', f.recordId, '--revision', '1'],
  },
];

/** Names in the output folder a scenario did not announce (hidden staging files included). */
export function strayOutputs(scenario: Scenario, dirs: KillDirs): string[] {
  if (!existsSync(dirs.out)) return [];
  return readdirSync(dirs.out).filter((name) => !(scenario.outputNames ?? []).includes(name));
}
