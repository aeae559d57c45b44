import { createSocket } from 'node:dgram';
import { deserialize, serialize } from 'node:v8';
import { createServer } from 'node:net';
import { networkInterfaces } from 'node:os';
import { dispatch } from '../../src/main/ipc/dispatch';
import { emptyFields } from '../../src/shared/records/types';
import { LIMITS, validateFields } from '../../src/shared/records/validate';
import { createVault } from './flows';
import { expect, runApp, test } from './harness';
import { firstPaint, watchFirstPaint } from './first-paint';
import { withAppNetworkRules } from './webrtc-network';

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

/** A STUN/TURN "server" of the test: what reaches it over UDP and TCP, on every address. */
async function listeners() {
  const udp = createSocket('udp4');
  const packets: number[] = [];
  udp.on('message', (message) => packets.push(message.length));
  await new Promise<void>((resolve) => udp.bind(0, '0.0.0.0', resolve));
  const connections: string[] = [];
  const tcp = createServer((socket) => {
    connections.push(String(socket.remoteAddress));
    socket.on('data', () => undefined);
  });
  await new Promise<void>((resolve) => tcp.listen(0, '0.0.0.0', resolve));
  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
  const udpPort = udp.address().port;
  const tcpPort = (tcp.address() as { port: number }).port;
  const iceServers = ['127.0.0.1', ...(external ? [external] : [])].flatMap((host) => [
    { urls: `stun:${host}:${udpPort}` },
    { urls: `turn:${host}:${udpPort}?transport=udp`, username: 'leak-udp', credential: 'x' },
    { urls: `turn:${host}:${tcpPort}?transport=tcp`, username: 'leak-tcp', credential: 'x' },
  ]);
  return {
    iceServers,
    packets,
    connections,
    close: () => {
      udp.close();
      tcp.close();
    },
  };
}

/**
 * docs/security.md, "No WebRTC": the page's own window has no RTC interface, but a window a
 * script creates (an about:blank or srcdoc iframe, a new window) has its own, and no preload runs
 * there. With main's network rules (webrtc-network.ts: no UDP but through a proxy, and a proxy
 * that is not there) such a peer connection gathers no candidate and nothing reaches a STUN or
 * TURN server, over UDP or TCP, on loopback or on the machine's own address.
 */
