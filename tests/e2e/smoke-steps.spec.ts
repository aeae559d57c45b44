import { firstRunToPdf, panicKeys } from '../electron/steps';
import { expect, test } from './harness';

/**
 * The Electron smoke test's steps in the renderer harness: the same clicks, the same video seek
 * and Range request, the same PDF search, here in Chromium with the real handlers. What only
 * Electron adds (main process, sandboxed preload, schemes, native modules, window events) is
 * left to `npm run test:electron`.
 */
test('the smoke test’s path through the window works', async ({ app }) => {
  await app.open();
  await firstRunToPdf(app.page);
  await panicKeys(app.page);
  expect(app.blocked).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});
