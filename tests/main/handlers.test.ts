import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { CHANNELS, INVOKE_PREFIX } from '../../src/shared/ipc/channels';
import { contract } from '../../src/shared/ipc/contract';
import type { EventPayloads, ExportPreviewView } from '../../src/shared/ipc/types';
import { receiveBundle } from '../../src/core/bundles';
import { SearchEngine } from '../../src/shared/search';
import { dispatch } from '../../src/main/ipc/dispatch';
import { type Handlers, createHandlers } from '../../src/main/ipc/handlers';
import { guardedListener, registerHandlers } from '../../src/main/ipc/register';
import { SettingsStore } from '../../src/main/settings-store';
import { Uploads } from '../../src/main/uploads';
import { VaultSession } from '../../src/main/vault-session';

const PASSPHRASE = 'correct horse battery staple';

let dir: string;
let session: VaultSession;
let handlers: Handlers;
let events: { event: string; payload: unknown }[];
let savePath: string | null;
let defaultNames: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tv-handlers-'));
  session = new VaultSession({ dir: join(dir, 'vault'), vaultOptions: { kdf: TEST_KDF } });
  const uploads = new Uploads();
  events = [];
  savePath = null;
  defaultNames = [];
  const emit = <E extends keyof EventPayloads>(event: E, payload: EventPayloads[E]) =>
    events.push({ event, payload });
  session.onLock((reason) => {
    uploads.cancelAll();
    emit('vault.locked', { reason });
  });
  handlers = createHandlers({
    session,
    settings: new SettingsStore(join(dir, 'settings.json'), { autoLockMinutes: 5, language: 'en' }),
    uploads,
    emit,
    info: { version: 't', mediaOrigin: 'tvault-media://attachment', panicShortcut: 'X' },
    dialogs: {
      saveFile: async (name: string) => (defaultNames.push(name), savePath),
      openBundle: async () => null,
      openVocabulary: async () => null,
      openFile: async () => null,
      chooseFolder: async () => null,
    },
    clipboard: { writeText: () => undefined },
  });
});

afterEach(() => {
  session.lock('quit');
  rmSync(dir, { recursive: true, force: true });
});

async function createAndUnlock(): Promise<string> {
  const { recoveryKey } = await handlers['vault.create']({ passphrase: PASSPHRASE });
  return recoveryKey;
}

function allBytes(path: string): Buffer {
  if (!statSync(path).isDirectory()) return readFileSync(path);
  return Buffer.concat(readdirSync(path).map((name) => allBytes(join(path, name))));
}

describe('the handler object', () => {
  it('has exactly one handler per contract channel', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(Object.isFrozen(handlers)).toBe(true);
  });

  it('validates every request before the core sees it, naming fields, never values', async () => {
    await createAndUnlock();
    const secret = 'TOP-SECRET-TESTIMONY-TEXT';
    const bad: [keyof Handlers, unknown][] = [
      ['records.add', { fields: { title: 5, body: secret } }],
      ['records.add', { fields: { title: 'x', unknown: secret } }],
      ['records.get', { id: '../../../etc/passwd' }],
      ['records.update', { id: 'a'.repeat(32), patch: { body: `${secret}\u0000` } }],
      ['records.delete', null],
      ['vault.unlock', { passphrase: secret, recoveryKey: secret }],
      ['vault.lock', { reason: 'idle' }],
      ['settings.set', { autoLockMinutes: 0 }],
      ['settings.set', { language: 'de' }],
      ['attachments.uploadChunk', { uploadId: 'a'.repeat(32), bytes: 'not bytes' }],
      [
        'attachments.uploadChunk',
        { uploadId: 'a'.repeat(32), bytes: new Uint8Array(9 * 1024 * 1024) },
      ],
      [
        'attachments.uploadBegin',
        { recordId: 'a'.repeat(32), name: 'a\u0000b', mime: '', size: 1, modifiedAt: null },
      ],
      ['search.snippets', { ids: Array(101).fill('a'.repeat(32)), query: 'x' }],
      ['vault.create', { passphrase: 'x'.repeat(2000) }],
    ];
    for (const [index, [channel, request]] of bad.entries()) {
      const result = await dispatch(handlers, channel, request);
      expect(result, `bad request #${index} (${channel})`).toMatchObject({
        ok: false,
        error: { code: 'INPUT.INVALID' },
      });
      expect(JSON.stringify(result)).not.toContain(secret);
    }
    expect(session.require().records.count()).toBe(0);
  });

  it('refuses unknown channels', async () => {
    expect(await dispatch(handlers, 'fs.readFile', {})).toMatchObject({
      ok: false,
      error: { code: 'INPUT.INVALID' },
    });
    expect(await dispatch(handlers, '__proto__', {})).toMatchObject({ ok: false });
  });

  it('reports foreign errors as INTERNAL without their message', async () => {
    const broken = {
      ...handlers,
      'records.list': async () => {
        throw new Error('SQLITE: row "secret" broke');
      },
    } as Handlers;
    const seen: unknown[] = [];
    const result = await dispatch(broken, 'records.list', {}, (e) => seen.push(e));
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'An internal error occurred.', details: {} },
    });
    expect(seen).toHaveLength(1);
  });
});

