import {
  type ElectronApplication,
  type Page,
  _electron as electron,
  expect,
  test,
} from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { firstRunToPdf, panicKeys } from './steps';

/**
 * The app as people get it: Electron's main process, the sandboxed preload, the app:// and
 * media schemes, better-sqlite3 built for Electron, pdf.js in main. Started from the built
 * sources (`out/`, what `npm start` runs) or, with TVAULT_ELECTRON_APP, from a packaged app's
 * executable. scripts/test-electron.mjs decides which, and says so when it cannot run at all.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const PACKAGED = process.env.TVAULT_ELECTRON_APP;

let dir = '';
let app: ElectronApplication;
let page: Page;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tv-smoke-'));
  const userData = `--user-data-dir=${join(dir, 'user-data')}`;
  app = await electron.launch({
    ...(PACKAGED ? { executablePath: PACKAGED, args: [userData] } : { args: [ROOT, userData] }),
    env: { ...process.env, TVAULT_DIR: join(dir, 'vault') },
    timeout: 90_000,
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const mainWindowVisible = () =>
  app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? false);

test('first run, a testimony, a video with a seek, a PDF, a panic lock and the window back', async () => {
  await firstRunToPdf(page);

  // Panic: the keys lock the vault. The global shortcut is an OS key grab Playwright cannot
  // press, so the window is hidden as its handler does; then the Dock click (macOS `activate`)
  // must bring it back, on the unlock screen.
  await panicKeys(page);
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
  await expect.poll(mainWindowVisible).toBe(false);
  await app.evaluate(({ app: electronApp }) => electronApp.emit('activate'));
  await expect.poll(mainWindowVisible).toBe(true);
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
});
