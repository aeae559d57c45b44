import { spawn } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, initVaultWithCli, runCliJson } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/vault';
import { useTempDirs } from '../helpers/temp-dirs';

/**
 * Issue 11, point 2: a killed extract must leave nothing readable beside the output. Each run
 * is killed (SIGKILL) after a growing delay, while it writes; the output folder must then hold
 * either nothing or the complete file, never a partial or hidden temporary file.
 */
const temp = useTempDirs();
const DELAYS_MS = [150, 250, 350, 450, 600, 800];

function killAfter(args: string[], delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const env = { ...process.env, TVAULT_TEST_KDF: '1', TVAULT_PASSPHRASE: TEST_PASSPHRASE };
    const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

describe.skipIf(process.platform !== 'linux')('kill -9 during extract', () => {
  it('leaves nothing or the whole file in the output folder, never a partial one', async () => {
    const dir = temp.path('vault');
    await initVaultWithCli(dir);
    const v = ['--vault', dir];
    const { json } = await runCliJson<{ id: string }>([...v, 'add', '--title', 'T']);
    const source = join(temp.make(), 'evidence.bin');
    const size = 192 * 1024 * 1024;
    writeFileSync(source, Buffer.alloc(size, 0x61));
    const attached = await runCliJson<{ attachments: { id: string }[] }>([
      ...v,
      'attach',
      json.id,
      source,
    ]);
    expect(attached.code, attached.stderr).toBe(0);
    const attachment = attached.json.attachments[0]!.id;
    let killedWhileWriting = 0;
    for (const delay of DELAYS_MS) {
      const out = temp.make();
      await killAfter([...v, 'extract', attachment, '--out', join(out, 'copy.bin')], delay);
      const names = readdirSync(out);
      for (const name of names) {
        expect(name).toBe('copy.bin');
        expect(statSync(join(out, name)).size).toBe(size);
      }
      if (names.length === 0) killedWhileWriting += 1;
    }
    // At least one kill landed before the end (else the test proves nothing).
    expect(killedWhileWriting).toBeGreaterThan(0);
  }, 240_000);
});