describe('vault lifecycle through the handlers', () => {
  it('create, lock, unlock with passphrase and with recovery key', async () => {
    expect(await handlers['vault.status']({})).toMatchObject({ state: 'absent' });
    const recoveryKey = await createAndUnlock();
    expect(recoveryKey).toMatch(/^TV1-/);
    expect(await handlers['vault.status']({})).toMatchObject({ state: 'unlocked' });
    const record = await handlers['records.add']({
      fields: { title: 'Marker title', body: 'Marker body' },
    });

    expect(await handlers['vault.lock']({ reason: 'user' })).toMatchObject({ state: 'locked' });
    expect(events).toEqual([{ event: 'vault.locked', payload: { reason: 'user' } }]);
    await expect(handlers['records.list']({})).rejects.toMatchObject({ code: 'VAULT.LOCKED' });
    await expect(handlers['records.get']({ id: record.id })).rejects.toMatchObject({
      code: 'VAULT.LOCKED',
    });

    await expect(
      handlers['vault.unlock']({ passphrase: 'wrong passphrase' }),
    ).rejects.toMatchObject({
      code: 'VAULT.WRONG_PASSPHRASE',
    });
    await handlers['vault.unlock']({ recoveryKey });
    expect((await handlers['records.get']({ id: record.id })).body).toBe('Marker body');
    await handlers['vault.lock']({ reason: 'shortcut' });
    await handlers['vault.unlock']({ passphrase: PASSPHRASE });
    expect(await handlers['records.list']({})).toHaveLength(1);
  });

  it('a lock while the key is being derived wins: the unlock or creation ends locked', async () => {
    // The derivation runs off the main thread now, so the panic shortcut can arrive during it.
    const creating = handlers['vault.create']({ passphrase: PASSPHRASE });
    await handlers['vault.lock']({ reason: 'shortcut' });
    const { recoveryKey, status } = await creating;
    expect(recoveryKey).toMatch(/^TV1-/); // still shown: it is shown only this once
    expect(status).toMatchObject({ state: 'locked' });
    expect(await handlers['vault.status']({})).toMatchObject({ state: 'locked' });

    const unlocking = handlers['vault.unlock']({ passphrase: PASSPHRASE });
    await handlers['vault.lock']({ reason: 'shortcut' });
    await expect(unlocking).rejects.toMatchObject({ code: 'VAULT.LOCKED' });
    expect(await handlers['vault.status']({})).toMatchObject({ state: 'locked' });
    await expect(handlers['records.list']({})).rejects.toMatchObject({ code: 'VAULT.LOCKED' });
    // Two unlocks, the second waiting behind the first, then the lock: both end locked.
    const first = handlers['vault.unlock']({ passphrase: PASSPHRASE });
    const second = handlers['vault.unlock']({ passphrase: PASSPHRASE });
    await handlers['vault.lock']({ reason: 'shortcut' });
    await expect(first).rejects.toMatchObject({ code: 'VAULT.LOCKED' });
    await expect(second).rejects.toMatchObject({ code: 'VAULT.LOCKED' });
    expect(await handlers['vault.status']({})).toMatchObject({ state: 'locked' });
    // The database was released: a plain unlock afterwards works.
    await handlers['vault.unlock']({ recoveryKey });
    expect(await handlers['vault.status']({})).toMatchObject({ state: 'unlocked' });
  });

  it('locking twice tells the renderer once; unlocking twice opens once', async () => {
    await createAndUnlock();
    await handlers['vault.lock']({ reason: 'user' });
    await handlers['vault.lock']({ reason: 'user' });
    expect(events).toHaveLength(1);
    await Promise.all([
      handlers['vault.unlock']({ passphrase: PASSPHRASE }),
      handlers['vault.unlock']({ passphrase: PASSPHRASE }),
    ]);
    expect(session.status().state).toBe('unlocked');
  });

  it('refuses to create over an existing vault', async () => {
    await createAndUnlock();
    await handlers['vault.lock']({ reason: 'user' });
    await expect(
      handlers['vault.create']({ passphrase: 'another passphrase' }),
    ).rejects.toMatchObject({
      code: 'VAULT.ALREADY_EXISTS',
    });
  });

  it('changes the passphrase only when the current one is right', async () => {
    await createAndUnlock();
    const header = readFileSync(join(dir, 'vault', 'vault.json'), 'utf8');
    await expect(
      handlers['vault.changePassphrase']({
        current: 'not the passphrase',
        next: 'a new passphrase',
      }),
    ).rejects.toMatchObject({ code: 'VAULT.WRONG_PASSPHRASE' });
    expect(readFileSync(join(dir, 'vault', 'vault.json'), 'utf8')).toBe(header);
    await expect(
      handlers['vault.changePassphrase']({ current: PASSPHRASE, next: 'short' }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    await handlers['vault.changePassphrase']({ current: PASSPHRASE, next: 'a new passphrase' });
    await handlers['vault.lock']({ reason: 'user' });
    await expect(handlers['vault.unlock']({ passphrase: PASSPHRASE })).rejects.toMatchObject({
      code: 'VAULT.WRONG_PASSPHRASE',
    });
    await handlers['vault.unlock']({ passphrase: 'a new passphrase' });
  });
});

describe('records through the handlers', () => {
  it('adds, edits, keeps full history and deletes; nothing readable on disk', async () => {
    await createAndUnlock();
    const added = await handlers['records.add']({
      fields: {
        title: 'شهادة سرية',
        body: 'نص الشهادة الأول',
        narrator: 'SECRET-NARRATOR',
        lang: 'ar',
      },
    });
    const edited = await handlers['records.update']({
      id: added.id,
      patch: { body: 'نص الشهادة الثاني' },
    });
    expect(edited.revision).toBe(2);
    const history = await handlers['records.history']({ id: added.id });
    expect(history.map((r) => r.body)).toEqual(['نص الشهادة الأول', 'نص الشهادة الثاني']);
    const [summary] = await handlers['records.list']({});
    expect(summary).toMatchObject({ id: added.id, title: 'شهادة سرية', revision: 2 });
    expect((await handlers['records.get']({ id: added.id, revision: 1 })).body).toBe(
      'نص الشهادة الأول',
    );

    // Restoring revision 1: a third revision equal to it; bad revisions are typed errors.
    const restored = await handlers['records.restore']({ id: added.id, revision: 1 });
    expect(restored).toMatchObject({ revision: 3, body: 'نص الشهادة الأول' });
    expect((await handlers['records.history']({ id: added.id })).map((r) => r.revision)).toEqual([
      1, 2, 3,
    ]);
    for (const revision of [3, 9]) {
      await expect(handlers['records.restore']({ id: added.id, revision })).rejects.toMatchObject({
        code: 'INPUT.INVALID',
      });
    }

    session.require().checkpoint();
    const disk = allBytes(join(dir, 'vault'));
    for (const marker of ['شهادة سرية', 'SECRET-NARRATOR', 'نص الشهادة']) {
      expect(disk.includes(Buffer.from(marker))).toBe(false);
    }
    await handlers['records.delete']({ id: added.id });
    await expect(handlers['records.get']({ id: added.id })).rejects.toMatchObject({
      code: 'RECORD.NOT_FOUND',
    });
  });
});

describe('settings through the handlers', () => {
  it('work while locked (the language is needed before unlock) and persist outside the vault', async () => {
    expect(await handlers['settings.get']({})).toEqual({ autoLockMinutes: 5, language: 'en' });
    expect(await handlers['settings.set']({ language: 'ar' })).toEqual({
      autoLockMinutes: 5,
      language: 'ar',
    });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).language).toBe('ar');
    expect(existsSync(join(dir, 'vault'))).toBe(false);
  });
});

