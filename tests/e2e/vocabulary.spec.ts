import AxeBuilder from '@axe-core/playwright';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { addRecord, createVault } from './flows';
import { type Harness, expect, test } from './harness';

/** Presses Tab until `target` has the focus: the keyboard alone, as a person would. */
async function tabTo(page: Page, target: Locator, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

async function openVocabulary(app: Harness): Promise<void> {
  const { page } = app;
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Open the vocabulary' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Vocabulary' })).toBeFocused();
}

/** Filters the archive by a concept shown under `name`, in whatever the UI language is. */
async function filterByConcept(page: Page, label: string, name: string): Promise<void> {
  await page.locator('.filter-details summary').click();
  await page.getByLabel(label, { exact: true }).selectOption({ label: name });
}

test('a concept with es/fr/ar names finds the three testimonies, from the English and the Arabic UI', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const { page } = app;
  await createVault(app);
  await openVocabulary(app);
  await page.getByRole('button', { name: 'Add a concept' }).click();
  const form = page.locator('form.concept-form');
  await expect(form.getByRole('heading', { name: 'New concept' })).toBeFocused();
  await form.getByLabel('Identifier').fill('threats');
  const rows = form.locator('fieldset.concept-language');
  await expect(rows.nth(0).getByLabel('Language')).toHaveValue('en');
  await rows.nth(0).getByLabel('Preferred name').fill('threats');
  for (const [n, lang, name] of [
    [1, 'es', 'amenazas'],
    [2, 'fr', 'menaces'],
    [3, 'ar', 'تهديد'],
  ] as const) {
    await form.getByRole('button', { name: 'Add a language' }).click();
    await expect(rows.nth(n).getByLabel('Language')).toBeFocused();
    await rows.nth(n).getByLabel('Language').fill(lang);
    await rows.nth(n).getByLabel('Preferred name').fill(name);
  }
  await rows.nth(1).getByLabel('Other names').fill('amenaza\n');
  await form.getByRole('button', { name: 'Save the concept' }).click();
  await expect(page.getByText('Saved “threats”.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a concept' })).toBeFocused();
  const list = page.getByRole('list', { name: 'Concepts' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.locator('bdi[lang=ar]')).toHaveText('تهديد');
  expect(app.session.current()!.vocabulary.list()).toEqual([
    {
      id: 'threats',
      prefLabel: { en: 'threats', es: 'amenazas', fr: 'menaces', ar: 'تهديد' },
      altLabel: { es: ['amenaza'] },
    },
  ]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();

  await page.getByRole('button', { name: 'Archive', exact: true }).click();
  // The tag field offers the concept's names.
  await page.getByRole('button', { name: 'New testimony' }).click();
  const recordForm = page.locator('form.record-form');
  await recordForm.getByLabel('Tags').fill('urgent, MEN');
  const suggestions = recordForm.getByRole('list', { name: 'Names from the vocabulary' });
  await suggestions.getByRole('button', { name: 'menaces' }).click();
  await expect(recordForm.getByLabel('Tags')).toHaveValue('urgent, menaces, ');
  await expect(recordForm.getByLabel('Tags')).toBeFocused();
  await recordForm.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Discard changes' }).click();

  await addRecord(page, { title: 'Amenazas en la radio', body: 'Texto.', tags: 'amenazas' });
  await addRecord(page, { title: 'Menaces au marché', body: 'Texte.', tags: 'Ménaces, urgent' });
  await addRecord(page, { title: 'تهديد عبر الهاتف', body: 'نص.', tags: 'تَهديد' });
  await addRecord(page, { title: 'Unrelated', body: 'Text.', tags: 'violence' });
  const records = page.getByRole('listbox');
  await expect(records.getByRole('option')).toHaveCount(4);
  await filterByConcept(page, 'Concept', 'threats');
  await expect(records.getByRole('option')).toHaveCount(3);
  await expect(records.getByRole('option', { name: /Unrelated/ })).toHaveCount(0);

  // The Arabic UI: the concept is named in Arabic, and finds the same three.
  app.settings.set({ language: 'ar' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(records.getByRole('option')).toHaveCount(4);
  await filterByConcept(page, 'المفهوم', 'تهديد');
  await expect(records.getByRole('option')).toHaveCount(3);
  expect(app.blocked).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});

test('a hostile vocabulary file is refused by name, and nothing changes', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  const vault = app.session.current()!;
  vault.vocabulary.put({ id: 'threats', prefLabel: { es: 'amenazas' } });
  const before = vault.vocabulary.list();
  await page.reload(); // the page read the (empty) vocabulary when the archive opened
  await openVocabulary(app);
  await expect(page.getByRole('list', { name: 'Concepts' }).getByRole('listitem')).toHaveCount(1);

  const hostile = join(app.dir, 'hostile.json');
  writeFileSync(
    hostile,
    JSON.stringify({
      format: 'tvault-vocabulary',
      version: 1,
      concepts: [
        { id: 'threats', prefLabel: { es: 'reemplazada' } },
        { id: 'x', prefLabel: { es: '<img src=x onerror=alert(1)>' }, __proto__: { polluted: 1 } },
        { id: '../../etc', prefLabel: { es: 'y' } },
      ],
    }),
  );
  app.dialogs.nextVocabulary = hostile;
  await page.getByRole('button', { name: 'Import a file…' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('“hostile.json” was not imported and nothing was changed');
  await expect(alert).toContainText('identifier');
  await expect(alert).toContainText('concept 3');
  expect(vault.vocabulary.list()).toEqual(before);
  expect([...vault.custody.entries()].map((e) => e.action)).not.toContain('vocabulary.imported');
  await expect(page.getByRole('list', { name: 'Concepts' }).getByRole('listitem')).toHaveCount(1);

  // A good file from a partner: merged, said, listed.
  const good = join(app.dir, 'partner.csv');
  writeFileSync(good, '\uFEFFid,es,fr\narrest,detención,arrestation\n');
  app.dialogs.nextVocabulary = good;
  await page.getByRole('button', { name: 'Import a file…' }).click();
  await expect(page.getByText('Imported “partner.csv”. Added: 1. Replaced: 0.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Concepts' }).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'Export as CSV…' }).click();
  await expect(page.getByText('Saved “vocabulary.csv”. Concepts: 2.')).toBeVisible();
  expect(app.pageErrors).toEqual([]);
});

for (const language of ['en', 'ar'] as const) {
  test(`the vocabulary screen passes axe in ${language}`, async ({ app }) => {
    const { page } = app;
    await createVault(app);
    app.session.current()!.vocabulary.put({
      id: 'threats',
      prefLabel: { en: 'threats', es: 'amenazas', ar: 'تهديد' },
      scopeNote: { en: 'Threats in person or online.' },
    });
    app.settings.set({ language });
    await page.reload();
    await page.locator('.topbar nav button').nth(3).click();
    await page.locator('section[aria-labelledby=vocabulary-settings] button').click();
    await expect(page.locator('.concept-list li')).toHaveCount(1);
    const check = async (screen: string) => {
      await expect(page.locator('h1'), screen).toHaveCount(1);
      const result = await new AxeBuilder({ page }).analyze();
      const blocking = result.violations.filter((v) =>
        ['critical', 'serious', 'moderate'].includes(v.impact ?? ''),
      );
      expect(
        blocking.map((v) => `${screen}: ${v.id} ${v.nodes.map((n) => n.target).join(' | ')}`),
      ).toEqual([]);
    };
    await check('list');
    await page.locator('.concept-list li button').first().click();
    await expect(page.locator('form.concept-form h2')).toBeFocused();
    await check('form');
    await page.locator('form.concept-form fieldset input[role=combobox]').first().fill('xx');
    await page.locator('form.concept-form button[type=submit]').click();
    await expect(page.locator('form.concept-form [aria-invalid=true]').first()).toBeVisible();
    await check('form-refused');
  });
}

test('keyboard only: add a concept, then filter the archive by it', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  const vault = app.session.current()!;
  vault.addRecord({ title: 'Uno', body: 'a', tags: ['amenazas'] });
  vault.addRecord({ title: 'Deux', body: 'b', tags: ['menaces'] });
  vault.addRecord({ title: 'Other', body: 'c', tags: ['other'] });
  await page.reload();
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(3);

  await tabTo(page, page.getByRole('button', { name: 'Settings' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Open the vocabulary' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Vocabulary' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Add a concept' }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Identifier')).toBeFocused();
  await page.keyboard.type('threats');
  await page.keyboard.press('Tab'); // the language, "en" already
  await page.keyboard.press('Tab');
  await page.keyboard.type('threats');
  await tabTo(page, page.getByRole('button', { name: 'Add a language' }));
  await page.keyboard.press('Enter');
  await page.keyboard.type('es');
  await page.keyboard.press('Escape'); // closes the language list only
  await expect(page.locator('form.concept-form')).toBeVisible();
  await page.keyboard.press('Tab');
  await page.keyboard.type('amenazas');
  await tabTo(page, page.getByRole('button', { name: 'Add a language' }));
  await page.keyboard.press('Enter');
  await page.keyboard.type('fr');
  await page.keyboard.press('Tab');
  await page.keyboard.type('menaces');
  await page.keyboard.press('Enter'); // submits
  await expect(page.getByText('Saved “threats”.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add a concept' })).toBeFocused();

  // Escape in the form cancels it; Escape on the screen goes back to Settings.
  await page.keyboard.press('Enter');
  await expect(page.locator('form.concept-form')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.locator('form.concept-form')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();

  await tabTo(page, page.getByRole('button', { name: 'Archive', exact: true }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.locator('.filter-details summary'));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByLabel('Concept', { exact: true }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Concept', { exact: true })).toHaveValue('threats');
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(2);
  expect(vault.vocabulary.list().map((c) => c.id)).toEqual(['threats']);
});
