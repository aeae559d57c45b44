import { readFileSync } from 'node:fs';
import { addRecord, createVault } from './flows';
import { expect, test } from './harness';

test('the evidence panel shows which metadata of a photo can identify someone', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Photo from the march', body: 'See the photo.' });
  const photo = readFileSync(new URL('../fixtures/metadata/photo-gps.jpg', import.meta.url));
  await page
    .getByTestId('evidence-input')
    .setInputFiles({ name: 'march.jpg', mimeType: 'image/jpeg', buffer: photo });
  const item = page.locator('.evidence-item', { hasText: 'march.jpg' });
  const flags = item.getByTestId('metadata-flags');
  await expect(flags).toContainText('can identify someone');
  await flags.locator('summary').click();
  await expect(flags.getByText('gps.latitude')).toBeVisible();
  await expect(flags).toContainText('36.8065');
  await expect(flags).toContainText('SN-4417-XK');
  await expect(flags).toContainText('Amina Ben Salah');
  expect(app.pageErrors).toEqual([]);
});

test('the evidence panel flags the tags of a recording', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Voice message', body: 'Listen to it.' });
  const voice = readFileSync(new URL('../fixtures/metadata/voice.mp3', import.meta.url));
  await page
    .getByTestId('evidence-input')
    .setInputFiles({ name: 'message.mp3', mimeType: 'audio/mpeg', buffer: voice });
  const item = page.locator('.evidence-item', { hasText: 'message.mp3' });
  const flags = item.getByTestId('metadata-flags');
  await expect(flags).toContainText('can identify someone');
  await flags.locator('summary').click();
  await expect(flags.getByText('ID3v2.3.TPE1')).toBeVisible();
  await expect(flags.locator('li', { hasText: 'ID3v2.3.TPE1' })).toContainText('Amina K.');
  await expect(flags.locator('li', { hasText: 'ID3v2.3.TPE1' })).toContainText('Person');
  await expect(flags.locator('li', { hasText: 'ID3v2.3.TYER' })).toContainText('Date and time');
  await expect(flags).toContainText('Recorded in Oran');
  expect(app.pageErrors).toEqual([]);
});
