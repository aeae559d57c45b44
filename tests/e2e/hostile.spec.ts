import { createSocket } from 'node:dgram';
import { createVault } from './flows';
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

/** docs/security.md, "Display spoofing": what a person reads is what is stored. */
test('hostile titles, narrators, tags and file names display as stored', async ({ app }) => {
  const { page } = app;
  await createVault(app);
  await page.getByRole('button', { name: 'New testimony' }).click();
  const form = page.locator('form.record-form');
  await form.getByLabel('Title').fill('Consent \u202Enwardhtiw\u202C');
  await form.getByLabel(/^Narrator/).fill('\u202Eanaj');
  await form.getByLabel('Tags').fill('\u2067withdrawn not\u2069');
  await form.getByLabel('Testimony').fill('A body.');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('#record-title')).toHaveText('Consent ⟨U+202E⟩nwardhtiw⟨U+202C⟩');
  await expect(page.locator('#record-title bdi')).toHaveAttribute('dir', 'auto');
  await expect(page.locator('.identifying-block p').first()).toHaveText('⟨U+202E⟩anaj');
  await expect(page.locator('.meta-grid .tag').first()).toHaveText('⟨U+2067⟩withdrawn not⟨U+2069⟩');
  await expect(page.locator('.row-title').first()).toContainText(
    'Consent ⟨U+202E⟩nwardhtiw⟨U+202C⟩',
  );
  await page.getByTestId('evidence-input').setInputFiles({
    name: 'photo.jpg\u200B\u200B\u200B.exe',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('not really a photo'),
  });
  await expect(page.locator('.file-name')).toHaveText('photo.jpg⟨U+200B⟩⟨U+200B⟩⟨U+200B⟩.exe');
  expect(app.pageErrors).toEqual([]);
});
