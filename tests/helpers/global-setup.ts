import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why `npm run build:cli` failed in this run, or null when the bundle is fresh. */
    cliBuildError: string | null;
  }
}

/**
 * vitest globalSetup: bundles the CLI once per test run (out/cli/tvault.mjs), so that the CLI
 * suites test the current sources and not a stale build. A failed build does not stop the other
 * suites: runCli (tests/helpers/cli.ts) reports it in every CLI test instead.
 */
export default function setup(project: TestProject): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  try {
    execFileSync(process.execPath, ['scripts/build-cli.mjs'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    project.provide('cliBuildError', null);
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    process.stderr.write(`globalSetup: building the CLI failed; CLI tests will fail.\n${stderr}\n`);
    project.provide('cliBuildError', stderr.slice(0, 2000));
  }
}
