import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { receiveBundle } from '../../src/core/bundles';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { VaultSession } from '../../src/main/vault-session';
import { PASSPHRASE, createVault } from './flows';
import { type Harness, expect, test } from './harness';

/**
 * Issue 12, points 5 to 8: marking identifying passages, redaction as the review shows it,
 * the files that go (and those left out), and a review where consent refuses everything.
 */

async function* bytesOf(text: string) {
  yield new TextEncoder().encode(text);
}

/** A partner vault made through the core (its UI is not under test here), known to the app. */
async function partnerVault(app: Harness): Promise<{ session: VaultSession; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tv-e2e-partner-'));
  const session = new VaultSession({ dir: join(dir, 'vault'), vaultOptions: { kdf: TEST_KDF } });
  await session.create(PASSPHRASE);
  const vault = app.session.current()!;
  vault.partners.add('Rabat Partner', session.require().identity.identityString());
  vault.partners.verify('Rabat Partner');
  session.require().partners.add('Sender', vault.identity.identityString());
  session.require().partners.verify('Sender');
  return { session, dir };
}

/** Selects `passage` in the testimony field of the open form, as a person would with the mouse. */
async function selectInBody(page: Page, passage: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Testimony' }).evaluate((el, text) => {
    const area = el as HTMLTextAreaElement;
    const start = area.value.indexOf(text);
    area.focus();
    area.setSelectionRange(start, start + text.length);
  }, passage);
}

async function openReview(page: Page, partner: string): Promise<void> {
  await page.getByRole('button', { name: 'Share…' }).click();
  await page.getByRole('checkbox', { name: partner }).check();
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('heading', { name: 'Review before sharing' })).toBeFocused();
}

