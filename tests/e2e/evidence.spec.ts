import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addRecord, createVault } from './flows';
import { makePdf, makePng, sha256 } from './fixtures';
import { MEDIA_ORIGIN, expect, test } from './harness';

test('attach an image by drag and drop, see its SHA-256 and its preview', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Photo of the threat letter', body: 'See the attached photo.' });
  const png = makePng(320, 200);

  // A real drop event with a File in its DataTransfer, as when a file is dragged from the desktop.
  const dataTransfer = await page.evaluateHandle(
    (bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(
        new File([new Uint8Array(bytes)], 'threat-letter.png', { type: 'image/png' }),
      );
      return transfer;
    },
    [...png],
  );
  await page.getByTestId('dropzone').dispatchEvent('dragover', { dataTransfer });
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });

  const item = page.locator('.evidence-item', { hasText: 'threat-letter.png' });
  await expect(item).toBeVisible();
  await expect(item.getByTestId('sha256')).toHaveText(sha256(png));
  await expect(page.getByRole('option', { name: /Photo of the threat letter/ })).toContainText(
    'Files: 1',
  );

  await item.getByRole('button', { name: 'Preview' }).click();
  const img = item.getByRole('img', { name: 'threat-letter.png' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(320);
  expect(await img.getAttribute('src')).toMatch(new RegExp(`^${MEDIA_ORIGIN}/[0-9a-f]{32}$`));
  await app.screenshot('evidence-image-preview');

  // The image is on disk only as ciphertext.
  const disk = app.vaultBytes();
  expect(disk.includes(png.subarray(0, 64))).toBe(false);
  expect(disk.includes(Buffer.from('threat-letter'))).toBe(false);
  expect(app.blocked).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});

test('choose files with the file picker; save a verified copy; remove', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Court documents', body: 'Scans.' });
  const pdf = makePdf('Hearing summary');
  await page
    .getByTestId('evidence-input')
    .setInputFiles({ name: 'summary.pdf', mimeType: 'application/pdf', buffer: pdf });
  const item = page.locator('.evidence-item', { hasText: 'summary.pdf' });
  await expect(item.getByTestId('sha256')).toHaveText(sha256(pdf));

  await item.getByRole('button', { name: 'Preview' }).click();
  await expect(item.locator('.pdf-preview canvas')).toBeVisible();
  await expect(item.getByText('Page 1 of 1')).toBeVisible();
  await app.screenshot('evidence-pdf-preview');

  await item.getByRole('button', { name: 'Save a copy…' }).click();
  await expect(page.getByText(/^Saved and verified:/)).toBeVisible();
  expect(sha256(readFileSync(join(app.dir, 'extracted', 'summary.pdf')))).toBe(sha256(pdf));

  await item.getByRole('button', { name: 'Remove', exact: true }).click();
  await item.getByRole('button', { name: 'Remove for good' }).click();
  await expect(page.locator('.evidence-item')).toHaveCount(0);
  await expect(page.getByText('No files yet.')).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

test('video is served in ranges from the media protocol (seeking), never cached', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Video', body: 'x' });
  const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
  await page
    .getByTestId('evidence-input')
    .setInputFiles({ name: 'clip.webm', mimeType: 'video/webm', buffer: bytes });
  const item = page.locator('.evidence-item', { hasText: 'clip.webm' });
  await expect(item).toBeVisible();
  const id = (await app.invoke('attachments.list', { recordId: await selectedId(page) })) as {
    ok: true;
    value: { id: string }[];
  };
  const url = `${MEDIA_ORIGIN}/${id.value[0]!.id}`;
  const result = await page.evaluate(async (u) => {
    const r = await fetch(u, { headers: { Range: 'bytes=1048576-1048600' } });
    return {
      status: r.status,
      range: r.headers.get('Content-Range'),
      cache: r.headers.get('Cache-Control'),
      length: (await r.arrayBuffer()).byteLength,
    };
  }, url);
  expect(result).toEqual({
    status: 206,
    range: `bytes 1048576-1048600/${bytes.length}`,
    cache: 'no-store',
    length: 25,
  });
  // Locked: the media protocol refuses.
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  const locked = await page.evaluate(async (u) => (await fetch(u)).status, url);
  expect(locked).toBe(423);
});

test('an upload that fails leaves nothing behind and says so', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Upload failure', body: 'x' });
  const recordId = await selectedId(page);
  // A renderer that announces 10 bytes and sends 20 is refused; nothing is stored.
  const begin = (await app.invoke('attachments.uploadBegin', {
    recordId,
    name: 'x.bin',
    mime: '',
    size: 10,
    modifiedAt: null,
  })) as { ok: true; value: { uploadId: string } };
  const chunk = await page.evaluate(
    (uploadId) => window.vault['attachments.uploadChunk']({ uploadId, bytes: new Uint8Array(20) }),
    begin.value.uploadId,
  );
  expect(chunk).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });
  expect(await app.invoke('attachments.list', { recordId })).toEqual({ ok: true, value: [] });
  expect(
    await app.invoke('attachments.uploadFinish', { uploadId: begin.value.uploadId }),
  ).toMatchObject({
    ok: false,
    error: { code: 'INPUT.INVALID' },
  });
});

async function selectedId(page: import('@playwright/test').Page): Promise<string> {
  const id = await page.locator('[role="option"][aria-selected="true"]').getAttribute('id');
  return id!.replace('record-option-', '');
}
