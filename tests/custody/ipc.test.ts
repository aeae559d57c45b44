import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { type Handlers, createHandlers } from '../../src/main/ipc/handlers';
import { SettingsStore } from '../../src/main/settings-store';
import { Uploads } from '../../src/main/uploads';
import { VaultSession } from '../../src/main/vault-session';

/** The custody and recovery channels, driven through the real handler object. */
const PASSPHRASE = 'correct horse battery staple';
let dir: string;
let session: VaultSession;
let handlers: Handlers;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tv-custody-ipc-'));
  session = new VaultSession({ dir: join(dir, 'vault'), vaultOptions: { kdf: TEST_KDF } });
  handlers = createHandlers({
    session,
    settings: new SettingsStore(join(dir, 'settings.json'), { autoLockMinutes: 5, language: 'en' }),
    uploads: new Uploads(),
    emit: () => undefined,
    info: { version: 't', mediaOrigin: 'tvault-media://attachment', panicShortcut: 'X' },
    dialogs: { saveFile: async () => null, openBundle: async () => null },
    clipboard: { writeText: () => undefined },
  });
});

afterEach(() => {
  session.lock('quit');
  rmSync(dir, { recursive: true, force: true });
});

describe('custody and recovery over IPC', () => {
  it('log, report and verify of a record opened in the app', async () => {
    await handlers['vault.create']({ passphrase: PASSPHRASE });
    const record = await handlers['records.add']({ fields: { title: 'x' } });
    await handlers['records.get']({ id: record.id });
    const log = await handlers['custody.log']({ recordId: record.id });
    expect(log.map((e) => e.action)).toEqual(['record.created', 'record.opened']);
    const { report, signature } = await handlers['custody.report']({ recordId: record.id });
    expect(report.record.id).toBe(record.id);
    expect(JSON.parse(signature).signature).toMatch(/^[A-Za-z0-9+/]+=*$/);
    const verified = await handlers['vault.verify']({});
    expect(verified).toMatchObject({ ok: true, problems: [] });
  });

  it('new recovery key and shares need the current passphrase; shares unlock', async () => {
    await handlers['vault.create']({ passphrase: PASSPHRASE });
    await expect(
      handlers['recovery.split']({ current: 'wrong passphrase!', shares: 3, threshold: 2 }),
    ).rejects.toMatchObject({ code: 'VAULT.WRONG_PASSPHRASE' });
    await expect(
      handlers['recovery.split']({ current: PASSPHRASE, shares: 2, threshold: 3 }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    const split = await handlers['recovery.split']({
      current: PASSPHRASE,
      shares: 3,
      threshold: 2,
    });
    expect(split.shares).toHaveLength(3);
    const { recoveryKey } = await handlers['recovery.newKey']({ current: PASSPHRASE });
    await handlers['vault.lock']({ reason: 'user' });
    await handlers['vault.unlock']({ recoveryKey });
    expect((await handlers['vault.status']({})).state).toBe('unlocked');
    await expect(handlers['custody.log']({ recordId: 'nope' })).rejects.toMatchObject({
      code: 'INPUT.INVALID',
    });
  });
});