test('marks passages in the body, highlights them, and the review shows exactly what is replaced', async ({
  app,
}) => {
  test.setTimeout(180_000);
  await createVault(app);
  const other = await partnerVault(app);
  const { page } = app;
  app.session.current()!.addRecord({
    title: 'المصنع',
    lang: 'ar',
    narrator: 'ليلى حسن',
    body: 'قالت ليلى إن المدير هددها في حي السلام. كانت حسنة الظن به.',
    consent: { status: 'given', scope: 'share-with-partners', date: null, note: '' },
  });
  await page.reload();
  await page.getByRole('listbox').getByRole('option').first().click();

  // Select, mark, unmark, mark again: the identifying field follows; the status is announced.
  await page.getByRole('button', { name: 'Edit' }).click();
  const mark = page.getByRole('button', { name: 'Mark the selection as identifying' });
  await expect(mark).toBeDisabled();
  await selectInBody(page, 'حي السلام');
  await mark.click();
  const passages = page.getByLabel(/^Identifying passages/);
  await expect(passages).toHaveValue('حي السلام');
  await expect(page.getByTestId('mark-status')).toHaveText('Marked as identifying: حي السلام');
  await page.getByRole('button', { name: 'Unmark the selection' }).click();
  await expect(passages).toHaveValue('');
  await page.getByRole('button', { name: 'Mark the selection as identifying' }).click();
  await expect(passages).toHaveValue('حي السلام');
  await page.getByRole('button', { name: 'Save' }).click();

  // The testimony as read: the marked passage highlighted, nothing else.
  const marks = page.getByTestId('record-body').locator('mark.identifying-mark');
  await expect(marks).toHaveText(['حي السلام']);

  // The review: as the partner reads it, what is replaced, and what the redaction misses.
  await openReview(page, 'Rabat Partner');
  const asSent = page.getByTestId('samples').locator('.as-sent');
  await expect(asSent).toContainText('الراوي/ة 1');
  await expect(asSent).toContainText('قالت الراوي/ة 1 إن المدير هددها في [محذوف].');
  await expect(asSent).not.toContainText('ليلى');
  const replaced = page.getByTestId('replacements');
  await replaced.locator('summary').click();
  await expect(replaced.getByRole('listitem')).toHaveText([
    'ليلى حسن → الراوي/ة 1 ×1',
    'ليلى → الراوي/ة 1 ×1',
    'حي السلام → [محذوف] ×1',
  ]);
  await expect(page.getByTestId('redaction-warnings')).toContainText('حسنة');
  await page.getByRole('button', { name: 'Write the bundle…' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle written' })).toBeVisible();
  const path = (await page.getByTestId('bundle-path').textContent())!;
  await receiveBundle(other.session.require(), path);
  const [got] = other.session.require().records.list();
  expect(other.session.require().records.get(got!.id).body).toBe(
    'قالت الراوي/ة 1 إن المدير هددها في [محذوف]. كانت حسنة الظن به.',
  );
  other.session.lock('quit');
  rmSync(other.dir, { recursive: true, force: true });
  expect(app.pageErrors).toEqual([]);
});

test('lists every file that goes, says they go as they are, and leaves out what is unticked', async ({
  app,
}) => {
  test.setTimeout(180_000);
  await createVault(app);
  const other = await partnerVault(app);
  const { page } = app;
  const vault = app.session.current()!;
  const record = vault.addRecord({
    title: 'Files',
    body: 'Two files.',
    consent: { status: 'given', scope: 'share-with-partners', date: null, note: '' },
  });
  const kept = await vault.attachments.attachStream(record.id, bytesOf('KEPT'), {
    name: 'letter.txt',
  });
  const left = await vault.attachments.attachStream(record.id, bytesOf('FACE'), {
    name: 'photo\u202Egpj.exe',
  });
  await page.reload();
  await page.getByRole('listbox').getByRole('option').first().click();
  await openReview(page, 'Rabat Partner');

  const files = page.getByTestId('export-files');
  await expect(files).toContainText('Files are sent as cleaned copies');
  await expect(files.getByRole('group', { name: 'Files' })).toBeVisible();
  // The hostile name shows its override as a visible mark, never reordered.
  const photo = files.getByRole('checkbox', { name: 'Send photo⟨U+202E⟩gpj.exe' });
  await expect(photo).toBeChecked();
  await expect(files).toContainText(
    `${left.mime} · 4 bytes · sent as it is: this type of file is not cleaned`,
  );
  await expect(page.getByText('Testimonies to send: 1 · files: 2')).toBeVisible();
  await photo.uncheck();
  await expect(page.getByText('Testimonies to send: 1 · files: 1')).toBeVisible();
  await page.getByRole('button', { name: 'Write the bundle…' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle written' })).toBeVisible();
  const path = (await page.getByTestId('bundle-path').textContent())!;
  await receiveBundle(other.session.require(), path);
  const received = other.session.require().attachments.list(record.id);
  expect(received.map((f) => f.id)).toEqual([kept.id]);
  other.session.lock('quit');
  rmSync(other.dir, { recursive: true, force: true });
  expect(app.pageErrors).toEqual([]);
});

test('sends a cleaned copy of a photo by default; the originals only by choice, with a warning', async ({
  app,
}) => {
  test.setTimeout(180_000);
  await createVault(app);
  const other = await partnerVault(app);
  const { page } = app;
  const vault = app.session.current()!;
  const record = vault.addRecord({
    title: 'Photo',
    body: 'A photo with its place.',
    consent: { status: 'given', scope: 'share-with-partners', date: null, note: '' },
  });
  const original = readFileSync(new URL('../fixtures/metadata/photo-gps.jpg', import.meta.url));
  const photo = await vault.attachments.attachStream(
    record.id,
    (async function* () {
      yield new Uint8Array(original);
    })(),
    { name: 'photo.jpg' },
  );
  await page.reload();
  await page.getByRole('listbox').getByRole('option').first().click();
  await openReview(page, 'Rabat Partner');

  const files = page.getByTestId('export-files');
  await expect(files).toContainText('image/jpeg · 99.1 kB · cleaned copy');
  await expect(files.getByTestId('export-file-carries')).toHaveCount(0);
  const keep = files.getByRole('checkbox', {
    name: 'Send the original files with their metadata (place, device, author)',
  });
  await keep.check();
  await expect(files).toContainText('original, with its metadata');
  await expect(files.getByTestId('export-file-carries')).toContainText('gps.latitude');
  await expect(files.getByTestId('export-file-carries')).toContainText('ifd0.Artist');
  await keep.uncheck();
  await page.getByRole('button', { name: 'Write the bundle…' }).click();
  await expect(page.getByRole('heading', { name: 'Bundle written' })).toBeVisible();
  const path = (await page.getByTestId('bundle-path').textContent())!;
  await receiveBundle(other.session.require(), path);
  const parts: Uint8Array[] = [];
  for await (const part of other.session.require().attachments.readStream(photo.id))
    parts.push(part);
  const received = Buffer.concat(parts);
  expect(received.length).toBeLessThan(original.length);
  expect(received.includes('Amina Ben Salah')).toBe(false);
  expect(original.includes('Amina Ben Salah')).toBe(true);
  // The sender keeps the original.
  expect(vault.attachments.get(photo.id).sha256).toBe(
    createHash('sha256').update(original).digest('hex'),
  );
  other.session.lock('quit');
  rmSync(other.dir, { recursive: true, force: true });
  expect(app.pageErrors).toEqual([]);
});

test('when consent refuses everything, says why and leads to each testimony’s consent', async ({
  app,
}) => {
  test.setTimeout(180_000);
  await createVault(app);
  const other = await partnerVault(app);
  const { page } = app;
  app.session.current()!.addRecord({ title: 'No consent yet', body: 'Kept here.' });
  await page.reload();
  await page.getByRole('listbox').getByRole('option').first().click();
  await openReview(page, 'Rabat Partner');

  const write = page.getByRole('button', { name: 'Write the bundle…' });
  await expect(write).toBeDisabled();
  await expect(write).toHaveAccessibleDescription(/Nothing can be written: the consent of every/);
  await expect(page.getByTestId('refused')).toContainText('consent is not recorded as given');
  await page.getByRole('button', { name: 'Open its consent' }).click();

  // The testimony's form, focused on its consent.
  const form = page.locator('form.record-form');
  await expect(form.getByLabel('Status')).toBeFocused();
  await form.getByLabel('Status').selectOption('given');
  await form.getByLabel('Scope').selectOption('share-with-partners');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#record-title')).toBeFocused();
  await openReview(page, 'Rabat Partner');
  await expect(page.getByRole('button', { name: 'Write the bundle…' })).toBeEnabled();
  await expect(page.getByTestId('write-why')).toHaveCount(0);
  other.session.lock('quit');
  rmSync(other.dir, { recursive: true, force: true });
  expect(app.pageErrors).toEqual([]);
});