describe('evidence through the handlers', () => {
  it('uploads in chunks, serves, extracts through the save dialog and detaches', async () => {
    await createAndUnlock();
    const record = await handlers['records.add']({ fields: { title: 'With evidence' } });
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
    const { uploadId } = await handlers['attachments.uploadBegin']({
      recordId: record.id,
      name: '../../evil\u202Egpj.exe',
      mime: 'application/octet-stream',
      size: bytes.length,
      modifiedAt: null,
    });
    for (let at = 0; at < bytes.length; at += 100_000) {
      await handlers['attachments.uploadChunk']({ uploadId, bytes: bytes.slice(at, at + 100_000) });
    }
    const info = await handlers['attachments.uploadFinish']({ uploadId });
    expect(info.size).toBe(bytes.length);
    expect(await handlers['attachments.list']({ recordId: record.id })).toHaveLength(1);
    expect(await handlers['attachments.mediaUrl']({ id: info.id })).toBe(
      `tvault-media://attachment/${info.id}`,
    );

    // Cancelled save dialog: nothing happens.
    expect(await handlers['attachments.extract']({ id: info.id })).toBeNull();
    savePath = join(dir, 'out.bin');
    const extracted = await handlers['attachments.extract']({ id: info.id });
    expect(extracted).toMatchObject({
      path: savePath,
      size: bytes.length,
      verified: true,
      sha256: info.sha256,
    });
    expect(new Uint8Array(readFileSync(savePath))).toEqual(bytes);

    await handlers['attachments.detach']({ id: info.id });
    expect(await handlers['attachments.list']({ recordId: record.id })).toEqual([]);
    await expect(handlers['attachments.mediaUrl']({ id: info.id })).rejects.toMatchObject({
      code: 'ATTACHMENT.NOT_FOUND',
    });
  });

  it('a lock in the middle of an upload keeps nothing', async () => {
    await createAndUnlock();
    const record = await handlers['records.add']({ fields: { title: 'Interrupted' } });
    const { uploadId } = await handlers['attachments.uploadBegin']({
      recordId: record.id,
      name: 'big.bin',
      mime: '',
      size: 1_000_000,
      modifiedAt: null,
    });
    await handlers['attachments.uploadChunk']({ uploadId, bytes: new Uint8Array(500_000) });
    await handlers['vault.lock']({ reason: 'user' });
    await expect(
      handlers['attachments.uploadChunk']({ uploadId, bytes: new Uint8Array(10) }),
    ).rejects.toMatchObject({
      code: 'VAULT.LOCKED',
    });
    await handlers['vault.unlock']({ passphrase: PASSPHRASE });
    expect(await handlers['attachments.list']({ recordId: record.id })).toEqual([]);
    await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(join(dir, 'vault', 'blobs')).filter((n) => !n.startsWith('.'))).toEqual([]);
  });

  it('refuses uploads to a record that does not exist', async () => {
    await createAndUnlock();
    await expect(
      handlers['attachments.uploadBegin']({
        recordId: 'f'.repeat(32),
        name: 'x',
        mime: '',
        size: 1,
        modifiedAt: null,
      }),
    ).rejects.toMatchObject({ code: 'RECORD.NOT_FOUND' });
  });
});

