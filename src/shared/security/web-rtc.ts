/**
 * WebRTC reaches the network past every other guard of the renderer: a peer connection sends
 * STUN and TURN packets to servers the page names, and neither the CSP's connect-src nor the
 * session's request filter sees them. So a script that went wrong could leak data in a TURN user
 * name or a STUN host name. The app has no use for WebRTC: its interfaces are removed from the
 * page before any of the page's own scripts run (docs/security.md, "No WebRTC").
 *
 * Run twice: by the preload in the page's main world (contextBridge.executeInMainWorld, which
 * serialises the function: it must not use anything from outside its own body), and by the
 * renderer's entry module, first of all its imports. Returns the names still present after the
 * removal (none when it worked).
 */
export function removeWebRtc(scope: object = globalThis): string[] {
  const target = scope as Record<string, unknown>;
  // Every RTC* interface (peer connection, data channel, ICE/DTLS/SCTP transports, encoded
  // frames...), present and future, plus the old prefixed constructor.
  const names = Object.getOwnPropertyNames(target).filter((name) =>
    /^(webkit)?RTC[A-Z]/.test(name),
  );
  for (const name of names) {
    try {
      delete target[name];
    } catch {
      // A non-configurable property stays; it is reported below.
    }
  }
  return names.filter((name) => name in target);
}
