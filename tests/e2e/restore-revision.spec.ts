import { addRecord, createVault } from './flows';
import { expect, test } from './harness';

test('an old revision is restored from the history as a new revision', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Court hearing', body: 'The judge refused the complaint.' });
  await page.getByRole('button', { name: 'Edit' }).click();
  const form = page.locator('form.record-form');
  await form.getByLabel('Testimony').fill('Text pasted here by mistake.');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.record-pane')).toContainText('Text pasted here by mistake.');

  await page.getByRole('button', { name: 'History' }).click();
  // The newest revision is current: nothing to restore.
  await expect(page.getByRole('button', { name: /^Restore revision/ })).toHaveCount(0);
  await page.getByRole('button', { name: /^Revision 1/ }).click();
  await page.getByRole('button', { name: 'Restore revision 1' }).click();

  const notice = page.getByRole('status').filter({ hasText: 'Revision 1 restored' });
  await expect(notice).toContainText('it is now revision 3');
  await expect(notice).toBeFocused();
  await expect(page.getByRole('button', { name: /^Revision \d/ })).toHaveCount(3);
  await expect(
    page.getByRole('heading', { name: 'Changes from revision 2 to revision 3' }),
  ).toBeVisible();
  const bodyDiff = page.locator('.diff-field', {
    has: page.getByRole('heading', { name: 'Testimony' }),
  });
  await expect(bodyDiff.locator('ins', { hasText: 'refused' })).toBeVisible();

  // Back in the testimony, the restored text is current; the custody log has an edit.
  await page.getByRole('button', { name: 'Back to the testimony' }).click();
  await expect(page.locator('.record-pane')).toContainText('The judge refused the complaint.');
  const list = await app.invoke('records.list', {});
  expect(list).toMatchObject({ ok: true, value: [{ revision: 3, title: 'Court hearing' }] });
  const id = (list as { value: { id: string }[] }).value[0]!.id;
  const log = (await app.invoke('custody.log', { recordId: id })) as {
    value: { action: string; detail: Record<string, unknown> }[];
  };
  expect(log.value.at(-1)).toMatchObject({
    action: 'record.edited',
    detail: { revision: 3, restoredFrom: 1 },
  });
});
