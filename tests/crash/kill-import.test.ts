import { spawn } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, initVaultWithCli, runCliJson } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/vault';
import { useTempDirs } from '../helpers/temp-dirs';

/**
 * Issue 11, point 1: a killed `tvault import` must leave none of the file or all of it. Each
 * run is killed (SIGKILL) once the vault's write-ahead log has grown past a fraction of its
 * size after a whole import, that is while the import is writing records (a kill on a timer
 * mostly lands before or after them). `list`
 * must then show the records from before, or those plus every record of the file; `verify`
 * must pass (the search index agrees with the records).
 */
const temp = useTempDirs();
const RECORDS = 4000;
/**
 * Where to kill, as fractions of the largest size the WAL reaches during a whole import: from
 * the middle of the writing to the indexing that follows the last record.
 */
const KILL_FRACTIONS = [0.55, 0.7, 0.85, 0.99];

/**
 * Runs `tvault import` and kills it once vault.db-wal is larger than `walBytes` (never when
 * Infinity). Resolves with whether it was killed and the largest WAL size seen.
 */
function importKilledAt(
  dir: string,
  file: string,
  walBytes: number,
): Promise<{ killed: boolean; peak: number }> {
  return new Promise((resolve) => {
    const env = { ...process.env, TVAULT_TEST_KDF: '1', TVAULT_PASSPHRASE: TEST_PASSPHRASE };
    const child = spawn(process.execPath, [CLI_PATH, '--vault', dir, 'import', file], {
      env,
      stdio: 'ignore',
    });
    const wal = join(dir, 'vault.db-wal');
    let killed = false;
    let peak = 0;
    const poll = setInterval(() => {
      const size = existsSync(wal) ? statSync(wal).size : 0;
      peak = Math.max(peak, size);
      if (size > walBytes) {
        killed = child.kill('SIGKILL');
        clearInterval(poll);
      }
    }, 2);
    child.on('close', () => {
      clearInterval(poll);
      resolve({ killed, peak });
    });
  });
}

function writeImportFile(path: string): void {
  const body = 'A long account of what happened, told slowly and in detail. '.repeat(12);
  const lines: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    lines.push(JSON.stringify({ title: `Imported testimony ${i}`, body: `${body} ${i}` }));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

describe('kill -9 during import', () => {
  it('leaves none of the file or all of it, and verify passes', async () => {
    const file = join(temp.make(), 'records.jsonl');
    writeImportFile(file);
    // How large the WAL grows during a whole import, measured on a scratch vault.
    const scratch = temp.path('scratch');
    await initVaultWithCli(scratch);
    const { peak } = await importKilledAt(scratch, file, Infinity);
    expect(peak).toBeGreaterThan(0);

    const dir = temp.path('vault');
    await initVaultWithCli(dir);
    const v = ['--vault', dir];
    expect((await runCliJson([...v, 'add', '--title', 'Before the import'])).code).toBe(0);
    let killedWhileWriting = 0;
    let before = 1;
    for (const fraction of KILL_FRACTIONS) {
      if ((await importKilledAt(dir, file, peak * fraction)).killed) killedWhileWriting += 1;
      const listed = await runCliJson<{ records: unknown[] }>([...v, 'list']);
      expect(listed.code, listed.stderr).toBe(0);
      expect([before, before + RECORDS]).toContain(listed.json.records.length);
      before = listed.json.records.length;
      const verified = await runCliJson<{ ok: boolean }>([...v, 'verify']);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    }
    // The kills landed while records were being written (else the test proves nothing).
    expect(killedWhileWriting).toBeGreaterThan(0);
  }, 240_000);
});