describe('search through the handlers', () => {
  it('hands decrypted segments to the worker and snippets for its hits', async () => {
    await createAndUnlock();
    const record = await handlers['records.add']({
      fields: {
        title: 'Amenazas',
        body: 'Recibí amenazas por redes sociales cada noche.',
        lang: 'es',
      },
    });
    const { segments } = await handlers['search.segments']({});
    expect(segments.length).toBeGreaterThan(0);
    expect(segments.every((s) => s instanceof Uint8Array)).toBe(true);
    // What the worker does with them: the record is found.
    expect(SearchEngine.load(segments).search('amenazas').total).toBe(1);
    const [snippet] = await handlers['search.snippets']({ ids: [record.id], query: 'redes' });
    expect(snippet!.id).toBe(record.id);
    const [start, end] = snippet!.highlights[0]!;
    expect(snippet!.text.slice(start, end).toLowerCase()).toBe('redes');
    // Quoted phrases are checked on the text: the words alone are not enough.
    const other = await handlers['records.add']({
      fields: { title: 'Otra', body: 'Por las redes llegaron amenazas sociales.', lang: 'es' },
    });
    // A later unlock's segments include the record added since (applied from the pending list).
    const later = await handlers['search.segments']({});
    expect(SearchEngine.load(later.segments).search('amenazas').total).toBe(2);
    expect(
      await handlers['search.verifyPhrases']({
        ids: [other.id, record.id],
        query: '"amenazas por redes"',
      }),
    ).toEqual([record.id]);
    expect(
      await handlers['search.verifyPhrases']({ ids: [other.id, record.id], query: 'redes' }),
    ).toEqual([other.id, record.id]);
    // Unknown ids are simply absent.
    expect(await handlers['search.snippets']({ ids: ['f'.repeat(32)], query: 'redes' })).toEqual(
      [],
    );
  });
});

