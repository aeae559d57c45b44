import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { removeWebRtc } from '../../src/shared/security/web-rtc';
import { restrictWebRtc, sessionProxy } from '../../src/main/security/web-rtc';
import { contentSecurityPolicy, pageSecurityHeaders } from '../../src/main/security/csp';
import {
  isAllowedRequestUrl,
  isTrustedSender,
  permissionCheckHandler,
  permissionRequestHandler,
  preventNavigation,
  windowOpenHandler,
} from '../../src/main/security/guards';
import { hardenSession, type SessionLike } from '../../src/main/security/session';
import {
  SESSION_PARTITION,
  webPreferences,
  windowOptions,
} from '../../src/main/security/web-preferences';
import { APP_ENTRY_URL, MEDIA_ORIGIN, SCHEME_PRIVILEGES } from '../../src/main/protocols/schemes';
import { PANIC_SHORTCUT, POWER_LOCK_EVENTS, panicLock } from '../../src/main/lock-triggers';

describe('BrowserWindow options', () => {
  const prefs = webPreferences({ preloadPath: '/app/out/preload/index.cjs', isPackaged: true });

  it('isolates the renderer from Node and from the preload', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      plugins: false,
      navigateOnDragDrop: false,
    });
  });

  it('turns the spellchecker off (it downloads dictionaries)', () => {
    expect(prefs.spellcheck).toBe(false);
  });

  it('uses an in-memory session: no "persist:" partition', () => {
    expect(prefs.partition).toBe(SESSION_PARTITION);
    expect(SESSION_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('allows devtools only in development', () => {
    expect(prefs.devTools).toBe(false);
    expect(webPreferences({ preloadPath: 'p', isPackaged: false }).devTools).toBe(true);
  });

  it('is readable at 1280x720 and hidden until painted', () => {
    const options = windowOptions({ preloadPath: 'p', isPackaged: true, title: 'T' });
    expect(options.minWidth).toBeLessThanOrEqual(1280);
    expect(options.minHeight).toBeLessThanOrEqual(720);
    expect(options.show).toBe(false);
    expect(options.webPreferences).toEqual(webPreferences({ preloadPath: 'p', isPackaged: true }));
  });

  it('loads the app from its own scheme, not file://', () => {
    expect(APP_ENTRY_URL).toBe('app://tvault/index.html');
    const app = SCHEME_PRIVILEGES.find((s) => s.scheme === 'app')!;
    expect(app.privileges).toMatchObject({ standard: true, secure: true });
    expect('bypassCSP' in app.privileges).toBe(false);
    const media = SCHEME_PRIVILEGES.find((s) => s.scheme === 'tvault-media')!;
    expect(media.privileges).toMatchObject({ standard: true, secure: true, stream: true });
    expect('bypassCSP' in media.privileges).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const csp = contentSecurityPolicy({ media: MEDIA_ORIGIN });
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

  it('denies by default and allows scripts only from the app itself', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('has no eval, no inline code and no remote origin anywhere', () => {
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|wasm-unsafe-eval|unsafe-hashes/);
    expect(csp).not.toMatch(/https?:|wss?:|\*/);
  });

  it('lets media come only from the media protocol', () => {
    expect(directives.get('media-src')).toEqual([MEDIA_ORIGIN]);
    expect(directives.get('img-src')).toContain(MEDIA_ORIGIN);
    expect(directives.get('connect-src')).toEqual(["'self'", MEDIA_ORIGIN]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
  });

  it('is sent with nosniff and no caching', () => {
    const headers = pageSecurityHeaders(csp);
    expect(headers['Content-Security-Policy']).toBe(csp);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Cache-Control']).toBe('no-store');
  });
});

describe('permissions and navigation', () => {
  it('refuses every permission request and check', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      permissionRequestHandler({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(permissionCheckHandler()).toBe(false);
  });

  it('prevents every navigation, including to the app itself', () => {
    for (const url of ['https://example.org', 'app://tvault/index.html', 'file:///etc/passwd']) {
      const event = { preventDefault: vi.fn() };
      preventNavigation(event, url);
      expect(event.preventDefault).toHaveBeenCalled();
    }
  });

  it('denies window.open', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
  });

  it('lets requests reach only the app and media schemes', () => {
    expect(isAllowedRequestUrl('app://tvault/assets/index.js')).toBe(true);
    expect(isAllowedRequestUrl(`${MEDIA_ORIGIN}/0123456789abcdef0123456789abcdef`)).toBe(true);
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html')).toBe(true);
    for (const url of [
      'https://fonts.googleapis.com/css',
      'http://localhost:5173/',
      'ws://127.0.0.1:9222',
      'file:///etc/passwd',
      'app://evil/index.html',
      'ftp://x',
      'not a url',
    ]) {
      expect(isAllowedRequestUrl(url), url).toBe(false);
    }
  });

  it('hardens the session: permissions denied, spellchecker off, network blocked', async () => {
    const installed: Record<string, unknown> = {};
    let beforeRequest: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null =
      null;
    const fake: SessionLike = {
      setPermissionRequestHandler: (h) => (installed.request = h),
      setPermissionCheckHandler: (h) => (installed.check = h),
      setDevicePermissionHandler: (h) => (installed.device = h),
      setSpellCheckerEnabled: (on) => (installed.spell = on),
      on: (event, listener) => (installed[event] = listener),
      setProxy: async (config) => {
        installed.proxy = config;
      },
      webRequest: { onBeforeRequest: (_filter, listener) => (beforeRequest = listener) },
    };
    await hardenSession(fake);
    // WebRTC's TCP goes through the proxy: one that is not there, loopback included.
    expect(installed.proxy).toEqual({
      mode: 'fixed_servers',
      proxyRules: 'http://127.0.0.1:9',
      proxyBypassRules: '<-loopback>',
    });
    // Downloads (which would write decrypted media to disk) are cancelled.
    let prevented = false;
    let cancelled = false;
    (installed['will-download'] as (e: { preventDefault(): void }, i: { cancel(): void }) => void)(
      { preventDefault: () => (prevented = true) },
      { cancel: () => (cancelled = true) },
    );
    expect(prevented && cancelled).toBe(true);
    expect(installed.request).toBe(permissionRequestHandler);
    expect(installed.check).toBe(permissionCheckHandler);
    expect((installed.device as () => boolean)()).toBe(false);
    expect(installed.spell).toBe(false);
    const decide = (url: string) => {
      let cancel: boolean | null = null;
      beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(decide('https://example.org/track.gif')).toBe(true);
    expect(decide('app://tvault/index.html')).toBe(false);
  });
});

describe('sender frame check', () => {
  it('accepts only the app origin in the top frame', () => {
    expect(isTrustedSender({ url: 'app://tvault/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://tvault/', parent: null })).toBe(true);
  });

  it('refuses other origins, subframes and missing frames', () => {
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://tvault.evil/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://evil@tvault.x/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'app://tvault/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: '', parent: null })).toBe(false);
  });
});

describe('lock triggers', () => {
  it('panic hides the window, then locks', () => {
    const calls: string[] = [];
    panicLock({
      lock: (reason) => calls.push(`lock:${reason}`),
      window: { hide: () => calls.push('hide') },
    });
    expect(calls).toEqual(['hide', 'lock:shortcut']);
  });

  it('locks on suspend and on screen lock', () => {
    expect(POWER_LOCK_EVENTS).toEqual({ suspend: 'suspend', 'lock-screen': 'lock-screen' });
    expect(PANIC_SHORTCUT).toMatch(/^CommandOrControl\+Shift\+L$/);
  });
});

describe('development server (npm run dev only)', () => {
  const dev = 'http://localhost:5173';
  it('is trusted and reachable only when main was given its origin', () => {
    expect(isAllowedRequestUrl(`${dev}/src/main.tsx`)).toBe(false);
    expect(isAllowedRequestUrl(`${dev}/src/main.tsx`, dev)).toBe(true);
    expect(isAllowedRequestUrl('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequestUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequestUrl('https://example.org/', dev)).toBe(false);
    expect(isTrustedSender({ url: `${dev}/`, parent: null })).toBe(false);
    expect(isTrustedSender({ url: `${dev}/`, parent: null }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:9999/', parent: null }, dev)).toBe(false);
  });
});

describe('no WebRTC (docs/security.md, "No WebRTC")', () => {
  it('every web contents sends WebRTC UDP only through a proxy (and there is none)', () => {
    const contents = { setWebRTCIPHandlingPolicy: vi.fn() };
    restrictWebRtc(contents);
    expect(contents.setWebRTCIPHandlingPolicy).toHaveBeenCalledWith('disable_non_proxied_udp');
  });

  it('the missing proxy exempts only the dev server, and only under npm run dev', () => {
    expect(sessionProxy(null).proxyBypassRules).toBe('<-loopback>');
    expect(sessionProxy('http://localhost:5173').proxyBypassRules).toBe(
      '<-loopback>;localhost:5173',
    );
  });

  it('removes every RTC interface from the page, and reports what it could not', () => {
    const page: Record<string, unknown> = {
      RTCPeerConnection: class {},
      webkitRTCPeerConnection: class {},
      RTCDataChannel: class {},
      RTCIceTransport: class {},
      RTCEncodedVideoFrame: class {},
      Request: class {},
      RTCfoo: 1,
    };
    Object.defineProperty(page, 'RTCSessionDescription', { value: class {}, configurable: false });
    expect(removeWebRtc(page)).toEqual(['RTCSessionDescription']);
    expect(Object.keys(page).sort()).toEqual(['RTCfoo', 'Request']);
  });

  it('the preload removes it in the main world, before the API is exposed', () => {
    const preload = readFileSync(new URL('../../src/preload/index.ts', import.meta.url), 'utf8');
    const main = readFileSync(new URL('../../src/main/index.ts', import.meta.url), 'utf8');
    expect(preload.indexOf('executeInMainWorld({ func: removeWebRtc })')).toBeGreaterThan(0);
    expect(preload.indexOf('executeInMainWorld')).toBeLessThan(
      preload.indexOf('exposeInMainWorld'),
    );
    expect(main).toMatch(/web-contents-created[^]*?restrictWebRtc\(contents\)/);
    // The proxy is in force before the window exists.
    expect(main).toMatch(/await hardenSession\(ses, devOrigin\)[^]*?createMainWindow\(/);
  });
});
