import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyCustodyReport } from '../../src/core/custody/report';
import { PASSPHRASE, createVault } from './flows';
import { type Harness, expect, test } from './harness';

async function openSettings(app: Harness): Promise<void> {
  await app.page.getByRole('button', { name: 'Settings' }).click();
  await expect(app.page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
}

/** Every share of a new split, read screen by screen (each copied through main once). */
async function splitIntoShares(app: Harness, n: number, k: number): Promise<string[]> {
  const { page } = app;
  await page.getByRole('button', { name: 'Split into shares' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Split into shares' })).toBeFocused();
  await page.getByLabel('Number of shares (N)').fill(String(n));
  await page.getByLabel('Shares needed to unlock (K)').fill(String(n + 1));
  await expect(page.getByText('K must be at least 2 and at most N.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Make the shares' })).toBeDisabled();
  await page.getByLabel('Shares needed to unlock (K)').fill(String(k));
  await page.getByLabel('Current passphrase').fill('not the passphrase');
  await page.getByRole('button', { name: 'Make the shares' }).click();
  await expect(page.getByRole('alert')).toContainText('passphrase');
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Make the shares' }).click();
  const shares: string[] = [];
  for (let i = 1; i <= n; i++) {
    // One screen per share: its own h1, focused, and only that share on it.
    const heading = page.getByRole('heading', { level: 1, name: `Share ${i} of ${n}` });
    await expect(heading).toBeFocused();
    await expect(page.getByText('Give each share to a different person')).toBeVisible();
    await expect(page.getByTestId('recovery-share')).toHaveCount(1);
    const share = (await page.getByTestId('recovery-share').textContent())!;
    expect(share).toMatch(/^TVS1(-[0-9A-Z]{1,4})+$/);
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(page.getByText('Copied.')).toBeVisible();
    expect(app.dialogs.clipboard).toBe(share);
    shares.push(share);
    await page.getByRole('button', { name: i === n ? 'Finish' : 'Next share' }).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  // Shown once: no share is left in the page.
  const html = await page.content();
  for (const share of shares) expect(html).not.toContain(share);
  return shares;
}

/** The share with one letter of its last group changed (still base32, checksum now wrong). */
function mistyped(share: string): string {
  const last = share.at(-1)!;
  return share.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

test('new recovery key and shares in Settings; the unlock screen takes K shares and names a bad one', async ({
  app,
}) => {
  const { page } = app;
  const firstKey = await createVault(app);
  await openSettings(app);

  await page.getByRole('button', { name: 'Make a new recovery key' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Make a new recovery key' }),
  ).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await page.getByRole('button', { name: 'Make a new recovery key' }).click();
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Make the new key' }).click();
  const newKey = (await page.getByTestId('new-recovery-key').textContent())!;
  expect(newKey).toMatch(/^TV1(-[0-9A-Z]{1,4})+$/);
  expect(newKey).not.toBe(firstKey);
  await page.getByRole('button', { name: 'I have written it down' }).click();
  expect(await page.content()).not.toContain(newKey);

  const shares = await splitIntoShares(app, 3, 2);
  await page.locator('.lock-button').click();
  await expect(page.locator('#gate-title')).toBeVisible();

  await page.getByLabel('Recovery shares').check();
  await page.getByLabel('Share 1', { exact: true }).fill(shares[0]!);
  await page.getByLabel('Share 2', { exact: true }).fill(mistyped(shares[2]!));
  await page.getByRole('button', { name: 'Unlock' }).click();
  const bad = page.getByLabel('Share 2', { exact: true });
  await expect(bad).toHaveAttribute('aria-invalid', 'true');
  await expect(bad).toBeFocused();
  await expect(page.getByText('Share 2 is mistyped')).toBeVisible();
  expect(app.session.status().state).toBe('locked');

  // Fewer than K: said as such.
  await bad.fill('');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('2 shares are needed; 1 were given.');

  await bad.fill(shares[2]!);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'New testimony' })).toBeVisible();

  // The old recovery key stopped working; the new one works.
  await page.locator('.lock-button').click();
  await page.getByLabel('Recovery key').check();
  await page.getByLabel('Your recovery key').fill(firstKey);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Your recovery key').fill(newKey);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'New testimony' })).toBeVisible();

  await openSettings(app);
  await page.getByRole('button', { name: 'See the custody log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Custody log' })).toBeFocused();
  const log = page.getByRole('region', { name: 'Custody log' });
  for (const action of ['New recovery key', 'Recovery shares made', 'Unlocked with recovery'])
    await expect(log.getByText(action).first()).toBeVisible();
  expect(await page.content()).not.toContain(shares[0]!);
  expect(app.blocked).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});

test('verify, backup, the custody log by record, and a record’s custody report saved as signed JSON and HTML', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  const vault = app.session.current()!;
  const record = vault.addRecord({ title: 'Témoignage sous garde', body: 'texte', lang: 'fr' });
  const other = vault.addRecord({ title: 'Another' });
  const file = join(app.dir, 'photo.bin');
  writeFileSync(file, Buffer.alloc(200_000, 7));
  const attachment = await vault.attachments.attachFile(record.id, file);
  await page.reload();
  await openSettings(app);

  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByText(/Everything checked out: 2 testimonies/)).toBeVisible();

  // A damaged file is named by its id.
  const blob = join(app.vaultDir, 'blobs', attachment.id);
  const bytes = readFileSync(blob);
  bytes[bytes.length - 100]! ^= 0xff;
  writeFileSync(blob, bytes);
  await page.getByRole('button', { name: 'Verify now' }).click();
  const problems = page.getByTestId('verify-problems');
  await expect(problems).toContainText(attachment.id);
  await expect(page.getByText('Problems found: 1.')).toBeVisible();
  bytes[bytes.length - 100]! ^= 0xff;
  writeFileSync(blob, bytes);

  // A folder that is neither empty nor a backup is refused, and left as it was.
  const notBackup = join(app.dir, 'photos');
  mkdirSync(notBackup);
  writeFileSync(join(notBackup, 'keep.txt'), 'mine');
  app.dialogs.nextFolder = notBackup;
  await page.getByRole('button', { name: 'Make a backup…' }).click();
  await expect(page.getByText('This folder is neither empty nor a backup')).toBeVisible();
  expect(readdirSync(notBackup)).toEqual(['keep.txt']);

  const target = join(app.dir, 'usb-backup');
  app.dialogs.nextFolder = target;
  await page.getByRole('button', { name: 'Make a backup…' }).click();
  await expect(
    page.getByText(/Backup made and checked in .*usb-backup: 1 files copied/),
  ).toBeVisible();
  expect(existsSync(join(target, 'backup.json'))).toBe(true);
  expect(readdirSync(join(target, 'blobs'))).toEqual([attachment.id]);
  // Cancelled dialog: nothing happens.
  app.dialogs.nextFolder = null;
  await page.getByRole('button', { name: 'Make a backup…' }).click();
  await expect(page.getByRole('button', { name: 'Make a backup…' })).toBeVisible();
  await expect(page.getByText(/Backup made and checked/)).toHaveCount(0);

  await page.getByRole('button', { name: 'See the custody log' }).click();
  const log = page.getByRole('region', { name: 'Custody log' });
  await expect(log.getByText('Backup made')).toBeVisible();
  await page.getByLabel(/Only the entries about one testimony/).fill(other.id.slice(0, 10));
  await expect(page.getByText('A testimony id has 32 characters')).toBeVisible();
  await page.getByLabel(/Only the entries about one testimony/).fill(other.id);
  await expect(page.getByText('Entries: 1')).toBeVisible();
  await expect(log.getByTestId('custody-entry')).toHaveCount(1);
  await expect(log.getByText('Testimony added')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();

  await page.getByRole('button', { name: 'Archive' }).click();
  await page.getByRole('option', { name: /Témoignage sous garde/ }).click();
  await page.getByRole('button', { name: 'Custody report' }).click();
  await expect(page.getByRole('heading', { name: 'Custody report' })).toBeFocused();
  await expect(page.getByTestId('report-fingerprint')).toHaveText(vault.identity.fingerprint());
  await expect(page.getByTestId('report-entry').first()).toContainText('Testimony added');
  await expect(page.getByText(attachment.sha256)).toBeVisible();

  await page.getByRole('button', { name: 'Save the signed JSON…' }).click();
  await expect(page.getByText(/Saved: custody-.*\.json and custody-.*\.json\.sig/)).toBeVisible();
  const jsonPath = join(app.dir, 'extracted', `custody-${record.id.slice(0, 8)}.json`);
  const checked = await verifyCustodyReport(jsonPath);
  expect(checked.fingerprint).toBe(vault.identity.fingerprint());
  await page.getByRole('button', { name: 'Save the printable page…' }).click();
  const htmlPath = join(app.dir, 'extracted', `custody-${record.id.slice(0, 8)}.html`);
  await expect(page.getByText(/Saved: custody-.*\.html/)).toBeVisible();
  expect(readFileSync(htmlPath, 'utf8')).toContain('Témoignage sous garde');

  await page.keyboard.press('Escape');
  await expect(page.locator('#record-title')).toBeFocused();
  expect(app.blocked).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});
