import { type BrowserContext, chromium } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WEBRTC_IP_HANDLING_POLICY, sessionProxy } from '../../src/main/security/web-rtc';
import config from '../../playwright.config';

/**
 * Chromium with the network rules main gives the app's session and web contents
 * (src/main/security/web-rtc.ts), from the same constants: Electron's
 * setWebRTCIPHandlingPolicy is Chromium's `webrtc.ip_handling_policy` preference (set here in a
 * fresh profile), session.setProxy is `--proxy-server` and `--proxy-bypass-list`.
 */
export async function withAppNetworkRules(
  use: (context: BrowserContext) => Promise<void>,
): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'tv-e2e-profile-'));
  mkdirSync(join(profile, 'Default'));
  writeFileSync(
    join(profile, 'Default', 'Preferences'),
    JSON.stringify({ webrtc: { ip_handling_policy: WEBRTC_IP_HANDLING_POLICY } }),
  );
  const proxy = sessionProxy();
  const launch = config.use?.launchOptions ?? {};
  const context = await chromium.launchPersistentContext(profile, {
    ...launch,
    headless: true,
    viewport: { width: 1280, height: 720 },
    args: [
      ...(launch.args ?? []),
      `--proxy-server=${proxy.proxyRules}`,
      `--proxy-bypass-list=${proxy.proxyBypassRules}`,
    ],
  });
  try {
    await use(context);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
