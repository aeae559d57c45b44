import { createVault } from './flows';
import { expect, test } from './harness';

test('the Arabic UI lays out right to left, from the unlock screen on', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  app.session.current()!.addRecord({
    title: 'شهادة عن العنف الرقمي',
    body: 'تلقيت رسائل تهديد على وسائل التواصل الاجتماعي.',
    lang: 'ar',
    tags: ['عنف رقمي'],
    date: '2024-01-15',
  });
  await page.getByRole('button', { name: /^Lock/ }).click();

  // The language is chosen before unlocking (it lives outside the vault).
  await page.getByLabel('Language').selectOption('ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(page.getByRole('heading', { name: 'فتح الخزنة' })).toBeVisible();
  expect(app.settings.get().language).toBe('ar');
  await app.screenshot('rtl-unlock');

  await page.getByLabel('عبارة المرور الخاصة بك').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'فتح', exact: true }).click();
  await expect(page.getByRole('button', { name: 'شهادة جديدة' })).toBeVisible();

  // Mirrored layout: the list is on the right, the detail pane on the left, the brand at the
  // right end of the top bar and the lock button at its left end.
  const viewport = page.viewportSize()!;
  const list = (await page.locator('.list-pane').boundingBox())!;
  const detail = (await page.locator('.detail-pane').boundingBox())!;
  expect(list.x).toBeGreaterThan(detail.x);
  expect(list.x + list.width).toBeCloseTo(viewport.width, -1);
  const brand = (await page.locator('.brand').boundingBox())!;
  const lock = (await page.locator('.lock-button').boundingBox())!;
  expect(brand.x).toBeGreaterThan(viewport.width / 2);
  expect(lock.x).toBeLessThan(viewport.width / 2);
  expect(await page.locator('.list-pane').evaluate((el) => getComputedStyle(el).direction)).toBe(
    'rtl',
  );

  // Numbers and dates follow the locale.
  const row = page.getByRole('listbox').getByRole('option').first();
  await expect(row).toContainText('شهادة عن العنف الرقمي');
  const expectedDate = new Intl.DateTimeFormat('ar', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 15, 12)),
  );
  await expect(row).toContainText(expectedDate);
  await row.click();
  await expect(page.getByRole('heading', { name: 'الراوية كاشف للهوية' })).toBeVisible();
  await app.screenshot('rtl-archive');

  await page.getByRole('button', { name: 'الإعدادات' }).click();
  await expect(page.getByRole('heading', { name: 'تغيير عبارة المرور' })).toBeVisible();
  await app.screenshot('rtl-settings');

  // Back to English: the layout flips back.
  await page.getByRole('combobox', { name: 'اللغة' }).selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

test('every language has every message, and each renders the first-run screen', async ({ app }) => {
  const { page } = app;
  await app.open();
  for (const [code, title] of [
    ['es', 'Cree su bóveda'],
    ['fr', 'Créer votre coffre'],
    ['ar', 'إنشاء الخزنة'],
    ['en', 'Create your vault'],
  ] as const) {
    await page.getByRole('combobox').first().selectOption(code);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.locator('html')).toHaveAttribute('lang', code);
    if (code !== 'en') await app.screenshot(`first-run-${code}`);
  }
});
