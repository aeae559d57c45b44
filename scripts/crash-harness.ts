/**
 * `npm run crash`: the crash harness of issue 11 (bench/crash/harness.ts), all writing
 * commands, killed with SIGKILL at seeded random instants. Prints the figures per command and
 * every failed check; writes bench/results/crash.json. Exit 1 if any kill failed a check.
 *
 *   CRASH_SEED=11  CRASH_KILLS=31 (per command)  CRASH_ONLY=import,attach  CRASH_JOBS=1 (at once)
 *   CRASH_BASE_RECORDS=300  CRASH_IMPORT_RECORDS=2000  CRASH_BUNDLE_RECORDS=300  CRASH_ATTACH_MIB=16
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { figuresTable, runCrashHarness } from '../bench/crash/harness';

const env = process.env;
const report = await runCrashHarness({
  seed: Number(env.CRASH_SEED ?? 11),
  killsPerCommand: Number(env.CRASH_KILLS ?? 31),
  jobs: Number(env.CRASH_JOBS ?? 1),
  commands: env.CRASH_ONLY?.split(',').map((s) => s.trim()),
  sizes: {
    baseRecords: Number(env.CRASH_BASE_RECORDS ?? 300),
    importRecords: Number(env.CRASH_IMPORT_RECORDS ?? 2000),
    bundleRecords: Number(env.CRASH_BUNDLE_RECORDS ?? 300),
    attachMiB: Number(env.CRASH_ATTACH_MIB ?? 16),
  },
  log: (line) => console.log(line),
});
console.log(`\n${figuresTable(report)}`);
for (const problem of report.problems) console.log(`PROBLEM ${problem}`);
mkdirSync(new URL('../bench/results/', import.meta.url), { recursive: true });
writeFileSync(
  new URL('../bench/results/crash.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), ...report }, null, 2)}\n`,
);
process.exitCode = report.problems.length === 0 ? 0 : 1;
