import { run } from './program';

/** The `tvault` entry point (bundled by scripts/build-cli.mjs); the program is in program.ts. */
process.exitCode = await run(process.argv);
