import { type Page, expect } from '@playwright/test';
import type { Harness } from './harness';

export const PASSPHRASE = 'correct horse battery staple';

/** The first-run flow as a person does it: passphrase, recovery key, two groups typed back. */
export async function createVault(app: Harness, passphrase = PASSPHRASE): Promise<string> {
  await app.open();
  return createVaultOn(app.page, passphrase);
}

/** The same on a page already showing the first-run screen (also the Electron smoke test's). */
export async function createVaultOn(page: Page, passphrase = PASSPHRASE): Promise<string> {
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByLabel('Type the passphrase again').fill(passphrase);
  await page.getByRole('button', { name: 'Create the vault' }).click();
  const keyText = (await page.getByTestId('recovery-key').textContent())!;
  expect(keyText).toMatch(/^TV1(-[0-9A-Z]{1,4})+$/);
  await page.getByRole('button', { name: 'I have written it down' }).click();
  const groups = keyText.split('-').slice(1);
  for (const input of await page.getByLabel(/^Group \d+$/).all()) {
    const label = await input.evaluate(
      (el) => document.querySelector(`label[for="${el.id}"]`)!.textContent!,
    );
    const n = Number(label.replace(/\D/g, ''));
    await input.fill(groups[n - 1]!);
  }
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('button', { name: 'New testimony' })).toBeVisible();
  return keyText;
}

export interface NewRecord {
  title: string;
  body: string;
  lang?: string;
  narrator?: string;
  tags?: string;
  warning?: string;
  date?: string;
}

export async function addRecord(page: Page, record: NewRecord): Promise<void> {
  await page.getByRole('button', { name: 'New testimony' }).click();
  const form = page.locator('form.record-form');
  await form.getByLabel('Title').fill(record.title);
  if (record.lang) await form.getByLabel('Language').fill(record.lang);
  if (record.date) await form.getByLabel('Date of events').fill(record.date);
  if (record.narrator) await form.getByLabel(/^Narrator/).fill(record.narrator);
  if (record.tags) await form.getByLabel('Tags').fill(record.tags);
  if (record.warning) await form.getByLabel('Content warning').fill(record.warning);
  await form.getByLabel('Testimony').fill(record.body);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#record-title')).toHaveText(record.title);
}
