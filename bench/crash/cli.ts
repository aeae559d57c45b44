import { spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { CRASH_PROBE_LINE } from '../../src/cli/crash-probe';

/** The bundled CLI (`npm run build:cli` makes it). */
export const BUILT_CLI = fileURLToPath(new URL('../../out/cli/', import.meta.url));
let cli = `${BUILT_CLI}tvault.mjs`;

/**
 * Runs a copy of the built CLI from now on (a folder beside out/cli, so that node_modules
 * resolves the same): the harness runs for minutes, and a test run rebuilding out/cli meanwhile
 * must not change, or half-write, the program being killed.
 */
export function useCliCopy(folder: string): void {
  cpSync(BUILT_CLI, folder, { recursive: true });
  cli = join(folder, 'tvault.mjs');
}
const PROBE = Buffer.from(CRASH_PROBE_LINE);

export const PASSPHRASE = 'crash harness passphrase';
export const NEW_PASSPHRASE = 'crash harness new passphrase';

export interface Run {
  code: number | null;
  /** True when the harness's SIGKILL ended the process (not a normal exit before it). */
  killed: boolean;
  stdout: string;
  /** Without the crash probe's line. */
  stderr: string;
  ms: number;
  /** When the vault was unlocked (the crash probe), in ms after the start; null if never. */
  unlockedMs: number | null;
  /** From the unlock to the end (exit or kill), in ms: the command's writing window. */
  windowMs: number | null;
}

export interface RunOptions {
  passphrase?: string;
  env?: Record<string, string>;
  /** SIGKILL the process this many milliseconds after it was started. */
  killAfterMs?: number;
  /**
   * SIGKILL the process this many milliseconds after the vault was unlocked (the crash probe,
   * src/cli/crash-probe.ts: the process waits there until released, and the timer starts as it
   * is released), so that the instant falls inside the command's writes whatever start-up took.
   */
  killAfterUnlockMs?: number;
  /** Release the process this many milliseconds after the unlock instead of at once. */
  holdAtUnlockMs?: number;
}

/**
 * Runs `node out/cli/tvault.mjs --json ...args` without a terminal (weak test KDF), with the
 * crash probe on: the process stops at the unlock until this side releases it (at once, unless
 * a kill is to be timed from there).
 */
export function tvault(args: string[], options: RunOptions = {}): Promise<Run> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('TVAULT_')) env[key] = value;
  }
  Object.assign(env, {
    TVAULT_TEST_KDF: '1',
    TVAULT_TEST_CRASH_PROBE: '1',
    TVAULT_PASSPHRASE: options.passphrase ?? PASSPHRASE,
    ...options.env,
  });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, '--json', ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let unlocked: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    const kill = () => child.kill('SIGKILL');
    if (options.killAfterMs !== undefined) timer = setTimeout(kill, options.killAfterMs);
    const release = child.stdio[3] as Writable;
    // The child may be gone (killed at start-up) before it is released.
    release.on('error', () => undefined);
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => {
      err.push(chunk);
      if (unlocked !== null || !Buffer.concat(err).includes(PROBE)) return;
      unlocked = performance.now();
      if (options.killAfterUnlockMs !== undefined) {
        timer = setTimeout(kill, options.killAfterUnlockMs);
      }
      if (options.holdAtUnlockMs === undefined) release.write('g');
      else setTimeout(() => release.write('g'), options.holdAtUnlockMs);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      const ended = performance.now();
      resolve({
        code,
        killed: signal === 'SIGKILL',
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8').replace(`${CRASH_PROBE_LINE}\n`, ''),
        ms: ended - started,
        unlockedMs: unlocked === null ? null : unlocked - started,
        windowMs: unlocked === null ? null : ended - unlocked,
      });
    });
  });
}

/** Like `tvault`, but a non-zero exit is an error of the harness's own setup. */
export async function tvaultOk<T>(args: string[], options: RunOptions = {}): Promise<T> {
  const run = await tvault(args, options);
  if (run.code !== 0) {
    throw new Error(`tvault ${args.join(' ')} exited ${run.code}: ${run.stderr.trim()}`);
  }
  return JSON.parse(run.stdout) as T;
}

/** A small seeded generator (mulberry32): the same seed gives the same kill instants. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
