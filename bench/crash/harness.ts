import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT_CLI, NEW_PASSPHRASE, PASSPHRASE, seededRandom, tvault, useCliCopy } from './cli';
import { buildFixture, MARKER, type Fixture, type FixtureSizes } from './fixture';
import { blobCount, plaintextFiles, temporaryFiles } from './scan';
import { SCENARIOS, strayOutputs, type KillDirs, type Scenario, type State } from './scenarios';

/**
 * The crash harness of issue 11 (docs/security.md, "Crash harness"): each writing command of
 * the built CLI is killed with SIGKILL at seeded random instants, each time on a fresh copy of
 * one template vault, until it has been killed `killsPerCommand` times. Most instants are
 * drawn inside the command's writing window, timed from the unlock (the CLI's crash probe,
 * src/cli/crash-probe.ts, holds the process there until the harness arms its timer), up to
 * the window's length in whole runs; the others during start-up and the unlock. After each
 * kill:
 *
 * - no file of the vault or output folder holds testimony text or file content (the WAL and
 *   any temporary file included), looked at before and after the next run;
 * - the vault opens and `tvault verify` passes (with the old passphrase, or the new one after
 *   passwd);
 * - the state is the old or the new one: verify's counts of records, revisions and
 *   attachments equal those of the template or of a whole run, and so do the command's own
 *   outputs (extract's file and its SHA-256, export's bundle, the passphrase);
 * - once tvault has run again (it sweeps its own leftovers at unlock), no temporary or partial
 *   file is left, and the blobs folder holds exactly one file per attachment.
 */
export interface HarnessOptions {
  seed: number;
  killsPerCommand: number;
  commands?: string[];
  /** Whole runs per command before the kills (the shortest sets the instants); default 2. */
  referenceRuns?: number;
  /**
   * Kills run at once, each on its own copy (default 1). On a loaded machine several keep the
   * run within an hour; the instants are timed from each process's own unlock either way.
   */
  jobs?: number;
  /**
   * Instants drawn per kill wanted before giving up on a command (default 3): an instant after
   * the end of the run is drawn again. The fixed sample in npm test, one kill per command, asks
   * for more, so that a loaded machine (a command finished before its instant three times in a
   * row) does not leave a command unkilled.
   */
  drawsPerKill?: number;
  /** Share of the instants drawn during start-up and the unlock, not after it; default 0.2. */
  startUpShare?: number;
  sizes: FixtureSizes;
  /** Where to build; a new temporary folder (removed at the end) if not given. */
  work?: string;
  log?: (line: string) => void;
}

export interface CommandFigures {
  /** Runs the harness's SIGKILL ended. */
  kills: number;
  /** Of those, the kills after the vault was unlocked, inside the command's own writes. */
  killsAfterUnlock: number;
  /** Runs that ended by themselves before the kill's instant. */
  completed: number;
  /** Kills after which every check passed. */
  cleanRecoveries: number;
  halfStates: number;
  leftovers: number;
  plaintext: number;
  /** The vault did not open, verify failed, or a recovery step (backup again) failed. */
  failures: number;
  /** How long a whole run takes, in ms (the shortest of the reference runs). */
  wholeRunMs: number;
  /** From the unlock to the end of a whole run, in ms (the shortest): the writing window. */
  windowMs: number;
  /** Kill instants within the window, in ms after the unlock: the median and the largest. */
  medianKillInWindowMs: number;
  maxKillInWindowMs: number;
}

export interface HarnessReport {
  seed: number;
  figures: Record<string, CommandFigures>;
  /** One line per kill that failed a check, with its instant, to reproduce it. */
  problems: string[];
}

interface Counts {
  records: number;
  revisions: number;
  attachments: number;
}

interface Opened {
  code: number | null;
  counts: Counts | null;
  openedWith: 'old' | 'new';
  stderr: string;
}

async function verify(vault: string): Promise<Opened> {
  let run = await tvault(['--vault', vault, 'verify'], { passphrase: PASSPHRASE });
  let openedWith: 'old' | 'new' = 'old';
  if (run.code === 3) {
    run = await tvault(['--vault', vault, 'verify'], { passphrase: NEW_PASSPHRASE });
    openedWith = 'new';
  }
  const counts = run.code === 0 ? (JSON.parse(run.stdout) as { checked: Counts }).checked : null;
  return { code: run.code, counts, openedWith, stderr: run.stderr.trim() };
}

const sameCounts = (a: Counts, b: Counts) =>
  a.records === b.records && a.revisions === b.revisions && a.attachments === b.attachments;

function freshDirs(work: string, fixture: Fixture, n: number): KillDirs {
  const base = join(work, `kill-${n}`);
  const dirs = { vault: join(base, 'vault'), out: join(base, 'out') };
  cpSync(fixture.template, dirs.vault, { recursive: true });
  mkdirSync(dirs.out);
  return dirs;
}

interface Reference {
  ms: number;
  /** When the unlock came, and the window after it (each the shortest of the runs). */
  unlockedMs: number;
  windowMs: number;
  counts: Counts;
}

