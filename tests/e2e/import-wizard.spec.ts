import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FILES, fixture } from '../import/helpers';
import { PASSPHRASE, createVault } from './flows';
import { type Harness, expect, test } from './harness';

/** Issue 16: the app's import wizard, driven as a person would, over the real core. */

const BLOCKING = new Set(['critical', 'serious', 'moderate']);

async function axe(page: Page, where: string): Promise<string[]> {
  await expect(page.locator('h1')).toHaveCount(1);
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .map((v) => `${where}: ${v.id} ${v.help} at ${v.nodes[0]?.target.join(' ')}`);
}

const step = (page: Page, name: string) => page.locator(`.import-step[data-step="${name}"]`);
const next = (page: Page) => page.locator('.import-buttons .primary');

/** Opens the wizard and chooses `file` (the open dialog's stand-in returns it). */
async function chooseFile(app: Harness, file: string): Promise<void> {
  const { page } = app;
  await page.locator('[data-testid="import-open"]').click();
  await expect(step(page, 'file').locator('h2')).toBeFocused();
  app.dialogs.nextFile = file;
  await step(page, 'file').locator('button').first().click();
  await expect(page.getByTestId('import-file')).toBeVisible();
}

async function titles(app: Harness): Promise<string[]> {
  return app.session
    .current()!
    .records.list()
    .map((s) => s.title)
    .sort();
}

test('imports Uwazi and Kobo exports through the wizard; a re-import updates', async ({ app }) => {
  test.setTimeout(240_000);
  await createVault(app);
  const { page } = app;

  // Uwazi, with its files folder, consent left unknown.
  await chooseFile(app, fixture('uwazi', 'entities.csv'));
  await expect(page.getByLabel('Source', { exact: true })).toHaveValue('uwazi');
  app.dialogs.nextFolder = FILES;
  await page.getByRole('button', { name: 'Choose a folder…' }).click();
  await expect(page.getByText('Folder of attached files (optional): files')).toBeVisible();
  await next(page).click();
  await expect(page.getByRole('heading', { name: 'Preview of the first records' })).toBeFocused();
  await expect(page.getByTestId('import-mapping')).toContainText('Title');
  await expect(page.getByTestId('import-samples')).toContainText('Fixture entity Alpha');
  await next(page).click();
  await expect(page.getByRole('heading', { name: 'Consent' })).toBeFocused();
  await expect(page.getByRole('radio', { name: /No field/ })).toBeChecked();
  await next(page).click();
  await expect(page.getByRole('heading', { name: 'Confirm' })).toBeFocused();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Import finished' })).toBeFocused();
  const uwazi = app.session.current()!.records.list().length;
  expect(uwazi).toBeGreaterThan(0);
  await expect(page.getByTestId('import-summary')).toContainText(`${uwazi} new, 0 updated`);
  await expect(page.getByTestId('import-summary-consent')).toContainText(`${uwazi} testimonies`);
  await page.getByRole('button', { name: 'Back to the archive' }).click();

  // Kobo, consent from the field the person picks; the keyboard alone drives the choice.
  await chooseFile(app, fixture('kobo', 'submissions.csv'));
  await expect(page.getByLabel('Source', { exact: true })).toHaveValue('kobo');
  await next(page).click();
  await next(page).click();
  const consentRadio = page.getByRole('radio', { name: 'consent_given' });
  await consentRadio.focus();
  await page.keyboard.press('Space');
  await expect(consentRadio).toBeChecked();
  await expect(page.getByTestId('import-without-consent')).toContainText('1 of the 3 records');
  await next(page).click();
  await expect(page.locator('.import-confirm')).toContainText('consent_given');
  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: 'Import', exact: true }).press('Enter');
  await expect(page.getByTestId('import-summary')).toContainText(/[1-9] new, 0 updated/);
  const vault = app.session.current()!;
  const given = vault.records
    .list()
    .map((s) => vault.records.get(s.id))
    .filter((r) => r.consent.status === 'given');
  expect(given.map((r) => r.body.includes('it has a semicolon'))).toEqual([true]);
  await page.getByRole('button', { name: 'Back to the archive' }).click();

  // Searchable at once.
  await page.getByRole('searchbox').fill('semicolon');
  await expect(page.getByRole('listbox', { name: 'Testimonies' }).getByRole('option')).toHaveCount(
    1,
  );
  await page.getByRole('searchbox').fill('');

  // The edited Uwazi export: updates, no duplicates.
  const before = await titles(app);
  await chooseFile(app, fixture('uwazi', 'entities-edited.csv'));
  await next(page).click();
  await expect(page.getByTestId('import-preview-counts')).toContainText('0 new');
  await next(page).click();
  await next(page).click();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-summary')).toContainText(/0 new, [1-9]\d* updated/);
  expect(await titles(app)).toEqual(before);
  expect(app.pageErrors).toEqual([]);
});

