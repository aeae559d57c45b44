import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './harness';
import { walkScreens } from './screens';

const BLOCKING = new Set(['critical', 'serious', 'moderate']);

for (const language of ['en', 'ar'] as const) {
  test(`every main screen passes axe in ${language} (no critical, serious or moderate issue)`, async ({
    app,
  }) => {
    test.setTimeout(240_000);
    const found: string[] = [];
    await walkScreens(app, language, async (screen) => {
      // One h1 per screen: the page's title for screen readers' heading navigation.
      await expect(app.page.locator('h1'), screen).toHaveCount(1);
      const result = await new AxeBuilder({ page: app.page }).analyze();
      for (const v of result.violations) {
        if (!BLOCKING.has(v.impact ?? '')) continue;
        const where = v.nodes.map((n) => n.target.join(' ')).slice(0, 3);
        found.push(`${screen}: ${v.id} (${v.impact}) ${v.help} at ${where.join(' | ')}`);
      }
    });
    expect(found).toEqual([]);
  });
}
