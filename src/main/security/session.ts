import { isAllowedRequestUrl, permissionCheckHandler, permissionRequestHandler } from './guards';
import { type SessionProxy, sessionProxy } from './web-rtc';

/** The parts of Electron's Session hardened here (structural, so tests pass a fake). */
export interface SessionLike {
  setPermissionRequestHandler(handler: typeof permissionRequestHandler): void;
  setPermissionCheckHandler(handler: typeof permissionCheckHandler): void;
  setDevicePermissionHandler?(handler: () => boolean): void;
  setDisplayMediaRequestHandler?(
    handler: ((request: unknown, callback: (streams: object) => void) => void) | null,
  ): void;
  setSpellCheckerEnabled?(enabled: boolean): void;
  setProxy(config: SessionProxy): Promise<void>;
  on?(
    event: 'will-download',
    listener: (event: { preventDefault(): void }, item: { cancel(): void }) => void,
  ): unknown;
  webRequest: {
    onBeforeRequest(
      filter: { urls: string[] },
      listener: (
        details: { url: string },
        callback: (response: { cancel: boolean }) => void,
      ) => void,
    ): void;
  };
}

/**
 * Applies the session-wide rules: every permission refused, no spellchecker, a proxy that is not
 * there (so WebRTC's TCP has nowhere to go, see web-rtc.ts), and every request that is not for
 * the app's own schemes cancelled before it leaves. Resolves once the proxy is in force: the
 * window must not load before.
 */
export async function hardenSession(
  session: SessionLike,
  devOrigin: string | null = null,
): Promise<void> {
  session.setPermissionRequestHandler(permissionRequestHandler);
  session.setPermissionCheckHandler(permissionCheckHandler);
  session.setDevicePermissionHandler?.(() => false);
  // Screen capture requests get no source at all.
  session.setDisplayMediaRequestHandler?.((_request, callback) => callback({}));
  session.setSpellCheckerEnabled?.(false);
  // Decrypted media must never reach disk: a download (Chromium downloads what it cannot
  // show, e.g. octet-stream media responses) is cancelled before a byte is written. Saving a
  // copy goes through the vault's verified extract, with a dialog the user sees.
  session.on?.('will-download', (event, item) => {
    event.preventDefault();
    item.cancel();
  });
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) =>
    callback({ cancel: !isAllowedRequestUrl(details.url, devOrigin) }),
  );
  await session.setProxy(sessionProxy(devOrigin));
}
