import { defineConfig } from '@playwright/test';

/**
 * The smoke test of the real Electron app (Playwright's Electron support). Run it with
 * `npm run test:electron` (scripts/test-electron.mjs), which says why when it cannot run here.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'smoke.spec.ts',
  outputDir: '../../test-results/electron',
  workers: 1,
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: { trace: 'retain-on-failure', screenshot: 'only-on-failure' },
});
