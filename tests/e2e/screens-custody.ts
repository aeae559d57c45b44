import { join } from 'node:path';
import { PASSPHRASE } from './flows';
import { type Harness, expect } from './harness';

/**
 * The custody screens opened from Settings (walkScreens calls this on the Settings screen),
 * with language-independent selectors. Ends back on Settings.
 */
export async function walkCustodyScreens(
  app: Harness,
  visit: (name: string) => Promise<void>,
): Promise<void> {
  const { page } = app;
  const settingsHeading = page.locator('.settings h1');
  const open = (n: number) =>
    page.locator('section[aria-labelledby=recovery-settings] .actions button').nth(n).click();

  await page.locator('section[aria-labelledby=verify-settings] button').click();
  await expect(page.locator('section[aria-labelledby=verify-settings] .alert-info')).toBeVisible();
  app.dialogs.nextFolder = join(app.dir, 'screens-backup');
  await page.locator('section[aria-labelledby=backup-settings] button').click();
  await expect(page.locator('section[aria-labelledby=backup-settings] .alert-info')).toBeVisible();
  await visit('settings-verified-backup');

  await open(0);
  await page.locator('.settings-screen input[type=password]').fill(PASSPHRASE);
  await visit('new-recovery-key');
  await page.locator('.settings-screen button[type=submit]').click();
  await expect(page.getByTestId('new-recovery-key')).toBeVisible();
  await visit('new-recovery-key-shown');
  await page.locator('.settings-screen section button.primary').click();
  await expect(settingsHeading).toBeFocused();

  await open(1);
  await page.locator('.settings-screen input[type=password]').fill(PASSPHRASE);
  await visit('split-shares');
  await page.locator('.settings-screen button[type=submit]').click();
  await expect(page.getByTestId('recovery-share')).toBeVisible();
  await visit('share-screen');
  await page.keyboard.press('Escape');
  await expect(settingsHeading).toBeFocused();

  await open(2);
  await expect(page.getByTestId('custody-entry').first()).toBeVisible();
  await visit('custody-log');
  await page.keyboard.press('Escape');
  await expect(settingsHeading).toBeFocused();
}

/** The unlock screen with recovery shares, one of them refused. */
export async function visitUnlockWithShares(
  app: Harness,
  visit: (name: string) => Promise<void>,
): Promise<void> {
  const { page } = app;
  await page.locator('input[name=unlock-mode]').nth(2).check();
  const fields = page.locator('.shares-fields input');
  await fields.nth(0).fill('TVS1-AAAA-BBBB');
  await fields.nth(1).fill('TVS1-CCCC-DDDD');
  await page.locator('.gate-card button[type=submit]').click();
  await expect(page.locator('.shares-fields [aria-invalid=true]')).toBeFocused();
  await visit('unlock-shares-refused');
}