/**
 * Whole runs of the command (two by default), each on a fresh copy: the state one leaves, and
 * the shortest of their times (on a loaded machine one run can take several times as long as
 * the next, and kill instants drawn up to it would mostly land after the end).
 */
async function reference(
  scenario: Scenario,
  fixture: Fixture,
  work: string,
  n: number,
  runs: number,
): Promise<Reference> {
  let best = null as Reference | null;
  for (let copy = n; copy < n + runs; copy++) {
    const dirs = freshDirs(work, fixture, copy);
    const run = await tvault(scenario.args(fixture, dirs), { env: scenario.env });
    if (run.code !== 0)
      throw new Error(`${scenario.name}: a whole run exited ${run.code}: ${run.stderr}`);
    const after = await verify(dirs.vault);
    if (!after.counts)
      throw new Error(`${scenario.name}: verify after a whole run: ${after.stderr}`);
    if (run.unlockedMs === null || run.windowMs === null)
      throw new Error(`${scenario.name}: no crash probe from the CLI (rebuild out/cli)`);
    best = {
      ms: Math.min(best?.ms ?? Infinity, run.ms),
      unlockedMs: Math.min(best?.unlockedMs ?? Infinity, run.unlockedMs),
      windowMs: Math.min(best?.windowMs ?? Infinity, run.windowMs),
      counts: after.counts,
    };
    rmSync(join(work, `kill-${copy}`), { recursive: true, force: true });
  }
  return best!;
}

export async function runCrashHarness(options: HarnessOptions): Promise<HarnessReport> {
  const log = options.log ?? (() => undefined);
  const work = options.work ?? mkdtempSync(join(tmpdir(), 'tvault-crash-'));
  const random = seededRandom(options.seed);
  const problems: string[] = [];
  const figures: Record<string, CommandFigures> = {};
  let n = 0;
  const cliCopy = join(BUILT_CLI, '..', `cli-crash-${process.pid}`);
  try {
    useCliCopy(cliCopy);
    log(`fixture in ${work}`);
    const fixture = await buildFixture(work, options.sizes);
    const probe = freshDirs(work, fixture, n++);
    const old = await verify(probe.vault);
    const oldCounts = old.counts;
    if (!oldCounts) throw new Error(`the template does not verify: ${old.stderr}`);
    rmSync(join(work, `kill-${n - 1}`), { recursive: true, force: true });
    const scenarios = SCENARIOS.filter(
      (s) => !options.commands || options.commands.includes(s.name),
    );
    for (const scenario of scenarios) {
      const runs = options.referenceRuns ?? 2;
      const ref = await reference(scenario, fixture, work, n, runs);
      n += runs;
      const f: CommandFigures = {
        kills: 0,
        killsAfterUnlock: 0,
        completed: 0,
        cleanRecoveries: 0,
        halfStates: 0,
        leftovers: 0,
        plaintext: 0,
        failures: 0,
        wholeRunMs: Math.round(ref.ms),
        windowMs: Math.round(ref.windowMs),
        medianKillInWindowMs: 0,
        maxKillInWindowMs: 0,
      };
      figures[scenario.name] = f;
      const inWindow: number[] = [];
      const killOnce = async (): Promise<void> => {
        const instant = drawInstant(random, ref, options.startUpShare ?? 0.2);
        const kill = n++;
        const dirs = freshDirs(work, fixture, kill);
        const run = await tvault(scenario.args(fixture, dirs), {
          env: scenario.env,
          ...(instant.afterUnlock
            ? { killAfterUnlockMs: instant.ms }
            : { killAfterMs: instant.ms }),
        });
        const at = `${instant.afterUnlock ? 'unlock+' : ''}${instant.ms}ms`;
        if (!run.killed) {
          f.completed += 1;
          if (run.code !== 0) {
            f.failures += 1;
            problems.push(`${scenario.name} @${at}: exited ${run.code}: ${run.stderr.trim()}`);
          }
          rmSync(join(work, `kill-${kill}`), { recursive: true, force: true });
          return;
        }
        f.kills += 1;
        if (run.unlockedMs !== null) f.killsAfterUnlock += 1;
        if (instant.afterUnlock) inWindow.push(instant.ms);
        const issues = await judge(scenario, fixture, dirs, oldCounts, ref.counts, f);
        if (issues.length === 0) {
          f.cleanRecoveries += 1;
          rmSync(join(work, `kill-${kill}`), { recursive: true, force: true });
        } else {
          problems.push(`${scenario.name} @${at} (kept in ${dirs.vault}): ${issues.join('; ')}`);
        }
      };
      // `jobs` kills at a time, each on its own copy; instants that ran to the end are drawn
      // again, up to `drawsPerKill` (three) times the kills wanted.
      let attempts = 0;
      let running = 0;
      const worker = async (): Promise<void> => {
        while (
          f.kills + running < options.killsPerCommand &&
          attempts < (options.drawsPerKill ?? 3) * options.killsPerCommand
        ) {
          attempts += 1;
          running += 1;
          try {
            await killOnce();
          } finally {
            running -= 1;
          }
        }
      };
      await Promise.all(Array.from({ length: options.jobs ?? 1 }, worker));
      inWindow.sort((a, b) => a - b);
      f.medianKillInWindowMs = inWindow[Math.floor(inWindow.length / 2)] ?? 0;
      f.maxKillInWindowMs = inWindow.at(-1) ?? 0;
      log(`${scenario.name}: ${JSON.stringify(f)}`);
    }
    return { seed: options.seed, figures, problems };
  } finally {
    rmSync(cliCopy, { recursive: true, force: true });
    if (!options.work && problems.length === 0) rmSync(work, { recursive: true, force: true });
  }
}