test('a peer connection from a child frame or window gets no candidate and sends nothing', async ({
  browserName,
}, testInfo) => {
  test.skip(browserName !== 'chromium', 'the rules are Chromium settings');
  test.setTimeout(120_000);
  const servers = await listeners();
  try {
    await withAppNetworkRules(async (context) => {
      const page = context.pages()[0] ?? (await context.newPage());
      await runApp(page, testInfo, 'webrtc-', async (app) => {
        await app.open();
        const attempts = await page.evaluate(async (iceServers) => {
          const windows: [string, Window | null][] = [];
          const blank = document.createElement('iframe');
          document.body.append(blank);
          windows.push(['about:blank iframe', window.frames[window.frames.length - 1] ?? null]);
          const srcdoc = document.createElement('iframe');
          srcdoc.srcdoc = '<p>hello</p>';
          document.body.append(srcdoc);
          await new Promise((resolve) => setTimeout(resolve, 500));
          windows.push(['srcdoc iframe', srcdoc.contentWindow]);
          windows.push(['new window', window.open('about:blank')]);
          const results = [];
          for (const [where, child] of windows) {
            const scope = (child ?? {}) as Record<string, unknown>;
            const Peer = (scope.RTCPeerConnection ?? scope.webkitRTCPeerConnection) as
              (new (config: unknown) => RTCPeerConnection) | undefined;
            if (!Peer) {
              results.push({ where, peer: false, candidates: [] as string[] });
              continue;
            }
            const peer = new Peer({ iceServers });
            const candidates: string[] = [];
            peer.onicecandidate = (event) => {
              if (event.candidate?.candidate) candidates.push(event.candidate.candidate);
            };
            peer.createDataChannel('leak');
            await peer.setLocalDescription(await peer.createOffer());
            await new Promise<void>((resolve) => {
              peer.onicegatheringstatechange = () => {
                if (peer.iceGatheringState === 'complete') resolve();
              };
              setTimeout(resolve, 8000);
            });
            peer.close();
            results.push({ where, peer: true, candidates });
          }
          return results;
        }, servers.iceServers);
        // Let any packet in flight arrive.
        await new Promise((resolve) => setTimeout(resolve, 1000));
        console.log(`WebRTC from child windows: ${JSON.stringify(attempts)}`);
        // The network rules are what is tested: some child window did construct a peer.
        expect(attempts.some((a) => a.peer)).toBe(true);
        expect(attempts.flatMap((a) => a.candidates)).toEqual([]);
        expect(servers.packets).toEqual([]);
        expect(servers.connections).toEqual([]);
      });
    });
  } finally {
    servers.close();
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

/**
 * docs/security.md, "A 16 MiB testimony": the body is rendered in pieces as the reader scrolls,
 * so opening the record paints its start at once whatever its length, and the page answers
 * while the rest waits. The figures (click to paint, the harness's transport, the renderer's own
 * part, the longest task) are annotations that bench/hostile.ts reads; nothing here asserts a
 * time.
 */
test('a 16 MiB testimony paints its start at once; scrolling brings the rest', async ({ app }) => {
  test.setTimeout(300_000);
  const { page } = app;
  await createVault(app);
  const line = 'They came at night and took the papers. Nobody answered the telephone.\n';
  const body = `${line.repeat(Math.floor((LIMITS.bodyBytes - 100) / line.length))}THE END`;
  const [recordId] = app.session
    .current()!
    .addRecords([
      validateFields({ ...emptyFields(), title: 'Very long', body }),
      validateFields({ ...emptyFields(), title: 'Short one', body: 'A short testimony.' }),
    ]);
  await page.reload();
  await watchFirstPaint(page, '[data-testid="record-body"]', 'They came at night');
  await page.getByRole('option', { name: /Very long/ }).click();
  // The first screenful of text is shown.
  const bodyText = page.getByTestId('record-body');
  await expect(bodyText).toContainText('They came at night and took the papers.');
  const seen = await firstPaint(page);
  const box = (await bodyText.boundingBox())!;
  expect(box.height).toBeGreaterThan(page.viewportSize()!.height / 2);
  // Only the beginning is in the page; the rest arrives as it is scrolled to.
  const shown = await bodyText.evaluate((el) => el.textContent!.length);
  expect(shown).toBeLessThan(1_000_000);
  // The page answers: a frame runs, and another record opens at a click.
  expect(
    await page.evaluate(() => new Promise<boolean>((r) => requestAnimationFrame(() => r(true)))),
  ).toBe(true);
  await page.getByRole('option', { name: /Short one/ }).click();
  await expect(page.getByTestId('record-body')).toHaveText('A short testimony.');
  // transportMs: click to the answer's arrival in the page, the harness's transport mostly
  // (Playwright's binding); rendererMs: arrival to paint, the renderer's own part.
  // What the app's main process does instead of the harness's transport: the handler itself,
  // and Electron's IPC, which carries the answer as a V8 structured clone (serialized in main,
  // deserialized in the renderer).
  let started = performance.now();
  const answer = await dispatch(app.handlers, 'records.get', { id: recordId });
  const handlerMs = performance.now() - started;
  started = performance.now();
  deserialize(serialize(answer));
  const ipcCloneMs = performance.now() - started;
  const rendererMs = seen.paintedAt! - seen.arrivedAt!;
  const figures = {
    firstPaintMs: Math.round(seen.paintedAt! - seen.startedAt),
    transportMs: Math.round(seen.arrivedAt! - seen.startedAt),
    rendererMs: Math.round(rendererMs),
    handlerMs: Math.round(handlerMs),
    ipcCloneMs: Math.round(ipcCloneMs),
    appEstimateMs: Math.round(handlerMs + ipcCloneMs + rendererMs),
    longestTaskMs: seen.longestTaskMs,
    charactersShown: shown,
  };
  for (const [type, value] of Object.entries(figures))
    test.info().annotations.push({ type, description: String(value) });
  console.log(`16 MiB body: ${JSON.stringify(figures)}`);
  await page.getByRole('option', { name: /Very long/ }).click();
  await expect(bodyText).toContainText('They came at night');
  // Scrolling brings the rest, piece by piece (three pieces here: the whole text is 168).
  const more = page.getByTestId('record-more');
  const length = () => page.getByTestId('record-body').evaluate((el) => el.textContent!.length);
  let before = shown;
  for (let i = 0; i < 3; i++) {
    await more.scrollIntoViewIfNeeded();
    await expect.poll(length).toBeGreaterThan(before);
    before = await length();
  }
});
