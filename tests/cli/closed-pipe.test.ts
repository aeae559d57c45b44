import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI_PATH, REPO_ROOT } from '../helpers/cli';

/**
 * `tvault list | head -3`: the reader closes the pipe before tvault has written everything.
 * Node ignores SIGPIPE, so each later write fails with EPIPE; unhandled, that ended in a stack
 * trace on stderr and exit 1. The output nobody reads is dropped and the command ends normally.
 */
describe('stdout closed by its reader', () => {
  it('prints no stack trace and exits as the command would', async () => {
    const child = spawn(process.execPath, [CLI_PATH, '--help'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Closed before the CLI has even started (it takes a few hundred milliseconds): its first
    // write to stdout meets a pipe without a reader.
    child.stdout.destroy();
    const stderr: Buffer[] = [];
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(Buffer.concat(stderr).toString('utf8')).toBe('');
    expect(code).toBe(0);
  });
});
