/**
 * WebRTC's own routes to the network, closed from main (docs/security.md, "No WebRTC"). A peer
 * connection talks to STUN and TURN servers the page names, and neither the CSP nor the session's
 * request filter sees it. Removing the interfaces from the page (src/shared/security/web-rtc.ts)
 * cannot reach every frame: an `about:blank` iframe a script creates has a fresh window with its
 * own RTCPeerConnection, and no preload runs there. So the network itself is closed to WebRTC:
 *
 * - `disable_non_proxied_udp` on every web contents: no UDP at all (no STUN, no UDP TURN, no
 *   host candidate) except through a proxy that carries UDP;
 * - the session's proxy is one that is not there (SESSION_PROXY): WebRTC's TCP (TURN over TCP,
 *   ICE-TCP) goes through the proxy and fails. Loopback is proxied too (`<-loopback>`), so not
 *   even a local server is reached; only the dev server's own host is exempt under `npm run dev`.
 *
 * Nothing else of the app uses the proxy: its pages and media come from its own protocol
 * handlers (app://, tvault-media://), which never touch the network stack, and every other
 * request is cancelled by the session's filter before a proxy would be asked.
 * tests/e2e/hostile.spec.ts runs Chromium with the same two settings (webrtc-network.ts there).
 */
export const WEBRTC_IP_HANDLING_POLICY = 'disable_non_proxied_udp';

/** Port 9 (discard) on loopback: nothing listens there to forward anything, so connections fail. */
export const NO_SUCH_PROXY = 'http://127.0.0.1:9';

export interface SessionProxy {
  mode: 'fixed_servers';
  proxyRules: string;
  proxyBypassRules: string;
}

export function sessionProxy(devOrigin: string | null = null): SessionProxy {
  // `<-loopback>` removes Chromium's implicit bypass of localhost and 127.0.0.0/8.
  const bypass = ['<-loopback>'];
  if (devOrigin) bypass.push(new URL(devOrigin).host);
  return { mode: 'fixed_servers', proxyRules: NO_SUCH_PROXY, proxyBypassRules: bypass.join(';') };
}

export function restrictWebRtc(contents: {
  setWebRTCIPHandlingPolicy(policy: typeof WEBRTC_IP_HANDLING_POLICY): void;
}): void {
  contents.setWebRTCIPHandlingPolicy(WEBRTC_IP_HANDLING_POLICY);
}
