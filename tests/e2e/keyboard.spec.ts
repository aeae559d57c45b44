import { addRecord, createVault, PASSPHRASE } from './flows';
import { expect, test } from './harness';

test('focus follows the person: new view, heading or first field, never the page body', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  // Finishing the first run lands on the archive's heading.
  await expect(page.getByRole('heading', { level: 1, name: 'Testimonies' })).toBeFocused();

  // New testimony: the Title field; Save: the record's heading.
  await page.getByRole('button', { name: 'New testimony' }).click();
  const form = page.locator('form.record-form');
  await expect(form.getByLabel('Title')).toBeFocused();
  await page.keyboard.type('Night raid');
  await form.getByLabel('Testimony').fill('They came at night.');
  await form.getByRole('button', { name: 'Save' }).click();
  const heading = page.locator('#record-title');
  await expect(heading).toHaveText('Night raid');
  await expect(heading).toBeFocused();

  // Edit: the first field; Escape without changes closes the form, focus back on the heading.
  await page.getByRole('button', { name: 'Edit' }).click();
  await expect(form.getByLabel('Title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(heading).toBeFocused();

  // Escape with changes asks first.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.keyboard.type(' (draft)');
  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Discard your changes?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Discard changes' }).click();
  await expect(heading).toBeFocused();

  // Cancel: the heading again.
  await page.getByRole('button', { name: 'Edit' }).click();
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(heading).toBeFocused();

  // History: its heading; Escape closes it.
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { name: 'History' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(heading).toBeFocused();

  // Share: the wizard's heading; Escape closes it.
  await page.getByRole('button', { name: 'Share…' }).click();
  await expect(page.locator('#export-title')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('#export-title')).toHaveCount(0);
  await expect(heading).toBeFocused();

  // A confirmation: Escape takes it back, focus on the button that asked.
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Delete for good' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Delete for good' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete', exact: true })).toBeFocused();

  // Unlocking lands on the archive's heading too.
  await page.getByRole('button', { name: /^Lock/ }).click();
  await page.getByLabel('Your passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Testimonies' })).toBeFocused();
});

test('the content-warning badge is readable (4.5:1 contrast)', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Warned', body: 'x', warning: 'Violence' });
  const badge = page.getByRole('option').locator('.badge.warn');
  const ratio = await badge.evaluate((el) => {
    const rgb = (c: string) =>
      c
        .match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const style = getComputedStyle(el);
    const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
  expect(ratio).toBeGreaterThanOrEqual(4.5);
});
