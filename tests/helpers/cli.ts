import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { TEST_PASSPHRASE } from './vault';

/** The bundled CLI (built once per test run by tests/helpers/global-setup.ts). */
export const CLI_PATH = fileURLToPath(new URL('../../out/cli/tvault.mjs', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Extra environment; `undefined` removes a variable (e.g. TVAULT_PASSPHRASE). */
  env?: Record<string, string | undefined>;
  /** Written to the child's stdin, which is then closed. Without it stdin is empty (no TTY). */
  input?: string | Uint8Array;
  cwd?: string;
  timeoutMs?: number;
  /** Run as this user id (and its group): only when the tests run as root. */
  uid?: number;
}

/**
 * Runs `node out/cli/tvault.mjs ...args` the way a user would, without a terminal. The
 * environment is the parent's minus any TVAULT_* variable, plus TVAULT_TEST_KDF=1 and
 * TVAULT_PASSPHRASE=TEST_PASSPHRASE, plus `options.env`.
 */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const buildError = inject('cliBuildError');
  if (buildError) throw new Error(`The CLI could not be built for this run:\n${buildError}`);
  if (!existsSync(CLI_PATH)) {
    throw new Error(`${CLI_PATH} is missing: run \`npm run build:cli\` (or use the globalSetup).`);
  }
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('TVAULT_')) env[key] = value;
  }
  env.TVAULT_TEST_KDF = '1';
  env.TVAULT_PASSPHRASE = TEST_PASSPHRASE;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
    child.stdin.on('error', () => {
      // The child may exit before reading its stdin (EPIPE): not an error of the test.
    });
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Runs the CLI with --json and parses stdout as exactly one JSON document (JSON.parse of the
 * whole output fails on anything else: a second document, a stray log line).
 */
export async function runCliJson<T = unknown>(
  args: string[],
  options: CliOptions = {},
): Promise<CliResult & { json: T }> {
  const result = await runCli(['--json', ...args], options);
  let json: T;
  try {
    json = JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(
      `stdout of tvault ${args.join(' ')} is not one JSON document (exit ${result.code}):\n` +
        `stdout: ${result.stdout}\nstderr: ${result.stderr}`,
    );
  }
  return { ...result, json };
}

/** stderr without the line the CLI prints when the weak test KDF is in use. */
export function stderrLines(result: CliResult): string[] {
  return result.stderr
    .split('\n')
    .filter((line) => line !== '' && !line.includes('TVAULT_TEST_KDF=1 is set'));
}

/** `tvault --vault DIR --json init` with the test passphrase; returns the recovery key. */
export async function initVaultWithCli(dir: string): Promise<{ recoveryKey: string }> {
  const result = await runCliJson<{ vault: string; recoveryKey: string }>(['--vault', dir, 'init']);
  if (result.code !== 0) throw new Error(`init failed (${result.code}): ${result.stderr}`);
  return { recoveryKey: result.json.recoveryKey };
}

/**
 * A new vault in `dir` with one testimony and `file` attached to it, all through the CLI;
 * returns the attachment's id.
 */
export async function vaultWithAttachmentByCli(dir: string, file: string): Promise<string> {
  await initVaultWithCli(dir);
  const added = await runCliJson<{ id: string }>(['--vault', dir, 'add', '--title', 'T']);
  if (added.code !== 0) throw new Error(`add failed (${added.code}): ${added.stderr}`);
  const attached = await runCliJson<{ attachments: { id: string }[] }>([
    '--vault',
    dir,
    'attach',
    added.json.id,
    file,
  ]);
  if (attached.code !== 0) throw new Error(`attach failed (${attached.code}): ${attached.stderr}`);
  return attached.json.attachments[0]!.id;
}
