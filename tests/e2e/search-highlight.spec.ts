import type { Locator } from '@playwright/test';
import { addRecord, createVault } from './flows';
import { expect, test } from './harness';

/** The highlighted words of each result row, in order. */
async function marks(list: Locator): Promise<string[]> {
  return list.locator('.row-snippet mark').allTextContents();
}

test('results show why they matched: stems, letter variants, phrases, OR and -word', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, {
    title: 'مصنع النسيج',
    lang: 'ar',
    body: 'تلقت العاملات في المصنع تهديدات متكررة بعد التهديد الأول.',
  });
  await addRecord(page, {
    title: 'Barrio norte',
    lang: 'es',
    body: 'Las mujeres del barrio denunciaron amenazas en la fábrica.',
  });
  await addRecord(page, {
    title: 'Calle sur',
    lang: 'es',
    body: 'Acoso y amenazas en la calle.',
  });
  await addRecord(page, { title: 'कानूनी सहायता', lang: 'hi', body: 'यह क़ानून ज़रूरी है' });

  const search = page.getByRole('searchbox', { name: 'Search the testimonies' });
  const list = page.getByRole('listbox', { name: 'Testimonies' });
  const options = list.getByRole('option');

  // Arabic: the stem and the definite article (typed as a prefix, then as a whole word).
  await search.fill('مصنع');
  await expect(options).toHaveCount(1);
  await expect.poll(() => marks(list)).toEqual(['المصنع']);
  await search.fill('التهديد ');
  await expect.poll(() => marks(list)).toEqual(['تهديدات', 'التهديد']);

  // Spanish: "mujer" finds and highlights "mujeres".
  await search.fill('mujer ');
  await expect(options).toHaveCount(1);
  await expect.poll(() => marks(list)).toEqual(['mujeres']);

  // Hindi typed without the nukta.
  await search.fill('कानून ');
  await expect(options).toHaveCount(1);
  await expect.poll(() => marks(list)).toEqual(['क़ानून']);

  // A phrase is highlighted as a whole.
  await search.fill('"la fábrica"');
  await expect(options).toHaveCount(1);
  await expect.poll(() => marks(list)).toEqual(['la fábrica']);

  // OR and -word.
  await search.fill('mujeres OR acoso ');
  await expect(options).toHaveCount(2);
  await search.fill('amenazas -acoso ');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Barrio norte');
  await search.fill('amenazas -"la calle"');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Barrio norte');

  // The syntax is explained beside the box.
  await page.getByText('How to search').click();
  await expect(page.getByText('either word (OR in capitals)')).toBeVisible();
});
