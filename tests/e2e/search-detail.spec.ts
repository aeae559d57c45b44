import { addRecord, createVault } from './flows';
import { expect, test } from './harness';

test('the detail pane does not keep showing a testimony the search left out', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Court hearing', body: 'The judge dismissed the case.' });
  await addRecord(page, { title: 'Online threats', body: 'Messages arrived every night.' });
  await expect(page.locator('#record-title')).toHaveText('Online threats');

  const search = page.getByRole('searchbox', { name: 'Search the testimonies' });
  await search.fill('judge');
  const list = page.getByRole('listbox', { name: 'Testimonies' });
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(page.locator('#record-title')).toHaveCount(0);
  await expect(page.getByText('Choose a testimony in the list')).toBeVisible();

  // Back in the results, it shows again.
  await search.fill('');
  await expect(list.getByRole('option')).toHaveCount(2);
  await expect(page.locator('#record-title')).toHaveText('Online threats');
});
