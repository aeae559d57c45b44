import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { syncTeam } from '../../src/core/team/sync';
import { initTeam, inviteMember, joinTeam, listConflicts } from '../../src/core/team/team';
import { Vault } from '../../src/core/vault/vault';
import { emptyFields } from '../../src/shared/records/types';
import { createVault } from './flows';
import { type Harness, expect, test } from './harness';

/**
 * The app's vault (Amal, in the page) and a second vault (Bea, driven through the core, as
 * the CLI would on another laptop) in one team over a plain shared folder.
 */
async function teamOfTwo(app: Harness): Promise<{ folder: string; bea: Vault }> {
  const folder = join(app.dir, 'team-folder');
  mkdirSync(folder);
  const amal = app.session.require();
  const { vault: bea } = await Vault.create(join(app.dir, 'bea'), 'bea passphrase words', {
    kdf: TEST_KDF,
  });
  const { teamId } = initTeam(amal, { name: 'Three cities', folder, memberName: 'Amal' });
  inviteMember(amal, { identity: bea.identity.identityString(), name: 'Bea' });
  joinTeam(bea, { teamId, inviter: amal.identity.identityString(), folder });
  await syncTeam(bea);
  return { folder, bea };
}

test('a vault in no team: the Team screen says how to set one up', async ({ app }) => {
  await createVault(app);
  const { page } = app;
  await page.getByRole('button', { name: 'Team' }).click();
  await expect(page.getByRole('heading', { name: 'This vault is in no team' })).toBeVisible();
  await expect(page.getByText('tvault team init NAME --folder DIR')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  expect(app.pageErrors).toEqual([]);
});

test('two laptops edit one testimony: the conflict side by side, one version kept', async ({
  app,
}) => {
  test.setTimeout(120_000);
  await createVault(app);
  const { folder, bea } = await teamOfTwo(app);
  const { page } = app;
  try {
    // Bea records a testimony; Amal's "Sync now" brings it.
    const record = bea.addRecord({
      ...emptyFields(),
      title: 'Threats at the clinic',
      body: 'They waited outside the clinic every morning.',
      lang: 'en',
      consent: { ...emptyFields().consent, status: 'given', scope: 'archive-only' },
    });
    await syncTeam(bea);
    await page.getByRole('button', { name: 'Team' }).click();
    await expect(page.getByRole('heading', { name: 'Team archive “Three cities”' })).toBeVisible();
    const members = page.getByRole('table');
    await expect(members.getByRole('row', { name: /Bea/ })).toContainText(
      bea.identity.fingerprint(),
    );
    await expect(members.getByRole('row', { name: /Amal/ })).toContainText('This vault');
    await expect(page.getByText('What they already had cannot be taken back')).toBeVisible();
    await expect(page.getByText(folder)).toBeVisible();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect(page.getByText(/Last sync .*1 received/)).toBeVisible();

    // Both edit it before syncing: Amal in the app, Bea on her laptop.
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('option', { name: /Threats at the clinic/ }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.locator('form.record-form');
    await form.getByLabel('Title').fill('Threats at the clinic, March');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#record-title')).toHaveText('Threats at the clinic, March');
    bea.updateRecord(record.id, { body: 'They waited outside the clinic every evening.' });
    await syncTeam(bea);

    await page.getByRole('button', { name: 'Team' }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    const conflicts = page.getByRole('region', { name: 'Conflicts' });
    await expect(conflicts.getByRole('listitem')).toHaveCount(1);
    await expect(conflicts).toContainText('2 versions, by Amal, Bea');
    await app.screenshot('team-conflicts');
    await conflicts.getByRole('button', { name: /^Compare and choose/ }).click();

    // Side by side: one column per version, the differing fields marked, words included.
    const table = page.getByRole('table', { name: 'The versions side by side, field by field' });
    await expect(table.getByRole('columnheader')).toHaveCount(3);
    const title = table.getByRole('row', { name: /^Title/ });
    await expect(title).toContainText('Differs');
    await expect(title.getByRole('cell').nth(0)).toContainText('Threats at the clinic, March');
    await expect(title.getByRole('cell').nth(1)).toHaveText('Threats at the clinic');
    const body = table.getByRole('row', { name: /^Testimony/ });
    await expect(body).toContainText('Differs');
    await expect(body.locator('mark')).toHaveText(['morning.', 'evening.']);
    await expect(table.getByRole('row', { name: /^Language/ })).not.toContainText('Differs');
    await app.screenshot('team-compare');

    // Nothing is written before a choice; then Bea's version is kept.
    const keep = page.getByRole('button', { name: 'Keep this version' });
    await expect(keep).toBeDisabled();
    await page.getByRole('radio', { name: /Bea/ }).check();
    await keep.click();
    await expect(page.getByText('Conflict resolved')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Conflicts' })).toContainText('No conflicts.');

    // On Bea's laptop too, and both show the kept version.
    await syncTeam(bea);
    expect(listConflicts(bea)).toEqual([]);
    expect(bea.records.get(record.id).body).toBe('They waited outside the clinic every evening.');
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('option', { name: /Threats at the clinic/ }).click();
    await expect(page.locator('#record-title')).toHaveText('Threats at the clinic');
    expect(app.pageErrors).toEqual([]);
  } finally {
    bea.close();
  }
});

test('a sync error is shown with the folder named; the next sync completes', async ({ app }) => {
  await createVault(app);
  const { folder, bea } = await teamOfTwo(app);
  bea.close();
  const { page } = app;
  await page.getByRole('button', { name: 'Team' }).click();
  renameSync(folder, `${folder}-unmounted`);
  await page.getByRole('button', { name: 'Sync now' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The last sync');
  await expect(alert).toContainText(`the team folder ${folder} cannot be read or written`);
  await app.screenshot('team-sync-failed');
  renameSync(`${folder}-unmounted`, folder);
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByText(/^Last sync /)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('the sync interval is saved on its own: "Saved." under it, the setting stored', async ({
  app,
}) => {
  await createVault(app);
  const { bea } = await teamOfTwo(app);
  bea.close();
  const { page } = app;
  await page.getByRole('button', { name: 'Team' }).click();
  const field = page.getByLabel('Sync every (minutes)');
  await expect(field).toHaveValue('5');
  await field.fill('15');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  expect(app.settings.get().teamSyncMinutes).toBe(15);
  // A few digits' width, not the whole line.
  const box = await field.boundingBox();
  expect(box!.width).toBeLessThan(200);
});
