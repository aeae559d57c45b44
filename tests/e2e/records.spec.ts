import { addRecord, createVault } from './flows';
import { expect, test } from './harness';

const ARABIC = {
  title: 'شهادة عن التحرش في المصنع',
  body: 'تعرضت للتحرش والتهديد من مديري في المصنع بعد أن طالبت بحقوق العاملات في مدينة طنجة.',
  lang: 'ar',
  narrator: 'ليلى بنت أحمد',
  tags: 'تحرش, عمل',
  date: '2023-05',
};

test('add a testimony in Arabic: shown right to left, marked identifying, encrypted on disk', async ({
  app,
}) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, ARABIC);

  const body = page.getByTestId('record-body');
  await expect(body).toHaveText(ARABIC.body);
  await expect(body).toHaveAttribute('dir', 'auto');
  await expect(body).toHaveAttribute('lang', 'ar');
  // dir="auto" resolves to right-to-left for Arabic text inside the English UI.
  expect(await body.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
  const narrator = page.locator('.identifying-block', { hasText: ARABIC.narrator });
  await expect(narrator.locator('.badge.identifying')).toHaveText('Identifying');

  const row = page.getByRole('option', { name: new RegExp(ARABIC.title) });
  await expect(row).toBeVisible();
  await expect(row).toContainText('May 2023');
  await app.screenshot('record-arabic');

  // What the person typed is nowhere on disk in plaintext.
  app.session.current()!.checkpoint();
  const disk = app.vaultBytes();
  for (const marker of [ARABIC.title, ARABIC.narrator, 'طنجة', 'Tangier']) {
    expect(disk.includes(Buffer.from(marker, 'utf8'))).toBe(false);
  }
  expect(app.blocked).toEqual([]);
  expect(app.pageErrors).toEqual([]);
});

test('search as you type finds the Arabic testimony and highlights the match', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, ARABIC);
  await addRecord(page, {
    title: 'Testimonio sobre amenazas en línea',
    body: 'Recibí amenazas por redes sociales.',
    lang: 'es',
  });

  const search = page.getByRole('searchbox', { name: 'Search the testimonies' });
  await search.fill('المصنع');
  const list = page.getByRole('listbox', { name: 'Testimonies' });
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText(ARABIC.title);
  await expect(list.locator('mark').first()).toHaveText(/المصنع/);
  await app.screenshot('search-arabic');

  await search.fill('amenazas');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('Testimonio sobre amenazas');

  // A word that is in no testimony: nothing shown, and the count says so.
  await search.fill('zzzzqqq');
  await expect(list.getByRole('option')).toHaveCount(0);
  await search.fill('');
  await expect(list.getByRole('option')).toHaveCount(2);

  // An edit reaches the search index without reloading the page.
  await list.getByRole('option', { name: /Testimonio/ }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  await page
    .locator('form.record-form')
    .getByLabel('Testimony')
    .fill('Recibí amenazas y hostigamiento.');
  await page.getByRole('button', { name: 'Save' }).click();
  await search.fill('hostigamiento');
  await expect(list.getByRole('option')).toHaveCount(1);
  expect(page.workers().length).toBe(1);

  // Locking terminates the search worker: the index leaves memory with it.
  await page.keyboard.press('Control+Shift+L');
  await expect(page.getByRole('heading', { name: 'Unlock the vault' })).toBeVisible();
  await expect.poll(() => page.workers().length).toBe(0);
  expect(app.pageErrors).toEqual([]);
});

test('a content warning keeps the text closed until the reader opens it', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, {
    title: 'Attack at the march',
    body: 'Detailed account of the violence.',
    warning: 'Physical violence',
  });
  await expect(page.getByTestId('record-body')).toHaveCount(0);
  await expect(page.getByText('Detailed account of the violence.')).toHaveCount(0);
  await expect(page.getByRole('note')).toContainText('Physical violence');
  await expect(page.getByRole('option', { name: /Attack at the march/ })).toContainText('CW');
  await app.screenshot('content-warning');
  await page.getByRole('button', { name: 'Show the testimony' }).click();
  await expect(page.getByTestId('record-body')).toHaveText('Detailed account of the violence.');
  await page.getByRole('button', { name: 'Hide it again' }).click();
  await expect(page.getByTestId('record-body')).toHaveCount(0);
});

