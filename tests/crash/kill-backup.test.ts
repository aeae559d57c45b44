import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, initVaultWithCli, runCli, runCliJson } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/vault';
import { useTempDirs } from '../helpers/temp-dirs';

/**
 * Issue 11, found by the crash harness: `tvault backup --out DIR` killed inside its writes left
 * DIR without its backup.json, and the same backup run again was refused (exit 2). Each run here
 * is killed (SIGKILL) at a point inside the copy, seen from outside: once the database copy's
 * temporary file exists, or once the first blob is in DIR/blobs. The same backup run again must
 * then succeed and leave exactly a backup that restores.
 */
const temp = useTempDirs();
const ATTACHMENTS = 4;
const ATTACHMENT_BYTES = 12 * 1024 * 1024;

type KillPoint = (out: string) => boolean;

const DATABASE_COPY: KillPoint = (out) =>
  existsSync(out) && readdirSync(out).some((name) => name.startsWith('.vault.db.tmp-'));
const FIRST_BLOB: KillPoint = (out) =>
  existsSync(join(out, 'blobs')) &&
  readdirSync(join(out, 'blobs')).some((name) => !name.startsWith('.'));

/** Runs `tvault backup --out out` and kills it as soon as `point` holds (polled every 1 ms). */
function backupKilledAt(vault: string, out: string, point: KillPoint): Promise<boolean> {
  return new Promise((resolve) => {
    const env = { ...process.env, TVAULT_TEST_KDF: '1', TVAULT_PASSPHRASE: TEST_PASSPHRASE };
    const child = spawn(process.execPath, [CLI_PATH, '--vault', vault, 'backup', '--out', out], {
      env,
      stdio: 'ignore',
    });
    let killed = false;
    const poll = setInterval(() => {
      if (point(out)) {
        killed = child.kill('SIGKILL');
        clearInterval(poll);
      }
    }, 1);
    child.on('close', () => {
      clearInterval(poll);
      resolve(killed);
    });
  });
}

async function vaultWithEvidence(): Promise<string> {
  const vault = temp.path('vault');
  await initVaultWithCli(vault);
  const work = temp.make();
  const jsonl = join(work, 'records.jsonl');
  const body = 'An account told at length. '.repeat(40);
  writeFileSync(
    jsonl,
    Array.from({ length: 2000 }, (_, i) => JSON.stringify({ title: `r${i}`, body })).join('\n'),
  );
  expect((await runCli(['--vault', vault, 'import', jsonl])).code).toBe(0);
  const added = await runCliJson<{ id: string }>([
    '--vault',
    vault,
    'add',
    '--title',
    'With files',
  ]);
  const files = Array.from({ length: ATTACHMENTS }, (_, i) => {
    const file = join(work, `scan-${i}.bin`);
    writeFileSync(file, randomBytes(ATTACHMENT_BYTES));
    return file;
  });
  const attached = await runCli(['--vault', vault, 'attach', added.json.id, ...files]);
  expect(attached.code, attached.stderr).toBe(0);
  return vault;
}

describe('kill -9 during backup into a new folder', () => {
  it('the same backup run again completes it, leaving only a backup that restores', async () => {
    const vault = await vaultWithEvidence();
    for (const [name, point] of [
      ['database copy', DATABASE_COPY],
      ['first blob', FIRST_BLOB],
    ] as const) {
      const out = temp.path(`backup-${name.replace(' ', '-')}`);
      expect(await backupKilledAt(vault, out, point), `killed at the ${name}`).toBe(true);
      // The kill landed inside the writes: the folder is there, not yet a backup.
      expect(existsSync(out)).toBe(true);
      expect(existsSync(join(out, 'backup.json'))).toBe(false);

      const again = await runCliJson<{ blobsCopied: number; blobsKept: number }>([
        '--vault',
        vault,
        'backup',
        '--out',
        out,
      ]);
      expect(again.code, again.stderr).toBe(0);
      expect(again.json.blobsCopied + again.json.blobsKept).toBe(ATTACHMENTS);
      expect(readdirSync(out).sort()).toEqual(['backup.json', 'blobs', 'vault.db', 'vault.json']);
      expect(readdirSync(join(out, 'blobs'))).toHaveLength(ATTACHMENTS);

      const target = temp.path(`restored-${name.replace(' ', '-')}`);
      const restored = await runCliJson<{ verified: boolean }>(['--vault', target, 'restore', out]);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.json.verified).toBe(true);
    }
  }, 300_000);
});
