import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests of the renderer in Debian's Chromium, with the real handler object (a real
 * vault in a temporary folder) behind window.vault. See tests/e2e/harness.ts and docs/ui.md.
 * The renderer must be built first (`npm run test:e2e` does it).
 */

/** Specs that assert on timings measured in the page (see the comment on `projects`). */
const TIMED = ['**/scale.spec.ts', '**/hostile.spec.ts'];

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  globalSetup: './tests/e2e/global-setup.ts',
  outputDir: 'test-results',
  // Every test has its own vault in its own temporary folder and its own page, so tests run two
  // at a time, from any file (one per core on CI). The specs that measure the main thread's timings (frame
  // times, first paint) run afterwards, alone, so another test's load cannot make them flaky.
  workers: 2,
  fullyParallel: true,
  projects: [
    { name: 'app', testIgnore: TIMED },
    { name: 'timed', testMatch: TIMED, dependencies: ['app'], workers: 1 },
  ],
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 720 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    headless: true,
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