describe('registration and the sender check', () => {
  it('registers every channel, and only those, with the prefix', () => {
    const registered: string[] = [];
    const removed: string[] = [];
    const unregister = registerHandlers(
      { handle: (c) => registered.push(c), removeHandler: (c) => removed.push(c) },
      handlers,
    );
    expect(registered.sort()).toEqual(CHANNELS.map((c) => INVOKE_PREFIX + c).sort());
    unregister();
    expect(removed.sort()).toEqual(registered);
  });

  it('answers IPC.FORBIDDEN to any frame that is not the app, before looking at the request', async () => {
    await createAndUnlock();
    const listener = guardedListener(handlers, 'records.list');
    for (const senderFrame of [
      null,
      { url: 'https://attacker.example/', parent: null },
      { url: 'app://tvault/index.html', parent: { url: 'app://tvault/' } },
      { url: 'file:///home/user/evil.html', parent: null },
    ]) {
      expect(await listener({ senderFrame }, {})).toMatchObject({
        ok: false,
        error: { code: 'IPC.FORBIDDEN' },
      });
    }
    expect(
      await listener({ senderFrame: { url: 'app://tvault/index.html', parent: null } }, {}),
    ).toEqual({
      ok: true,
      value: [],
    });
  });
});

describe('sharing through the handlers', () => {
  it('refuses bad identities, unknown tickets, and unconfirmed exports before any dialog', async () => {
    await createAndUnlock();
    await expect(
      handlers['partners.add']({ name: 'X', identity: 'TVID1-not-valid' }),
    ).rejects.toMatchObject({
      code: 'IDENTITY.INVALID',
    });
    await expect(handlers['bundles.receive']({ ticket: 'a'.repeat(32) })).rejects.toMatchObject({
      code: 'INPUT.INVALID',
    });
    expect(await handlers['bundles.open']({})).toBeNull();

    // A second vault to be the partner.
    const other = new VaultSession({ dir: join(dir, 'other'), vaultOptions: { kdf: TEST_KDF } });
    await other.create(PASSPHRASE);
    const identity = other.require().identity.identityString();
    other.lock('quit');
    const added = await handlers['partners.add']({ name: 'Other', identity });
    expect(added).toMatchObject({ name: 'Other', verified: false });

    const record = await handlers['records.add']({
      fields: { title: 'Shareable', consent: { status: 'given', scope: 'share-with-partners' } },
    });
    const request = {
      selection: { ids: [record.id] },
      to: ['Other'],
      includeIdentities: false,
      withHistory: false,
    };
    const preview = await handlers['bundles.preview'](request);
    expect(preview).toMatchObject({ records: 1, needsConfirmation: true, refused: [] });
    // Unverified partner: refused until confirmed, and the save dialog never opens.
    let dialogs = 0;
    const spying = createHandlers({
      session,
      settings: new SettingsStore(join(dir, 's2.json'), { autoLockMinutes: 5, language: 'en' }),
      uploads: new Uploads(),
      emit: () => undefined,
      info: { version: 't', mediaOrigin: 'm', panicShortcut: 'X' },
      dialogs: {
        saveFile: async () => (dialogs++, null),
        openBundle: async () => null,
        openVocabulary: async () => null,
        openFile: async () => null,
        chooseFolder: async () => null,
      },
      clipboard: { writeText: () => undefined },
    });
    await expect(spying['bundles.export']({ ...request, confirmed: false })).rejects.toMatchObject({
      code: 'EXPORT.REFUSED',
    });
    expect(dialogs).toBe(0);
    // Confirmed, but the person cancels the save dialog: nothing written.
    expect(await spying['bundles.export']({ ...request, confirmed: true })).toBeNull();
    expect(dialogs).toBe(1);
  });
});

