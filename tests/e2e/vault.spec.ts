import { PASSPHRASE, addRecord, createVault } from './flows';
import { expect, test } from './harness';

test('create a vault: recovery key shown once and confirmed, nothing left in the page', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  // The strength meter reacts as the passphrase grows.
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await expect(page.getByText('Strength: too short')).toBeVisible();
  await page.getByLabel('Passphrase', { exact: true }).fill('four random words here');
  await expect(page.getByText(/Strength: (good|strong)/)).toBeVisible();
  await app.screenshot('create-vault');
  await page.getByLabel('Passphrase', { exact: true }).fill('');

  const key = await createVault(app);
  expect(app.session.status().state).toBe('unlocked');
  // Once confirmed, the key is no longer anywhere in the page.
  expect(await page.content()).not.toContain(key);
  await app.screenshot('archive-empty');
  expect(app.blocked).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});

test('a wrong answer to the recovery check does not let the person through', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('Type the passphrase again').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Create the vault' }).click();
  await app.screenshot('recovery-key');
  await page.getByRole('button', { name: 'I have written it down' }).click();
  for (const input of await page.getByLabel(/^Group \d+$/).all()) await input.fill('ZZZZ');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('alert')).toContainText('does not match');
  await expect(page.getByRole('button', { name: 'New testimony' })).toHaveCount(0);
});

test('unlock: wrong passphrase refused, recovery key accepted', async ({ app }) => {
  const { page } = app;
  const key = await createVault(app);
  await page.getByRole('button', { name: /^Lock/ }).click();
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect(page.getByText('The vault was locked.')).toBeVisible();

  await page.getByLabel('Your passphrase').fill('not the passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase');
  await app.screenshot('unlock-wrong-passphrase');
  expect(app.session.status().state).toBe('locked');

  await page.getByRole('radio', { name: 'Recovery key' }).check();
  await page.getByLabel('Your recovery key').fill(key.toLowerCase());
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'New testimony' })).toBeVisible();
  expect(app.session.status().state).toBe('unlocked');
});

test('panic shortcut locks: keys gone in main, decrypted state gone in the page', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Shortcut lock marker', body: 'Body that must vanish on lock' });
  const vaultBefore = app.session.current()!;
  await page.locator('.record-list').focus();
  await page.keyboard.press('Control+Shift+L');

  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect(page.getByText('The vault was locked with the shortcut.')).toBeVisible();
  expect(app.session.current()).toBeNull();
  expect(vaultBefore.isOpen).toBe(false);
  expect(() => vaultBefore.keys).toThrow(expect.objectContaining({ code: 'VAULT.LOCKED' }));
  // A call after the lock fails: the keys are gone.
  const after = await app.invoke('records.list');
  expect(after).toMatchObject({ ok: false, error: { code: 'VAULT.LOCKED' } });
  // The page no longer holds what it showed.
  const html = await page.content();
  expect(html).not.toContain('Shortcut lock marker');
  expect(html).not.toContain('Body that must vanish');
  await app.screenshot('locked-by-shortcut');
});

test('idle lock: after the configured minutes without input the vault locks itself', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'Idle lock marker', body: 'text' });
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Lock after this many minutes without activity').fill('2');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  expect(app.settings.get().autoLockMinutes).toBe(2);

  app.idle.seconds = 119;
  await page.waitForTimeout(800);
  expect(app.session.status().state).toBe('unlocked');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();

  app.idle.seconds = 120;
  await expect(
    page.getByText('The vault locked itself after a period without activity.'),
  ).toBeVisible();
  expect(app.session.current()).toBeNull();
  expect(await app.invoke('records.get', { id: '0'.repeat(32) })).toMatchObject({
    ok: false,
    error: { code: 'VAULT.LOCKED' },
  });
  expect(await page.content()).not.toContain('Idle lock marker');
  await app.screenshot('locked-by-idle');
});

test('change the passphrase: the current one is required, the new one opens the vault', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  await page.getByRole('button', { name: 'Settings' }).click();
  const next = 'a brand new passphrase';
  await page.getByLabel('Current passphrase').fill('wrong current passphrase');
  await page.getByLabel('New passphrase').fill(next);
  await page.getByLabel('Type the passphrase again').fill(next);
  await page.getByRole('button', { name: 'Change the passphrase' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase');
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Change the passphrase' }).click();
  await expect(page.getByText('The passphrase was changed.')).toBeVisible();
  await app.screenshot('settings');

  await page.getByRole('button', { name: /^Lock/ }).click();
  await page.getByLabel('Your passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong passphrase');
  await page.getByLabel('Your passphrase').fill(next);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('button', { name: 'New testimony' })).toBeVisible();
});

test('the page cannot get around the contract: bad requests are typed errors', async ({ app }) => {
  await createVault(app);
  expect(await app.invoke('records.add', { fields: { title: 'x' }, extra: 1 })).toMatchObject({
    ok: false,
    error: { code: 'INPUT.INVALID' },
  });
  expect(await app.invoke('records.get', { id: '../../etc/passwd' })).toMatchObject({
    ok: false,
    error: { code: 'INPUT.INVALID' },
  });
  expect(await app.invoke('vault.lock', { reason: 'idle' })).toMatchObject({
    ok: false,
    error: { code: 'INPUT.INVALID' },
  });
  const keys = await app.page.evaluate(() => Object.keys(window.vault).sort());
  expect(keys).toContain('records.list');
  expect(keys.some((k) => /ipc|send|require|electron/i.test(k))).toBe(false);
});
