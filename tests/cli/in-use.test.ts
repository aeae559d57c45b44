import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, initVaultWithCli, runCli, runCliJson, stderrLines } from '../helpers/cli';
import { withRawDb } from '../helpers/raw-db';
import { useTempDirs } from '../helpers/temp-dirs';
import { TEST_PASSPHRASE } from '../helpers/vault';

/**
 * Two processes on one vault: the second must get VAULT.IN_USE at once (after the short busy
 * timeout), write nothing, and the vault must be intact once the first lets go.
 */
const temp = useTempDirs();

/** Starts tests/helpers/hold-vault.ts on `dir` and resolves once it holds the vault open. */
async function holdVault(dir: string): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/hold-vault.ts', dir], {
    cwd: REPO_ROOT,
    env: { ...process.env, TVAULT_PASSPHRASE: TEST_PASSPHRASE },
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`holder did not start: ${err}`)), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`holder exited early (${code}): ${err}`)));
  });
  return child;
}

function release(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.stdin.end();
  });
}

describe('a second process on the same vault', () => {
  it('gets VAULT.IN_USE (exit 5, one line), writes nothing; the vault is intact afterwards', async () => {
    const dir = temp.path('vault');
    await initVaultWithCli(dir);
    const v = ['--vault', dir];
    const { json: before } = await runCliJson<{ id: string }>([...v, 'add', '--title', 'before']);

    const holder = await holdVault(dir);
    let released = false;
    try {
      const list = await runCli([...v, 'list']);
      expect(list.code).toBe(5);
      const lines = stderrLines(list);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/open in another program/);
      const add = await runCliJson<{ error: { code: string } }>([
        ...v,
        'add',
        '--title',
        'second writer',
      ]);
      expect(add.code).toBe(5);
      expect(add.json.error.code).toBe('VAULT.IN_USE');
      const del = await runCliJson<{ error: { code: string } }>([
        ...v,
        'delete',
        before.id,
        '--yes',
      ]);
      expect(del.json.error.code).toBe('VAULT.IN_USE');
      // A wrong passphrase is not even tried while the vault is held: IN_USE comes first.
      const wrong = await runCli([...v, 'list'], {
        env: { TVAULT_PASSPHRASE: 'wrong wrong wrong' },
      });
      expect(wrong.code).toBe(5);
      expect(await release(holder)).toBe(0);
      released = true;
    } finally {
      if (!released) holder.kill('SIGKILL');
    }

    const list = await runCliJson<{ records: { title: string }[] }>([...v, 'list']);
    expect(list.code).toBe(0);
    expect(list.json.records.map((r) => r.title).sort()).toEqual([
      'before',
      'written by the holder',
    ]);
    withRawDb(dir, (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    });
  });

  it('a holder killed without closing leaves a vault that opens with every committed record', async () => {
    const dir = temp.path('vault');
    await initVaultWithCli(dir);
    const holder = await holdVault(dir);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.on('exit', resolve));
    const list = await runCliJson<{ records: { title: string }[] }>(['--vault', dir, 'list']);
    expect(list.code).toBe(0);
    expect(list.json.records.map((r) => r.title)).toEqual(['written by the holder']);
  });
});
