/**
 * The app's own URL schemes. Pages load from app://tvault/ (standard + secure, so the renderer
 * has a real origin and the CSP can say 'self'), never from file://, which would give the page
 * the whole file system as its origin. Evidence reaches the renderer only through
 * tvault-media://attachment/<id>, decrypted on the fly in main.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tvault';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const MEDIA_SCHEME = 'tvault-media';
export const MEDIA_ORIGIN = `${MEDIA_SCHEME}://attachment`;

/** The URL under which the media protocol serves one attachment. */
export function mediaUrl(mediaOrigin: string, attachmentId: string): string {
  return `${mediaOrigin}/${attachmentId}`;
}

/**
 * Privileges for protocol.registerSchemesAsPrivileged. Neither scheme bypasses the CSP.
 * `stream` lets <video> and <audio> read the media protocol in ranges instead of whole files.
 */
export const SCHEME_PRIVILEGES = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: false },
  },
  {
    scheme: MEDIA_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      stream: true,
      corsEnabled: true,
    },
  },
] as const;
