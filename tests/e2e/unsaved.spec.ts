import { addRecord, createVault, PASSPHRASE } from './flows';
import { expect, test } from './harness';

test('changes in the form are not lost silently: another testimony asks first', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'First testimony', body: 'one' });
  await addRecord(page, { title: 'Second testimony', body: 'two' });
  const list = page.getByRole('listbox', { name: 'Testimonies' });

  await list.getByRole('option', { name: /First testimony/ }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const form = page.locator('form.record-form');
  await form.getByLabel('Title').fill('First testimony, corrected');

  // Another testimony: asked, and "Keep editing" keeps the form as it was.
  await list.getByRole('option', { name: /Second testimony/ }).click();
  const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Keep editing' })).toBeFocused();
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(ask).toBeHidden();
  await expect(form.getByLabel('Title')).toHaveValue('First testimony, corrected');

  // "New testimony" asks too; Escape means keep editing.
  await page.getByRole('button', { name: 'New testimony' }).click();
  await expect(ask).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(ask).toBeHidden();
  await expect(form.getByLabel('Title')).toHaveValue('First testimony, corrected');

  // The other tabs ask as well.
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep editing' }).click();

  // Discarding goes where the person asked, and nothing was saved.
  await list.getByRole('option', { name: /Second testimony/ }).click();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.locator('#record-title')).toHaveText('Second testimony');
  await expect(list.getByRole('option', { name: /First testimony/ })).not.toContainText(
    'corrected',
  );

  // A form without changes never asks.
  await page.getByRole('button', { name: 'Edit' }).click();
  await list.getByRole('option', { name: /First testimony/ }).click();
  await expect(page.locator('#record-title')).toHaveText('First testimony');
  await expect(ask).toBeHidden();
});

test('a new testimony being written asks before it is dropped', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Kept', body: 'x' });
  await page.getByRole('button', { name: 'New testimony' }).click();
  await page.locator('form.record-form').getByLabel('Testimony').fill('Half a sentence');
  await page.getByRole('option', { name: /Kept/ }).click();
  const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.locator('form.record-form').getByLabel('Testimony')).toHaveValue(
    'Half a sentence',
  );
});

test('a lock keeps nothing, and the lock screen says the draft was discarded', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await page.getByRole('button', { name: 'New testimony' }).click();
  await page.locator('form.record-form').getByLabel('Title').fill('Not saved');
  await page.getByRole('button', { name: /^Lock/ }).click();
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect(page.getByText('A testimony you were editing was not saved')).toBeVisible();
  await page.getByLabel('Your passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'New testimony' })).toBeVisible();
  expect(app.session.current()!.records.count()).toBe(0);
});
