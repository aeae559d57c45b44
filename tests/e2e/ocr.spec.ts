import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { addRecord, createVault } from './flows';
import { expect, test } from './harness';

/**
 * Issue 14's done-when, in the app: photos of typed Arabic, Spanish and French letters attached
 * to testimonies are found by a word of them from the search box, once their text is recognised
 * (offline, by the real core behind window.vault).
 */
const LETTERS = [
  {
    lang: 'ar',
    file: 'letter-ara.jpg',
    mime: 'image/jpeg',
    title: 'Letter (Arabic)',
    word: 'التهديدات',
  },
  {
    lang: 'es',
    file: 'letter-spa.jpg',
    mime: 'image/jpeg',
    title: 'Letter (Spanish)',
    word: 'anónimas',
  },
  {
    lang: 'fr',
    file: 'letter-fra.png',
    mime: 'image/png',
    title: 'Letter (French)',
    word: 'militantes',
  },
];

test('photos of typed letters are found by a word of them once their text is recognised', async ({
  app,
}) => {
  test.setTimeout(240_000);
  const { page } = app;
  await createVault(app);
  for (const letter of LETTERS) {
    await addRecord(page, { title: letter.title, body: 'See the photo.', lang: letter.lang });
    const bytes = readFileSync(new URL(`../fixtures/ocr/${letter.file}`, import.meta.url));
    await page
      .getByTestId('evidence-input')
      .setInputFiles({ name: letter.file, mimeType: letter.mime, buffer: bytes });
    const item = page.locator('.evidence-item', { hasText: letter.file });
    await expect(item.getByTestId('sha256')).toBeVisible();
    await item.getByRole('button', { name: 'Recognise text' }).click();
    await expect(item.getByTestId('ocr-status')).toContainText('Text recognised for search', {
      timeout: 90_000,
    });
  }
  const search = page.getByRole('searchbox', { name: 'Search the testimonies' });
  const list = page.getByRole('listbox', { name: 'Testimonies' });
  for (const letter of LETTERS) {
    await search.fill(letter.word);
    await expect(list.getByRole('option')).toHaveCount(1);
    await expect(list.getByRole('option')).toContainText(letter.title);
  }
  // Neither the photo nor its recognised words are on disk in the clear.
  const disk = app.vaultBytes();
  for (const word of LETTERS.map((l) => l.word))
    expect(disk.includes(Buffer.from(word))).toBe(false);
  expect(app.pageErrors).toEqual([]);
});

/** A three-page scan (no text layer): pages of the Spanish scanned letter, for progress. */
async function longScan(): Promise<Buffer> {
  const source = await PDFDocument.load(
    readFileSync(new URL('../fixtures/ocr/scan-spa.pdf', import.meta.url)),
  );
  const doc = await PDFDocument.create();
  for (const page of await doc.copyPages(source, [0, 1, 0])) doc.addPage(page);
  return Buffer.from(await doc.save());
}

test('a scanned PDF shows its progress page by page, can be cancelled, then read to the end', async ({
  app,
}) => {
  test.setTimeout(300_000);
  const { page } = app;
  await createVault(app);
  // The setting "Recognise text automatically after attaching", off by default, turned on.
  await page.getByRole('button', { name: 'Settings' }).click();
  const auto = page.getByRole('checkbox', { name: 'Recognise text automatically after attaching' });
  await expect(auto).not.toBeChecked();
  await auto.click();
  await expect(auto).toBeChecked();
  expect(app.settings.get().ocrAfterAttach).toBe(true);
  await page.getByRole('button', { name: 'Archive' }).click();
  await addRecord(page, { title: 'Scanned complaint', body: 'See the scan.', lang: 'es' });
  await page
    .getByTestId('evidence-input')
    .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: await longScan() });
  const item = page.locator('.evidence-item', { hasText: 'scan.pdf' });
  await expect(item.getByTestId('sha256')).toBeVisible();
  // Started by itself after the upload: page 1 of 3, then page 2; cancelled there.
  const progress = item.getByTestId('ocr-progress');
  await expect(progress).toContainText(/page [12] of 3/, { timeout: 60_000 });
  await expect(progress).toContainText('page 2 of 3', { timeout: 120_000 });
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Text recognition cancelled.')).toBeVisible({ timeout: 30_000 });
  await expect(progress).toHaveCount(0);
  await expect(item.getByTestId('ocr-status')).toHaveCount(0);
  const search = page.getByRole('searchbox', { name: 'Search the testimonies' });
  const list = page.getByRole('listbox', { name: 'Testimonies' });
  await search.fill('denuncia');
  await expect(list.getByRole('option')).toHaveCount(0);
  await search.fill('');
  await list.getByRole('option', { name: /Scanned complaint/ }).click();
  // Run again, to the end: every page read, the words of page 2 found.
  await item.getByRole('button', { name: 'Recognise text' }).click();
  await expect(item.getByTestId('ocr-status')).toContainText('3 page(s) read as images', {
    timeout: 180_000,
  });
  await search.fill('denuncia');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option')).toContainText('Scanned complaint');
  expect(app.vaultBytes().includes(Buffer.from('denuncia'))).toBe(false);
  expect(app.pageErrors).toEqual([]);
});
