import { addRecord, createVault } from './flows';
import { expect, test } from './harness';

test('search results keep a content warning closed until the reader opens the testimony', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, {
    title: 'Attack at the march',
    body: 'Detailed account of the beating near the courthouse.',
    warning: 'Physical violence',
  });
  await addRecord(page, { title: 'Hearing notes', body: 'The courthouse was closed.' });

  const search = page.getByRole('searchbox', { name: 'Search the testimonies' });
  await search.fill('courthouse');
  const list = page.getByRole('listbox', { name: 'Testimonies' });
  await expect(list.getByRole('option')).toHaveCount(2);
  const warned = list.getByRole('option', { name: /Attack at the march/ });
  const plain = list.getByRole('option', { name: /Hearing notes/ });
  // The plain testimony shows its highlighted snippet; the warned one shows the warning instead.
  await expect(plain.locator('mark')).toHaveText('courthouse');
  await expect(warned).toContainText('Behind a content warning');
  await expect(warned).not.toContainText('beating');
  await expect(warned.locator('mark')).toHaveCount(0);

  // Once the reader chose to open it, its snippet may show.
  await warned.click();
  await page.getByRole('button', { name: 'Show the testimony' }).click();
  await expect(warned.locator('mark')).toHaveText('courthouse');
  await expect(warned).toContainText('beating');
});
