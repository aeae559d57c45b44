import { join } from 'node:path';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { syncTeam } from '../../src/core/team/sync';
import { initTeam, inviteMember, joinTeam } from '../../src/core/team/team';
import { Vault } from '../../src/core/vault/vault';
import { type Harness, expect } from './harness';
import { mkdirSync } from 'node:fs';

/**
 * The Team screens (walkScreens calls this from the Partners screen): first with no team, then
 * in a team of two (the second vault through the core) with one conflict, and that conflict's
 * versions side by side. Language-independent selectors. Ends on the Team screen.
 */
export async function walkTeamScreens(
  app: Harness,
  visit: (name: string) => Promise<void>,
): Promise<void> {
  const { page } = app;
  const tabs = page.locator('.topbar nav button');
  await tabs.nth(2).click();
  await expect(page.locator('#team-setup')).toBeVisible();
  await visit('team-none');

  const bea = await conflictOnTwoLaptops(app);
  try {
    // Away and back: the screen reads the team afresh.
    await tabs.nth(1).click();
    await tabs.nth(2).click();
    await expect(page.locator('.conflict-list li')).toHaveCount(1);
    await expect(page.locator('#team-members')).toBeVisible();
    await visit('team');
    await page.locator('.conflict-list li button').click();
    await expect(page.locator('table.conflict-table')).toBeVisible();
    await page.locator('.settings-screen input[type=radio]').first().check();
    await visit('team-conflict');
    await page.keyboard.press('Escape');
    await expect(page.locator('.team h1')).toBeFocused();
  } finally {
    bea.close();
  }
}

/** This vault and a second one in a team, one testimony edited on both before a sync. */
async function conflictOnTwoLaptops(app: Harness): Promise<Vault> {
  const amal = app.session.current()!;
  const folder = join(app.dir, 'screens-team');
  mkdirSync(folder);
  const { vault: bea } = await Vault.create(join(app.dir, 'screens-bea'), 'bea passphrase', {
    kdf: TEST_KDF,
  });
  const { teamId } = initTeam(amal, { name: 'Casablanca · Tunis', folder, memberName: 'Amal' });
  inviteMember(amal, { identity: bea.identity.identityString(), name: 'Bea' });
  joinTeam(bea, { teamId, inviter: amal.identity.identityString(), folder });
  const record = amal.addRecord({
    title: 'تهديدات أمام العيادة',
    body: 'كانوا ينتظرون أمام العيادة كل صباح.',
    lang: 'ar',
    consent: { status: 'given', scope: 'archive-only' },
  });
  await syncTeam(amal);
  await syncTeam(bea);
  amal.updateRecord(record.id, { title: 'تهديدات أمام العيادة، مارس' });
  bea.updateRecord(record.id, { body: 'كانوا ينتظرون أمام العيادة كل مساء.' });
  await syncTeam(bea);
  await syncTeam(amal);
  return bea;
}
