import { run } from './program';

/**
 * The `tvault` entry point (bundled by scripts/build-cli.mjs); the program is in program.ts.
 *
 * A reader that stops early (`tvault list | head -3`) closes the pipe; Node ignores SIGPIPE, so
 * the next write fails with EPIPE and, unhandled, would end in a stack trace. Output nobody
 * reads any more is dropped and the command finishes (a write command still commits or rolls
 * back as it would have). Any other stream error stays an error.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}

process.exitCode = await run(process.argv);