/**
 * One kill instant: during start-up and the unlock (from the middle of start-up to the unlock,
 * timed from the start), or, more often, inside the writing window (from the unlock to just
 * past the end of a whole run, timed from the unlock). Whole milliseconds, so a line of the
 * report reproduces it.
 */
function drawInstant(
  random: () => number,
  ref: Reference,
  startUpShare: number,
): { afterUnlock: boolean; ms: number } {
  if (random() < startUpShare) {
    const low = ref.unlockedMs * 0.5;
    return { afterUnlock: false, ms: Math.round(low + random() * (ref.unlockedMs - low)) };
  }
  return { afterUnlock: true, ms: Math.floor(random() * ref.windowMs * 1.05) };
}

/** The checks after one kill; counts each kind of problem in `f` and returns them as text. */
async function judge(
  scenario: Scenario,
  fixture: Fixture,
  dirs: KillDirs,
  oldCounts: Counts,
  newCounts: Counts,
  f: CommandFigures,
): Promise<string[]> {
  const issues: string[] = [];
  const allowed = scenario.plaintextOutputs?.(dirs) ?? [];
  const plainAtKill = plaintextFiles([dirs.vault, dirs.out], MARKER, allowed);
  const opened = await verify(dirs.vault);
  if (!opened.counts) {
    f.failures += 1;
    issues.push(`verify exited ${opened.code}: ${opened.stderr}`);
  } else {
    let state: State = sameCounts(opened.counts, oldCounts)
      ? 'old'
      : sameCounts(opened.counts, newCounts)
        ? 'new'
        : 'half';
    try {
      const outside = await scenario.outside?.(fixture, dirs, opened.openedWith);
      if (outside === 'half') state = 'half';
    } catch (error) {
      f.failures += 1;
      issues.push((error as Error).message);
    }
    if (state === 'half') {
      f.halfStates += 1;
      issues.push(`half state: ${JSON.stringify(opened.counts)}`);
    }
    const left = [
      ...temporaryFiles(dirs.vault),
      ...temporaryFiles(dirs.out),
      ...strayOutputs(scenario, dirs),
    ];
    const blobs = blobCount(dirs.vault);
    if (blobs !== opened.counts.attachments) {
      left.push(`${blobs} blobs for ${opened.counts.attachments} attachments`);
    }
    if (left.length > 0) {
      f.leftovers += 1;
      issues.push(`leftovers: ${left.join(', ')}`);
    }
  }
  const plain = [
    ...new Set([...plainAtKill, ...plaintextFiles([dirs.vault, dirs.out], MARKER, allowed)]),
  ];
  if (plain.length > 0) {
    f.plaintext += 1;
    issues.push(`plaintext in ${plain.join(', ')}`);
  }
  return issues;
}

/** The figures as a Markdown table (docs/security.md quotes one). */
export function figuresTable(report: HarnessReport): string {
  const rows = Object.entries(report.figures).map(
    ([name, f]) =>
      `| ${name} | ${f.kills} | ${f.killsAfterUnlock} | ${f.cleanRecoveries} | ${f.halfStates} | ${f.leftovers} | ${f.plaintext} | ${f.failures} | ${f.completed} | ${f.wholeRunMs} | ${f.windowMs} | ${f.medianKillInWindowMs} |`,
  );
  const total = (key: keyof CommandFigures) =>
    Object.values(report.figures).reduce((sum, f) => sum + f[key], 0);
  return [
    '| command | kills | after unlock | clean recoveries | half states | leftovers | plaintext | failures | ran to the end | whole run (ms) | window (ms) | median kill in window (ms) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    `| **all** | ${total('kills')} | ${total('killsAfterUnlock')} | ${total('cleanRecoveries')} | ${total('halfStates')} | ${total('leftovers')} | ${total('plaintext')} | ${total('failures')} | ${total('completed')} | | | |`,
  ].join('\n');
}

/** The `crash` section of `npm run bench` (BENCH_ONLY=crash): the figures, one key each. */
export async function benchCrash(opts: {
  killsPerCommand: number;
}): Promise<Record<string, number | string>> {
  const report = await runCrashHarness({
    seed: 11,
    killsPerCommand: opts.killsPerCommand,
    sizes: { baseRecords: 300, importRecords: 2000, bundleRecords: 300, attachMiB: 16 },
  });
  const flat: Record<string, number | string> = { problems: report.problems.length };
  for (const [command, figures] of Object.entries(report.figures)) {
    for (const [key, value] of Object.entries(figures)) flat[`${command}.${key}`] = value;
  }
  report.problems.forEach((problem, i) => (flat[`problem${i + 1}`] = problem));
  return flat;
}
