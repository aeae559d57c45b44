import { APP_ORIGIN, MEDIA_SCHEME } from '../protocols/schemes';

/**
 * Decisions the Electron shell delegates to plain functions, so tests can assert them without
 * Electron. Every one of them fails closed.
 */

/** Permissions (camera, microphone, notifications, geolocation…): the app needs none. */
export function permissionRequestHandler(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

export function permissionCheckHandler(): boolean {
  return false;
}

/** The app is a single page: it never navigates, so every navigation attempt is refused. */
export function preventNavigation(event: { preventDefault(): void }, _url?: string): void {
  event.preventDefault();
}

/** window.open and target=_blank: refused. Links to the outside world are never opened. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/**
 * What the session may request. Everything else is cancelled before any socket opens, so no
 * URL in stored text, no font, no update check can reach the network. `devOrigin` is the
 * electron-vite dev server (`npm run dev` only, never in a packaged app): its page and its
 * hot-reload socket.
 */
export function isAllowedRequestUrl(url: string, devOrigin: string | null = null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (devOrigin && isDevServer(parsed, devOrigin)) return true;
  switch (parsed.protocol) {
    case 'app:':
      return originOf(parsed) === APP_ORIGIN;
    case `${MEDIA_SCHEME}:`:
    case 'devtools:':
    case 'blob:':
    case 'data:':
      return true;
    default:
      return false;
  }
}

/** The minimal shape of Electron's WebFrameMain that the sender check needs. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * IPC comes only from the app's own top-level page. A frame of any other origin (there should
 * be none: navigation and frames are blocked) or a missing frame (destroyed) is refused.
 */
export function isTrustedSender(
  frame: SenderFrame | null | undefined,
  devOrigin: string | null = null,
): boolean {
  if (!frame || frame.parent) return false;
  let parsed: URL;
  try {
    parsed = new URL(frame.url);
  } catch {
    return false;
  }
  const origin = originOf(parsed);
  return origin === APP_ORIGIN || (devOrigin !== null && origin === devOrigin);
}

/** The dev server's own origin over http(s), and its hot-reload socket over ws(s). */
function isDevServer(url: URL, devOrigin: string): boolean {
  const dev = new URL(devOrigin);
  const socket = dev.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.host === dev.host && (url.protocol === dev.protocol || url.protocol === socket);
}

/** URL.origin is "null" for schemes Node does not know as special, so build it ourselves. */
function originOf(url: URL): string {
  return `${url.protocol}//${url.host}`;
}