test('edit every field, then read the revision history as a word diff', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, {
    title: 'Court hearing',
    body: 'The judge refused the complaint.',
    tags: 'legal',
  });
  await page.getByRole('button', { name: 'Edit' }).click();
  const form = page.locator('form.record-form');
  await form.getByLabel('Title').fill('Court hearing in Lagos');
  await form.getByLabel('Testimony').fill('The judge dismissed the complaint.');
  await form.getByLabel('Language').fill('en');
  await form.getByLabel('Date of events').fill('2022-11-03');
  await form.getByLabel('Place').fill('Lagos');
  await form.getByLabel(/^Narrator/).fill('A. O.');
  await form.getByLabel('Tags').fill('legal, court');
  await form.getByLabel('Status').selectOption('given');
  await form.getByLabel('Scope').selectOption('share-with-partners');
  await form.getByLabel('Date of consent').fill('2022-11-04');
  await form.getByLabel('Note about consent').fill('Oral consent, recorded');
  await form.getByLabel('Content warning').fill('');
  await form.getByLabel(/^Identifying passages/).fill('the street name\nher employer');
  await form.getByLabel('Notes').fill('Follow up in January');
  await form.getByRole('button', { name: 'Save' }).click();

  await expect(page.locator('#record-title')).toHaveText('Court hearing in Lagos');
  const saved = await app.invoke('records.get', { id: await selectedId(page) });
  expect(saved).toMatchObject({
    ok: true,
    value: {
      revision: 2,
      title: 'Court hearing in Lagos',
      lang: 'en',
      date: '2022-11-03',
      place: 'Lagos',
      narrator: 'A. O.',
      tags: ['legal', 'court'],
      consent: {
        status: 'given',
        scope: 'share-with-partners',
        date: '2022-11-04',
        note: 'Oral consent, recorded',
      },
      identifying: ['the street name', 'her employer'],
      notes: 'Follow up in January',
    },
  });

  await page.getByRole('button', { name: 'History' }).click();
  await expect(
    page.getByRole('heading', { name: 'Changes from revision 1 to revision 2' }),
  ).toBeVisible();
  const bodyDiff = page.locator('.diff-field', {
    has: page.getByRole('heading', { name: 'Testimony' }),
  });
  await expect(bodyDiff.locator('del')).toHaveText('refused');
  await expect(bodyDiff.locator('ins')).toHaveText('dismissed');
  await app.screenshot('history-diff');
  await page.getByRole('button', { name: /^Revision 1/ }).click();
  await expect(page.getByRole('heading', { name: 'First revision' })).toBeVisible();
});

test('invalid input is refused with the field named, and nothing is saved', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await page.getByRole('button', { name: 'New testimony' }).click();
  const form = page.locator('form.record-form');
  await form.getByLabel('Title').fill('Bad date');
  await form.getByLabel('Date of events').fill('2023-02-30');
  await form.getByLabel('Language').fill('not a language!');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toContainText('Please check: Language and Date of events.');
  expect(app.session.current()!.records.count()).toBe(0);
});

test('delete asks first, then removes the testimony for good', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await addRecord(page, { title: 'To be deleted', body: 'x' });
  const id = await selectedId(page);
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByRole('button', { name: 'Delete for good' }).click();
  await expect(page.getByRole('listbox').getByRole('option')).toHaveCount(0);
  expect(await app.invoke('records.get', { id })).toMatchObject({
    ok: false,
    error: { code: 'RECORD.NOT_FOUND' },
  });
});

test('the archive works from the keyboard alone', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  for (const title of ['Alpha', 'Bravo', 'Charlie'])
    await addRecord(page, { title, body: `${title} body` });
  const list = page.getByRole('listbox', { name: 'Testimonies' });
  await list.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // Newest first: Charlie, Bravo, Alpha.
  await expect(page.locator('#record-title')).toHaveText('Bravo');
  const active = await list.getAttribute('aria-activedescendant');
  expect(active).toMatch(/^record-option-/);
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.locator('#record-title')).toHaveText('Alpha');
  // Visible focus on the list.
  const outline = await list.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await app.screenshot('keyboard-focus');
});

test('filters: by tag, language, consent and date', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  const session = app.session.current()!;
  session.addRecord({
    title: 'Old Spanish',
    lang: 'es',
    tags: ['online'],
    date: '2019',
    consent: { status: 'given' },
  });
  session.addRecord({ title: 'New Arabic', lang: 'ar', tags: ['work'], date: '2024-03-02' });
  session.addRecord({ title: 'Undated French', lang: 'fr', tags: ['online', 'work'] });
  await page.reload();
  const rows = page.getByRole('listbox', { name: 'Testimonies' }).getByRole('option');
  await expect(rows).toHaveCount(3);
  await page.locator('summary', { hasText: 'Filter and sort' }).click();
  await page.getByLabel('Tag').selectOption('online');
  await expect(rows).toHaveCount(2);
  await page.getByLabel('Language', { exact: true }).selectOption('fr');
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Consent', { exact: true }).selectOption('given');
  await expect(rows).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('From date').fill('2020-01-01');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('New Arabic');
  await page.getByLabel('Sort by').selectOption('title');
  await app.screenshot('filters');
});

async function selectedId(page: import('@playwright/test').Page): Promise<string> {
  const id = await page.locator('[role="option"][aria-selected="true"]').getAttribute('id');
  return id!.replace('record-option-', '');
}
