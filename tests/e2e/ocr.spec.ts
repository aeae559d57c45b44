import { readFileSync } from 'node:fs';
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
