import { readFileSync } from 'node:fs';
import type { Language } from '../../src/shared/i18n';
import { fixture } from '../import/helpers';
import { PASSPHRASE } from './flows';
import { type Harness, expect } from './harness';
import { visitUnlockWithShares, walkCustodyScreens } from './screens-custody';
import { walkTeamScreens } from './screens-team';

/** A real JPEG carrying GPS and an author, so the export review shows what cleaning removes. */
const photoWithGps = readFileSync(new URL('../fixtures/metadata/photo-gps.jpg', import.meta.url));

/**
 * Every main screen of the app, visited in one language without reading its text (selectors
 * are roles, classes and test ids), so the accessibility check and the screenshot script see the
 * same screens in English and Arabic. `visit` is called on each, by name.
 */
export async function walkScreens(
  app: Harness,
  language: Language,
  visit: (name: string) => Promise<void>,
): Promise<void> {
  const { page } = app;
  app.settings.set({ language });
  await app.open();

  // First run: passphrase, recovery key, the check.
  await expect(page.locator('#gate-title')).toBeVisible();
  await visit('create');
  const secrets = page.locator('input[type=password]');
  await secrets.nth(0).fill(PASSPHRASE);
  await secrets.nth(1).fill(PASSPHRASE);
  await page.locator('button[type=submit]').click();
  await expect(page.getByTestId('recovery-key')).toBeVisible();
  await visit('recovery-key');
  await page.locator('.gate-card button.primary').click();
  await visit('recovery-check');

  // The vault exists and is open: the archive, with testimonies made through the core.
  const vault = app.session.current()!;
  // A partner to share with: a published test identity (docs/test-vectors), verified.
  const keys = JSON.parse(
    readFileSync('docs/test-vectors/bundle-v1/valid/one-chunk/keys.json', 'utf8'),
  ) as { recipients: { identity: string }[] };
  vault.partners.add('Partner Collective', keys.recipients[0]!.identity);
  vault.partners.verify('Partner Collective');
  const arabic = vault.addRecord({
    title: 'شهادة عن العنف الرقمي',
    body: 'تلقيت رسائل تهديد على وسائل التواصل الاجتماعي بعد المظاهرة.',
    lang: 'ar',
    narrator: 'ليلى حسن',
    tags: ['عنف رقمي'],
    date: '2024-01-15',
    identifying: ['المظاهرة'],
  });
  const english = vault.addRecord({
    title: 'Attack at the march',
    body: 'Detailed account of the violence near the courthouse.',
    lang: 'en',
    warning: 'Physical violence',
    tags: ['violence'],
    date: '2023-06',
  });
  // A concept of the vocabulary (issue 12, point 12) that names the Arabic testimony's tag.
  vault.vocabulary.put({
    id: 'online-violence',
    prefLabel: { en: 'online violence', ar: 'عنف رقمي', es: 'violencia digital' },
    altLabel: { fr: ['violence en ligne'] },
    scopeNote: { en: 'Threats and harassment on social media.' },
  });
  await page.reload();
  const list = page.getByRole('listbox');
  await expect(list.getByRole('option')).toHaveCount(2);
  await visit('archive');

  await list.getByRole('option').first().click();
  await expect(page.locator('#record-title')).toBeVisible();
  await visit('record');
  await page.locator('.record-pane .pane-header button').nth(0).click();
  await expect(page.locator('form.record-form')).toBeVisible();
  const langField = page.locator('form.record-form input[role=combobox]');
  await langField.fill('عرب');
  await expect(page.locator('form.record-form [role=listbox] [role=option]').first()).toBeVisible();
  await visit('language-picker');
  await langField.fill('not a language');
  await page.locator('form.record-form button[type=submit]').click();
  await expect(page.locator('[aria-invalid=true]').first()).toBeFocused();
  await visit('form-refused');
  await page.locator('form.record-form .form-footer button').first().click();
  await expect(page.locator('dialog[open]')).toBeVisible();
  await visit('discard-changes');
  await page.locator('dialog[open] button.danger').click();

  await page.locator('.record-pane .pane-header button').nth(1).click();
  await expect(page.locator('#history-title')).toBeVisible();
  await visit('history');
  await page.keyboard.press('Escape');

  await page.getByRole('searchbox').fill('العنف');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.locator('.row-snippet mark').first()).toBeVisible();
  await page.locator('.search-help summary').click(); // the query syntax, open
  await visit('search');
  await page.locator('.search-help summary').click();
  await page.getByRole('searchbox').fill('');

  await page.locator('.record-pane .pane-header button').nth(2).click();
  await expect(page.locator('#export-title')).toBeVisible();
  await visit('export');
  // The review when consent refuses everything: why "Write" is disabled, links to consent.
  await page.locator('.export fieldset').nth(1).locator('input[type=checkbox]').first().check();
  await page.locator('.export .actions button.primary').click();
  await expect(page.getByTestId('write-why')).toBeVisible();
  await visit('export-refused');
  // Back, both testimonies made shareable with a file each: replacements, files, leave-out.
  await page.locator('.export .actions button').first().click();
  for (const id of [arabic.id, english.id]) {
    vault.updateRecord(id, { consent: { status: 'given', scope: 'share-with-partners' } });
    await vault.attachments.attachStream(id, streamOf(photoWithGps), { name: 'photo.jpg' });
  }
  await page.locator('.export .actions button.primary').click();
  await expect(page.getByTestId('export-files')).toBeVisible();
  await page.locator('.replacements summary').first().click();
  await visit('export-review');
  await page.keyboard.press('Escape');

  await page.locator('.record-pane .pane-header button').nth(3).click();
  await expect(page.getByTestId('report-entry').first()).toBeVisible();
  await visit('custody-report');
  await page.keyboard.press('Escape');

  // The archive filtered by a concept, named in the UI language.
  const conceptFilter = page.locator('.filter-details select:has(option[value=online-violence])');
  await page.locator('.filter-details summary').click();
  await conceptFilter.selectOption('online-violence');
  await expect(list.getByRole('option')).toHaveCount(1);
  await visit('concept-filter');
  await conceptFilter.selectOption('');
  await expect(list.getByRole('option')).toHaveCount(2);
  await page.locator('.filter-details summary').click();

  // The import wizard (issue 16) on an Uwazi export: the file, the preview, the consent.
  const wizardStep = (name: string) => page.locator(`.import-step[data-step="${name}"]`);
  await page.getByTestId('import-open').click();
  await expect(wizardStep('file').locator('h2')).toBeFocused();
  app.dialogs.nextFile = fixture('uwazi', 'entities.csv');
  await wizardStep('file').locator('button').first().click();
  await expect(page.getByTestId('import-file')).toBeVisible();
  await visit('import-file');
  await page.locator('.import-buttons .primary').click();
  await expect(page.getByTestId('import-samples')).toBeVisible();
  await visit('import-preview');
  await page.locator('.import-buttons .primary').click();
  await expect(wizardStep('consent').locator('h2')).toBeFocused();
  await visit('import-consent');
  await page.keyboard.press('Escape');
  await expect(list.getByRole('option')).toHaveCount(2);

  const tabs = page.locator('.topbar nav button');
  await tabs.nth(1).click();
  await expect(page.getByTestId('own-fingerprint')).toBeVisible();
  await visit('partners');
  await walkTeamScreens(app, visit);
  await tabs.nth(3).click();
  await expect(page.locator('.settings')).toBeVisible();
  await visit('settings');
  await walkCustodyScreens(app, visit);
  await page.locator('section[aria-labelledby=vocabulary-settings] button').click();
  await expect(page.locator('.concept-list li')).toHaveCount(1);
  await visit('vocabulary');
  await page.locator('.concept-list li button').first().click();
  await expect(page.locator('form.concept-form h2')).toBeFocused();
  await visit('vocabulary-concept');
  await page.keyboard.press('Escape'); // the form
  await expect(page.locator('form.concept-form')).toHaveCount(0);
  await page.keyboard.press('Escape'); // the screen, back to Settings
  await expect(page.locator('.settings h1')).toBeFocused();

  await page.locator('.lock-button').click();
  await expect(page.locator('#gate-title')).toBeVisible();
  await visit('unlock');
  await visitUnlockWithShares(app, visit);
}

async function* streamOf(bytes: Uint8Array) {
  yield bytes;
}
