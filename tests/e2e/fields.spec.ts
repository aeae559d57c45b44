import { addRecord, createVault } from './flows';
import { expect, test } from './harness';

test('language picker: search by name in the UI language or the own script, stores the code', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  await page.getByRole('button', { name: 'New testimony' }).click();
  const form = page.locator('form.record-form');
  await form.getByLabel('Title').fill('Entrevista');
  const language = form.getByRole('combobox', { name: 'Language' });

  // By the name in its own script, with the keyboard.
  await language.fill('عرب');
  const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
  await expect(options.first()).toContainText('Arabic');
  await expect(options.first()).toContainText('العربية');
  await language.press('ArrowDown');
  await language.press('Enter');
  await expect(language).toHaveValue('ar');
  await expect(form).toContainText('Arabic — العربية');

  // By the English name, with the mouse.
  await language.fill('span');
  await page.getByRole('option', { name: /Spanish/ }).click();
  await expect(language).toHaveValue('es');
  await form.getByLabel('Testimony').fill('Texto.');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#record-title')).toHaveText('Entrevista');
  const list = await app.invoke('records.list', {});
  expect(list).toMatchObject({ ok: true, value: [{ lang: 'es' }] });
});

test('one date input: partial dates in the form and the filters, read back in the locale', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'March 2019', body: 'a', date: '2019-03' });
  await addRecord(page, { title: 'Year 2021', body: 'b', date: '2021' });
  await addRecord(page, { title: 'Day 2022', body: 'c', date: '2022-11-03' });

  await page.getByRole('button', { name: 'Edit' }).click();
  const date = page.locator('form.record-form').getByLabel('Date of events');
  await expect(date).toHaveValue('2022-11-03');
  await expect(page.locator('form.record-form')).toContainText('Reads: November 3, 2022');
  await date.fill('2022-11');
  await expect(page.locator('form.record-form')).toContainText('Reads: November 2022');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Discard' }).click();

  await page.locator('.filter-details summary').click();
  const options = page.getByRole('listbox', { name: 'Testimonies' }).getByRole('option');
  await page.getByLabel('From date').fill('2020');
  await expect(options).toHaveCount(2);
  await page.getByLabel('To date').fill('2021-06');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Year 2021');
  await expect(page.locator('.filters')).toContainText('Reads: June 2021');
  // Still being typed: said, and not applied.
  await page.getByLabel('To date').fill('2021-1');
  await expect(page.getByLabel('To date')).toHaveAttribute('aria-invalid', 'true');
  await expect(options).toHaveCount(2);
});

test('region in Settings: Moroccan Arabic month names (نونبر)', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Marche', body: 'x', date: '2024-11' });
  app.settings.set({ language: 'ar' });
  await page.reload(); // the vault stays open in main; the page comes back in Arabic
  await expect(page.locator('.record-row').first()).toContainText('نوفمبر 2024');
  await page.locator('.topbar nav button').nth(3).click();
  const region = page.getByRole('combobox', { name: 'المنطقة للتواريخ والأرقام' });
  await expect(region.locator('option', { hasText: 'المغرب' })).toHaveText(/نونبر/);
  await region.selectOption('MA');
  await expect.poll(() => app.settings.get().region).toBe('MA');
  await page.locator('.topbar nav button').nth(0).click();
  await expect(page.locator('.record-row').first()).toContainText('نونبر 2024');
  // Back to the language's default: نوفمبر.
  app.settings.set({ region: '' });
  await page.reload();
  await expect(page.locator('.record-row').first()).toContainText('نوفمبر 2024');
});
