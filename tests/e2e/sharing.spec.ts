import { readFileSync } from 'node:fs';
import { addRecord, createVault } from './flows';
import { makePng, sha256 } from './fixtures';
import { type Harness, expect, test } from './harness';

async function identityOf(app: Harness): Promise<{ identity: string; fingerprint: string }> {
  await app.page.getByRole('button', { name: 'Partners & sharing' }).click();
  const identity = await app.page.getByTestId('own-identity').inputValue();
  const fingerprint = (await app.page.getByTestId('own-fingerprint').textContent())!;
  return { identity, fingerprint };
}

async function addAndVerify(
  app: Harness,
  name: string,
  other: { identity: string; fingerprint: string },
) {
  const { page } = app;
  await page.getByRole('button', { name: 'Partners & sharing' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Their identity').fill(other.identity);
  await page.getByRole('button', { name: 'Add the partner' }).click();
  // The verification step shows the fingerprint to compare with what the partner reads out.
  const box = page.getByRole('group', { name: `Verify ${name}` });
  await expect(box.locator('.fingerprint')).toHaveText(other.fingerprint);
  await box.getByRole('button', { name: 'The digits match' }).click();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toContainText('Verified');
}

test('export to a partner vault and import there: consent, redaction, verification', async ({
  app,
  partner,
}) => {
  test.setTimeout(240_000);
  await createVault(app);
  await createVault(partner);
  const ours = await identityOf(app);
  const theirs = await identityOf(partner);
  expect(ours.fingerprint).not.toBe(theirs.fingerprint);

  // Copy goes through main (the page has no clipboard permission).
  await app.page.getByRole('button', { name: 'Copy the identity' }).click();
  await expect(app.page.getByText('The identity is on the clipboard.')).toBeVisible();
  expect(app.dialogs.clipboard).toBe(ours.identity);

  await addAndVerify(app, 'Partner Collective', theirs);
  await addAndVerify(partner, 'Tunis Centre', ours);
  await app.screenshot('partners');

  // Two testimonies: one may be shared, the other's consent is unknown.
  const { page } = app;
  await page.getByRole('button', { name: 'Archive' }).click();
  await addRecord(page, {
    title: 'Threats after the march',
    body: 'Samira Haddad received threats from her neighbour on Rue de Marseille.',
    narrator: 'Samira Haddad',
  });
  await page.getByRole('button', { name: 'Edit' }).click();
  const form = page.locator('form.record-form');
  await form.getByLabel('Status').selectOption('given');
  await form.getByLabel('Scope').selectOption('share-with-partners');
  await form.getByLabel(/^Identifying passages/).fill('Rue de Marseille');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#record-title')).toHaveText('Threats after the march');
  const png = makePng(64, 48);
  await page
    .getByTestId('evidence-input')
    .setInputFiles({ name: 'screenshot.png', mimeType: 'image/png', buffer: png });
  await expect(page.locator('.evidence-item')).toHaveCount(1);
  await addRecord(page, { title: 'No consent recorded', body: 'Must not leave the vault.' });

  // The wizard: the list, to the partner, identities redacted.
  await page.getByRole('button', { name: 'Share these…' }).click();
  await page.getByRole('radio', { name: /The testimonies shown in the list/ }).check();
  await page.getByRole('checkbox', { name: 'Partner Collective' }).check();
  await expect(page.getByRole('checkbox', { name: /Redact identities/ })).toBeChecked();
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText('Testimonies to send: 1 · files: 1')).toBeVisible();
  await expect(page.getByTestId('refused')).toContainText('No consent recorded');
  await expect(page.getByTestId('refused')).toContainText('consent is not recorded as given');
  // As the partner reads it (the list of replacements beside it names what was replaced).
  const sample = page.getByTestId('samples').locator('.as-sent');
  await expect(sample).toContainText('Narrator 1');
  await expect(sample).toContainText('[redacted]');
  await expect(sample).not.toContainText('Samira');
  await expect(sample).not.toContainText('Marseille');
  await app.screenshot('export-review');
  const write = page.getByRole('button', { name: 'Write the bundle…' });
  await expect(write).toBeDisabled();
  await page.getByRole('checkbox', { name: /I have read the above/ }).check();
  await write.click();
  const bundlePath = (await page.getByTestId('bundle-path').textContent())!;
  await expect(page.getByRole('heading', { name: 'Bundle written' })).toBeVisible();
  await app.screenshot('export-done');

  // Nothing readable in the bundle file.
  const bundle = readFileSync(bundlePath);
  for (const marker of ['Samira', 'Threats after the march', 'Marseille', 'No consent']) {
    expect(bundle.includes(Buffer.from(marker))).toBe(false);
  }
  expect(bundle.includes(png.subarray(16, 48))).toBe(false);

  // The partner opens it: verified, from a verified partner, then imports.
  const them = partner.page;
  partner.dialogs.nextBundle = bundlePath;
  await them.getByRole('button', { name: 'Open a bundle…' }).click();
  const report = them.getByTestId('bundle-report');
  await expect(report).toContainText('Signature and every entry verified.');
  await expect(report).toContainText('Tunis Centre');
  await expect(report).toContainText(ours.fingerprint);
  await expect(report).toContainText('Testimonies: 1 · files: 1');
  await expect(report).toContainText('Redacted');
  await partner.screenshot('import-report');
  await them.getByRole('button', { name: 'Import' }).click();
  await expect(them.getByText(/Received from Tunis Centre: testimonies 1, files 1/)).toBeVisible();

  await them.getByRole('button', { name: 'Archive' }).click();
  await them
    .getByRole('listbox')
    .getByRole('option', { name: /Threats after the march/ })
    .click();
  await expect(them.getByTestId('record-body')).toContainText(
    'Narrator 1 received threats from her neighbour on [redacted].',
  );
  await expect(them.getByText('Received from')).toBeVisible();
  await expect(them.locator('.evidence-item').getByTestId('sha256')).toHaveText(sha256(png));
  await expect(them.getByRole('listbox').getByRole('option')).toHaveCount(1);
  await partner.screenshot('imported-record');

  // Receiving the same bundle again imports nothing twice.
  await them.getByRole('button', { name: 'Partners & sharing' }).click();
  await them.getByRole('button', { name: 'Open a bundle…' }).click();
  await expect(them.getByTestId('bundle-report')).toContainText('This bundle was received before');
  expect(app.pageErrors).toEqual([]);
  expect(partner.pageErrors).toEqual([]);
  expect([...app.blocked, ...partner.blocked]).toEqual([]);
});

test('a bundle from someone who is not a partner needs the fingerprint compared first', async ({
  app,
  partner,
}) => {
  test.setTimeout(240_000);
  await createVault(app);
  await createVault(partner);
  const theirs = await identityOf(partner);
  await addAndVerify(app, 'Partner Collective', theirs);
  await app.page.getByRole('button', { name: 'Archive' }).click();
  app.session.current()!.addRecord({
    title: 'Shared one',
    body: 'text',
    consent: { status: 'given', scope: 'share-with-partners' },
  });
  await app.page.reload();
  await app.page.getByRole('button', { name: 'Share these…' }).click();
  await app.page.getByRole('checkbox', { name: 'Partner Collective' }).check();
  await app.page.getByRole('button', { name: 'Review' }).click();
  await app.page.getByRole('button', { name: 'Write the bundle…' }).click();
  const bundlePath = (await app.page.getByTestId('bundle-path').textContent())!;

  const them = partner.page;
  partner.dialogs.nextBundle = bundlePath;
  await them.getByRole('button', { name: 'Open a bundle…' }).click();
  const report = them.getByTestId('bundle-report');
  await expect(report).toContainText('Not one of your partners');
  const importButton = them.getByRole('button', { name: 'Import' });
  await expect(importButton).toBeDisabled();
  await them.getByRole('checkbox', { name: /I compared the fingerprint/ }).check();
  await importButton.click();
  await expect(them.getByText(/Received from .*: testimonies 1/)).toBeVisible();

  // A damaged bundle is refused with a clear message and nothing is imported.
  const damaged = `${bundlePath}.damaged`;
  const bytes = readFileSync(bundlePath);
  bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
  (await import('node:fs')).writeFileSync(damaged, bytes);
  partner.dialogs.nextBundle = damaged;
  await them.getByRole('button', { name: 'Open a bundle…' }).click();
  await expect(them.getByRole('alert')).toContainText('damaged, or it was altered');
  expect(partner.session.current()!.records.count()).toBe(1);
});
