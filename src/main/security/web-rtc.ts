/**
 * WebRTC's own route to the network, closed from main: with `disable_non_proxied_udp` Chromium
 * sends no UDP (no STUN, no UDP TURN) except through a proxy, and the session has none. The page
 * also loses the WebRTC interfaces themselves (src/shared/security/web-rtc.ts, run by the
 * preload and the renderer's entry). Applied to every web contents as it is created.
 */
export const WEBRTC_IP_HANDLING_POLICY = 'disable_non_proxied_udp';

export function restrictWebRtc(contents: {
  setWebRTCIPHandlingPolicy(policy: typeof WEBRTC_IP_HANDLING_POLICY): void;
}): void {
  contents.setWebRTCIPHandlingPolicy(WEBRTC_IP_HANDLING_POLICY);
}
