import type { Locator, Page } from '@playwright/test';
import { createVault } from './flows';
import { expect, test } from './harness';

/** True when some other element (the sticky bar, say) is drawn over the middle of `field`. */
async function covered(page: Page, field: Locator): Promise<boolean> {
  const box = (await field.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(box.height - 2, 12);
  const handle = await field.elementHandle();
  return page.evaluate(
    ([el, px, py]) => {
      const top = document.elementFromPoint(px as number, py as number);
      return !(top && (el as Element).contains(top));
    },
    [handle, x, y] as const,
  );
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1024, height: 640 },
]) {
  test(`a refused save marks, describes and focuses the bad field (${viewport.width}x${viewport.height})`, async ({
    app,
  }) => {
    const { page } = app;
    await page.setViewportSize(viewport);
    await createVault(app);
    await page.getByRole('button', { name: 'New testimony' }).click();
    const form = page.locator('form.record-form');
    await form.getByLabel('Title').fill('Audience au tribunal');
    await form.getByLabel('Language').fill('français');
    await form.getByLabel('Date of events').fill('14/03/2024');
    await form.getByLabel('Testimony').fill('Le juge a refusé la plainte.');
    await form.getByRole('button', { name: 'Save' }).click();

    // The summary says what to fix and is on screen, not hidden under the bar.
    const summary = form.getByRole('alert');
    await expect(summary).toContainText('Please check: Language and Date of events.');
    await expect(summary).toBeInViewport();

    // Both bad fields are marked, each with its own message tied to it.
    const lang = form.getByLabel('Language');
    const date = form.getByLabel('Date of events');
    for (const [field, message] of [
      [lang, 'This is not a language code'],
      [date, 'Write a real date as year-month-day'],
    ] as const) {
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(new RegExp(message));
    }
    await expect(form.getByLabel('Title')).not.toHaveAttribute('aria-invalid', 'true');

    // Focus is on the first bad field, in view and not covered.
    await expect(lang).toBeFocused();
    await expect(lang).toBeInViewport();
    expect(await covered(page, lang)).toBe(false);

    // Fixing it clears its mark at the next save; nothing was saved meanwhile.
    expect(app.session.current()!.records.count()).toBe(0);
    await lang.fill('fr');
    await date.fill('2024-03-14');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#record-title')).toHaveText('Audience au tribunal');
  });

  test(`the sticky Save bar never covers the field being typed in (${viewport.width}x${viewport.height})`, async ({
    app,
  }) => {
    const { page } = app;
    await page.setViewportSize(viewport);
    await createVault(app);
    await page.getByRole('button', { name: 'New testimony' }).click();
    const form = page.locator('form.record-form');
    await form.getByLabel('Title').focus();
    // Walk the whole form with Tab, typing in every text field as a person would.
    for (let step = 0; step < 30; step++) {
      const focused = page.locator(':focus');
      const tag = await focused.evaluate((el) => el.tagName);
      if (tag === 'BUTTON') break;
      if (tag === 'TEXTAREA') await page.keyboard.type('abc\nabc');
      expect(await covered(page, focused), `step ${step} (${tag})`).toBe(false);
      await page.keyboard.press('Tab');
    }
  });
}
