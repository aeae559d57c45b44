import { createSocket } from 'node:dgram';
import { expect, test } from './harness';

/**
 * docs/security.md, "No WebRTC": a page script tries to open a peer connection to a STUN server
 * of its choosing (a UDP socket of this test). No WebRTC interface may be left, and no packet
 * may arrive.
 */
test('WebRTC is gone from the page: no peer connection, no STUN packet leaves', async ({ app }) => {
  const socket = createSocket('udp4');
  const packets: Buffer[] = [];
  socket.on('message', (message) => packets.push(message));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  try {
    await app.open();
    const attempt = await app.page.evaluate(async (stunPort) => {
      const scope = window as unknown as Record<string, unknown>;
      const present = Object.getOwnPropertyNames(scope).filter((n) => /^(webkit)?RTC/.test(n));
      const Peer = (scope.RTCPeerConnection ?? scope.webkitRTCPeerConnection) as
        | (new (config: unknown) => {
            createDataChannel(label: string): unknown;
            createOffer(): Promise<unknown>;
            setLocalDescription(offer: unknown): Promise<void>;
            close(): void;
          })
        | undefined;
      if (!Peer) return { present, connected: false };
      const peer = new Peer({ iceServers: [{ urls: `stun:127.0.0.1:${stunPort}` }] });
      peer.createDataChannel('leak');
      await peer.setLocalDescription(await peer.createOffer());
      await new Promise((resolve) => setTimeout(resolve, 2000));
      peer.close();
      return { present, connected: true };
    }, port);
    expect(attempt).toEqual({ present: [], connected: false });
    expect(packets).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  } finally {
    socket.close();
  }
});
