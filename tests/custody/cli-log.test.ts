import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';

const temp = useTempDirs();

interface LogJson {
  entries: {
    seq: number;
    at: string;
    action: string;
    record?: string;
    attachment?: string;
    detail: Record<string, unknown>;
  }[];
}

describe('tvault log', () => {
  it('--json lists every action in order; --record keeps one record', async () => {
    const dir = temp.path('vault');
    await initVaultWithCli(dir);
    const v = ['--vault', dir];
    const a = (await runCliJson<{ id: string }>([...v, 'add', '--title', 'secret title A'])).json
      .id;
    await runCliJson([...v, 'add', '--title', 'B']);
    await runCliJson([...v, 'show', a]);
    const all = await runCliJson<LogJson>([...v, 'log']);
    expect(all.code).toBe(0);
    expect(all.json.entries.map((e) => e.action)).toEqual([
      'vault.created',
      'vault.unlocked',
      'record.created',
      'vault.unlocked',
      'record.created',
      'vault.unlocked',
      'record.opened',
      // `log` itself reads no testimony: its unlock is not logged (docs/custody.md).
    ]);
    for (const entry of all.json.entries) {
      expect(Object.keys(entry)).toEqual(expect.arrayContaining(['seq', 'at', 'action', 'detail']));
    }
    const one = await runCliJson<LogJson>([...v, 'log', '--record', a.slice(0, 8)]);
    expect(one.json.entries.map((e) => [e.action, e.record])).toEqual([
      ['record.created', a],
      ['record.opened', a],
    ]);
    const text = await runCli([...v, 'log']);
    expect(text.stdout).toContain('record.opened');
    expect(text.stdout).not.toContain('secret title');
  });

  it('an unknown record: exit 4', async () => {
    const dir = temp.path('vault');
    await initVaultWithCli(dir);
    const result = await runCli(['--vault', dir, 'log', '--record', 'abcdef12']);
    expect(result.code).toBe(4);
  });
});
