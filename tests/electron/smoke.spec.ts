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
import { makePdf, sha256 } from '../e2e/fixtures';
import { addRecord, createVaultOn } from '../e2e/flows';

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

/** A short real WebM, recorded in the app's own page from a canvas (no binary fixture). */
async function recordWebm(target: Page): Promise<Buffer> {
  const bytes = await target.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const context = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' });
    const parts: Blob[] = [];
    recorder.ondataavailable = (event) => parts.push(event.data);
    const stopped = new Promise((done) => (recorder.onstop = done));
    recorder.start(100);
    for (let frame = 0; frame < 40; frame++) {
      context.fillStyle = `hsl(${frame * 9}, 70%, 50%)`;
      context.fillRect(0, 0, 160, 120);
      await new Promise((done) => setTimeout(done, 40));
    }
    recorder.stop();
    await stopped;
    return [...new Uint8Array(await new Blob(parts).arrayBuffer())];
  });
  return Buffer.from(bytes);
}

const mainWindowVisible = () =>
  app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible() ?? false);

test('first run, a testimony, a video with a seek, a PDF, a panic lock and the window back', async () => {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible({
    timeout: 60_000,
  });
  await createVaultOn(page);
  await addRecord(page, { title: 'Smoke test testimony', body: 'Recorded at the centre.' });

  // A video, played and seeked through the media protocol, which answers ranges.
  const webm = await recordWebm(page);
  await page
    .getByTestId('evidence-input')
    .setInputFiles({ name: 'clip.webm', mimeType: 'video/webm', buffer: webm });
  const clip = page.locator('.evidence-item', { hasText: 'clip.webm' });
  await expect(clip.getByTestId('sha256')).toHaveText(sha256(webm));
  await clip.getByRole('button', { name: 'Preview' }).click();
  const video = clip.locator('video');
  await expect(video).toBeVisible();
  const playback = await video.evaluate(async (element: HTMLVideoElement) => {
    const once = (name: string) =>
      new Promise((done, fail) => {
        element.addEventListener(name, done, { once: true });
        setTimeout(() => fail(new Error(`no ${name} event`)), 20_000);
      });
    element.muted = true;
    const updated = once('timeupdate');
    await element.play();
    await updated;
    element.pause();
    const seeked = once('seeked');
    element.currentTime = 0.8;
    await seeked;
    return { time: element.currentTime, error: element.error?.code ?? null };
  });
  expect(playback.error).toBeNull();
  expect(playback.time).toBeGreaterThan(0.5);
  const src = (await video.getAttribute('src'))!;
  const range = await page.evaluate(async (url) => {
    const response = await fetch(url, { headers: { Range: 'bytes=0-99' } });
    return {
      status: response.status,
      range: response.headers.get('Content-Range'),
      length: (await response.arrayBuffer()).byteLength,
    };
  }, src);
  expect(range).toEqual({ status: 206, range: `bytes 0-99/${webm.length}`, length: 100 });

  // A PDF: previewed by pdf.js in the page, its text extracted by pdf.js in main and searchable.
  const pdf = makePdf('Quetzalcoatl hearing summary');
  await page
    .getByTestId('evidence-input')
    .setInputFiles({ name: 'summary.pdf', mimeType: 'application/pdf', buffer: pdf });
  const summary = page.locator('.evidence-item', { hasText: 'summary.pdf' });
  await expect(summary.getByTestId('sha256')).toHaveText(sha256(pdf));
  await summary.getByRole('button', { name: 'Preview' }).click();
  await expect(summary.locator('.pdf-preview canvas')).toBeVisible();
  await expect(summary.getByText('Page 1 of 1')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Search the testimonies' }).fill('quetzalcoatl');
  const list = page.getByRole('listbox', { name: 'Testimonies' });
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('Smoke test testimony');

  // Panic: the keys lock the vault. The global shortcut is an OS key grab Playwright cannot
  // press, so the window is hidden as its handler does; then the Dock click (macOS `activate`)
  // must bring it back, on the unlock screen.
  await page.keyboard.press('ControlOrMeta+Shift+L');
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.hide());
  await expect.poll(mainWindowVisible).toBe(false);
  await app.evaluate(({ app: electronApp }) => electronApp.emit('activate'));
  await expect.poll(mainWindowVisible).toBe(true);
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect(page.getByText('Smoke test testimony')).toHaveCount(0);
});
