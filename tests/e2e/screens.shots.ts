import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from './harness';
import { walkScreens } from './screens';

const OUT = 'artifacts/screenshots/screens';
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 1024, height: 640 },
];

for (const language of ['en', 'ar'] as const) {
  for (const viewport of VIEWPORTS) {
    const size = `${viewport.width}x${viewport.height}`;
    test(`screens in ${language} at ${size}`, async ({ app }) => {
      mkdirSync(OUT, { recursive: true });
      await app.page.setViewportSize(viewport);
      let n = 0;
      await walkScreens(app, language, async (screen) => {
        n += 1;
        const file = `${language}-${size}-${String(n).padStart(2, '0')}-${screen}.png`;
        await app.page.screenshot({ path: join(OUT, file) });
      });
    });
  }
}
