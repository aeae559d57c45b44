import { type Page, expect } from '@playwright/test';
import { makePdf, sha256 } from '../e2e/fixtures';
import { addRecord, createVaultOn } from '../e2e/flows';

/**
 * The smoke test's steps inside the window, shared by the real app (smoke.spec.ts, Electron) and
 * the renderer harness (tests/e2e/smoke-steps.spec.ts, Chromium), so the path the Electron run
 * takes is exercised on every machine, and only what is Electron's own needs Electron.
 */

/** A short real WebM, recorded in the app's own page from a canvas (no binary fixture). */
export async function recordWebm(target: Page): Promise<Buffer> {
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

/** First run, a testimony, a video played and seeked, a PDF previewed and found by search. */
export async function firstRunToPdf(page: Page): Promise<void> {
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
}

/** The panic keys inside the window: the unlock screen, nothing decrypted left on it. */
export async function panicKeys(page: Page): Promise<void> {
  await page.keyboard.press('ControlOrMeta+Shift+L');
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect(page.getByText('Smoke test testimony')).toHaveCount(0);
}
