import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { figuresTable, runCrashHarness } from '../../bench/crash/harness';
import { MARKER } from '../../bench/crash/fixture';
import { blobCount, plaintextFiles, temporaryFiles } from '../../bench/crash/scan';
import { SCENARIOS, strayOutputs } from '../../bench/crash/scenarios';
import { PASSPHRASE, tvault } from '../../bench/crash/cli';
import { CRASH_PROBE_LINE } from '../../src/cli/crash-probe';
import { runCli } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';

/**
 * Issue 11's standing crash suite, the small fixed sample that runs in npm test: one kill
 * per writing command (seed 11), small inputs. `npm run crash` runs the full harness
 * (docs/security.md, "Crash harness").
 */
const temp = useTempDirs();

describe('the crash harness finds what it looks for', () => {
  it('plaintext in either case, in any file, the WAL included', () => {
    const dir = temp.make();
    mkdirSync(join(dir, 'blobs'));
    writeFileSync(join(dir, 'vault.db'), 'ciphertext only');
    writeFileSync(join(dir, 'vault.db-wal'), `xx${MARKER.toLowerCase()} words`);
    writeFileSync(join(dir, 'blobs', 'abc'), `yy${MARKER}`);
    expect(plaintextFiles([dir], MARKER).sort()).toEqual(
      [join(dir, 'blobs', 'abc'), join(dir, 'vault.db-wal')].sort(),
    );
    expect(plaintextFiles([dir], MARKER, [join(dir, 'blobs', 'abc')])).toEqual([
      join(dir, 'vault.db-wal'),
    ]);
  });

  it('temporary files, stray outputs and blobs without a row', () => {
    const vault = temp.make();
    const out = temp.make();
    mkdirSync(join(vault, 'blobs'));
    for (const name of ['vault.db', 'vault.db-wal', 'vault.db-shm', 'vault.json'])
      writeFileSync(join(vault, name), '');
    writeFileSync(join(vault, 'blobs', 'a1'), '');
    writeFileSync(join(vault, 'blobs', 'a2.partial'), '');
    writeFileSync(join(vault, 'vault.db-journal'), '');
    expect(temporaryFiles(vault).sort()).toEqual(['blobs/a2.partial', 'vault.db-journal']);
    expect(blobCount(vault)).toBe(2);
    writeFileSync(join(out, 'copy.bin'), '');
    writeFileSync(join(out, '.tvault-0123.partial'), '');
    const extract = SCENARIOS.find((s) => s.name === 'extract')!;
    expect(strayOutputs(extract, { vault, out })).toEqual(['.tvault-0123.partial']);
    expect(temporaryFiles(out)).toEqual(['.tvault-0123.partial']);
  });
});

describe('the crash probe (TVAULT_TEST_CRASH_PROBE=1)', () => {
  it(
    'holds the CLI at the unlock until released, and is silent unset',
    { timeout: 180_000 },
    async () => {
      const dir = temp.path('vault');
      expect((await tvault(['--vault', dir, 'init'])).code).toBe(0);
      // Held 1 s at the unlock (a list of an empty vault takes a few ms after it).
      const held = await tvault(['--vault', dir, 'list'], { holdAtUnlockMs: 1000 });
      expect(held.code, held.stderr).toBe(0);
      expect(held.unlockedMs).not.toBeNull();
      expect(held.windowMs).toBeGreaterThanOrEqual(1000);
      expect(held.stderr).not.toContain(CRASH_PROBE_LINE);
      const plain = await runCli(['--vault', dir, 'list'], {
        env: { TVAULT_PASSPHRASE: PASSPHRASE },
      });
      expect(plain.code, plain.stderr).toBe(0);
      expect(plain.stderr).not.toContain(CRASH_PROBE_LINE);
    },
  );
});

describe('kill -9 at 10 fixed points of the writing commands', () => {
  it('every vault opens and verifies, old or new state, no plaintext, no leftovers', async () => {
    const report = await runCrashHarness({
      seed: 11,
      killsPerCommand: 1,
      // Under load a command can finish before three instants in a row: draw up to ten.
      drawsPerKill: 10,
      referenceRuns: 1,
      sizes: { baseRecords: 40, importRecords: 400, bundleRecords: 40, attachMiB: 4 },
      work: temp.make(),
    });
    const figures = Object.values(report.figures);
    expect(figures).toHaveLength(SCENARIOS.length);
    expect(report.problems, figuresTable(report)).toEqual([]);
    const total = (key: keyof (typeof figures)[number]) =>
      figures.reduce((sum, f) => sum + f[key], 0);
    // An instant past the end is drawn again: each command is killed once, and most kills
    // (four in five instants are drawn there) land inside the command's writes.
    expect(figures.map((f) => f.kills)).toEqual(SCENARIOS.map(() => 1));
    expect(total('killsAfterUnlock')).toBeGreaterThanOrEqual(5);
    expect(total('cleanRecoveries')).toBe(total('kills'));
    // About 60 CLI runs: under a minute on a calm machine, several on a loaded one.
  }, 900_000);
});