test('a malformed file shows a clear error in the first step; nothing is written', async ({
  app,
}) => {
  await createVault(app);
  const { page } = app;
  const latin1 = join(app.dir, 'spreadsheet.csv');
  writeFileSync(latin1, Buffer.from('title,body\nCaf\xe9,t\xe9moignage\n', 'latin1'));
  await chooseFile(app, latin1);
  await expect(page.getByRole('alert')).toContainText('spreadsheet.csv is not UTF-8 text');
  await expect(next(page)).toBeDisabled();
  // A file the source refuses as a whole: the error names the file and the rule.
  const headless = join(app.dir, 'no-header.csv');
  writeFileSync(headless, 'Title,Title\nA,B\n');
  app.dialogs.nextFile = headless;
  await step(page, 'file').locator('button').first().click();
  await page.getByLabel('Source', { exact: true }).selectOption('uwazi');
  await next(page).click();
  await expect(page.getByRole('alert')).toContainText('no-header.csv cannot be imported');
  await expect(page.getByTestId('import-error-rule')).toContainText('name each column once');
  await expect(step(page, 'file')).toBeVisible();
  expect(await titles(app)).toEqual([]);
});

test('cancelling a large import leaves the archive as it was', async ({ app }) => {
  test.setTimeout(240_000);
  await createVault(app);
  const { page } = app;
  app.session.current()!.addRecord({ title: 'Kept before the import', body: 'x', lang: 'en' });
  const before = await titles(app);
  const big = join(app.dir, 'big.jsonl');
  writeFileSync(
    big,
    Array.from({ length: 40_000 }, (_, i) =>
      JSON.stringify({ title: `Generated ${i}`, body: 'word '.repeat(200), lang: 'en' }),
    ).join('\n'),
  );
  await chooseFile(app, big);
  await next(page).click();
  await next(page).click();
  await expect(page.getByText(/each record carries its own consent/)).toBeVisible();
  await next(page).click();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-progress')).toContainText(/[1-9][\d,]* records read/);
  await page.getByRole('button', { name: 'Cancel the import' }).click();
  await expect(page.getByText('The import was cancelled')).toBeVisible({ timeout: 60_000 });
  expect(await titles(app)).toEqual(before);
});

for (const language of ['en', 'ar'] as const) {
  test(`every wizard step passes axe in ${language}`, async ({ app }) => {
    test.setTimeout(240_000);
    await createVault(app);
    const { page } = app;
    if (language === 'ar') {
      await page.getByRole('button', { name: /^Lock/ }).click();
      await page.getByLabel('Language').selectOption('ar');
      await page.getByLabel('عبارة المرور الخاصة بك').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'فتح', exact: true }).click();
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    }
    const found: string[] = [];
    await chooseFile(app, fixture('kobo', 'submissions.csv'));
    found.push(...(await axe(page, 'file')));
    await app.screenshot(`import-file-${language}`);
    for (const name of ['preview', 'consent', 'confirm']) {
      await next(page).click();
      await expect(step(page, name).locator('h2')).toBeFocused();
      if (name === 'consent') await page.locator('input[value="consent_given"]').check();
      found.push(...(await axe(page, name)));
      await app.screenshot(`import-${name}-${language}`);
    }
    await next(page).click();
    await expect(step(page, 'summary').locator('h2')).toBeFocused();
    found.push(...(await axe(page, 'summary')));
    await app.screenshot(`import-summary-${language}`);
    expect(found).toEqual([]);
  });
}