describe('the export review through the handlers (issue 12, points 6 and 7)', () => {
  async function* bytesOf(text: string) {
    yield new TextEncoder().encode(text);
  }

  it('lists every file, sends none left out, and shows what redaction replaces', async () => {
    await createAndUnlock();
    const other = new VaultSession({ dir: join(dir, 'other'), vaultOptions: { kdf: TEST_KDF } });
    await other.create(PASSPHRASE);
    const identity = other.require().identity.identityString();
    await handlers['partners.add']({ name: 'Other', identity });
    await handlers['partners.verify']({ name: 'Other' });
    const record = await handlers['records.add']({
      fields: {
        title: 'Shareable',
        lang: 'es',
        narrator: 'Ana Ruiz',
        body: 'Ana habló con Anabel.',
        consent: { status: 'given', scope: 'share-with-partners' },
      },
    });
    const store = session.require().attachments;
    const kept = await store.attachStream(record.id, bytesOf('KEPT-FILE-BYTES'), {
      name: 'carta.txt',
    });
    const left = await store.attachStream(record.id, bytesOf('LEFT-OUT-FILE-BYTES'), {
      name: 'foto\u202Egpj.exe',
    });
    const request = {
      selection: { ids: [record.id] },
      to: ['Other'],
      includeIdentities: false,
      withHistory: false,
    };
    const preview = await dispatch(handlers, 'bundles.preview', request);
    if (!preview.ok) throw new Error(preview.error.message);
    const view = preview.value as ExportPreviewView;
    expect(view.attachments).toBe(2);
    expect(view.files).toEqual([
      {
        recordId: record.id,
        title: 'Shareable',
        files: [kept, left].map((f) => ({
          id: f.id,
          name: f.name,
          mime: f.mime,
          size: f.size,
          sentAs: 'format',
          identifying: [],
        })),
      },
    ]);
    expect(view.samples[0]!.replaced).toEqual([
      { from: 'Ana Ruiz', to: 'Testigo 1', count: 1 },
      { from: 'Ana', to: 'Testigo 1', count: 1 },
    ]);
    expect(view.warnings).toEqual([
      { id: record.id, title: 'Shareable', passage: 'Ana', forms: ['Anabel'] },
    ]);

    // A file that is not one of the export's: refused before anything is written.
    const stranger = await dispatch(handlers, 'bundles.preview', {
      ...request,
      leaveOut: ['f'.repeat(32)],
    });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'INPUT.INVALID' } });

    savePath = join(dir, 'left-out.tvb');
    const written = await dispatch(handlers, 'bundles.export', {
      ...request,
      leaveOut: [left.id],
      confirmed: false,
    });
    expect(written).toMatchObject({ ok: true, value: { attachments: 1 } });
    await receiveBundle(other.require(), savePath, {
      acceptUnknownSender: session.require().identity.fingerprint(),
    });
    const received = other.require().attachments.list(record.id);
    expect(received.map((f) => f.id)).toEqual([kept.id]);
    expect(other.require().records.get(record.id).narrator).toBe('Testigo 1');
    other.lock('quit');
  });
});

describe('display spoofing in file names (docs/security.md, "Display spoofing")', () => {
  it('the save dialog is offered a name whose invisible characters are replaced', async () => {
    await createAndUnlock();
    const record = await handlers['records.add']({ fields: { title: 'r', body: 'b' } });
    const bytes = new Uint8Array([1, 2, 3]);
    const { uploadId } = await handlers['attachments.uploadBegin']({
      recordId: record.id,
      name: 'photo.jpg\u200B\u200B\u200B.exe',
      mime: 'image/jpeg',
      size: bytes.length,
      modifiedAt: null,
    });
    await handlers['attachments.uploadChunk']({ uploadId, bytes });
    const info = await handlers['attachments.uploadFinish']({ uploadId });
    expect(await handlers['attachments.extract']({ id: info.id })).toBeNull();
    expect(defaultNames).toEqual(['photo.jpg___.exe']);
  });
});
