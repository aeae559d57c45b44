import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    // Argon2id runs with the explicit test parameters (see docs/crypto.md, TVAULT_TEST_KDF);
    // the suites still spawn CLI processes and build indexes, so allow generous time on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker less than the cores: on CI's two cores, one test file at a
    // time. The slow files mostly wait, on the CLI processes they spawn and on fsync, so one
    // worker per core (at least two) keeps both cores busy.
    maxWorkers: Math.max(2, availableParallelism()),
    env: { TVAULT_TEST_KDF: '1' },
    // Bundles the CLI once per run for the CLI suites (tests/helpers/global-setup.ts).
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
