import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screenshots`: every main screen in English and Arabic at 1280x800 and 1024x640,
 * saved under artifacts/screenshots/screens/ for review by eye. Not part of `npm test`.
 */
export default defineConfig({
  ...base,
  testMatch: '*.shots.ts',
  // The test run's projects split off timed specs; the screenshots are one plain project.
  projects: [{ name: 'screens' }],
  timeout: 300_000,
});
