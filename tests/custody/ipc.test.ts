import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { verifyCustodyReport } from '../../src/core/custody/report';
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
/** What the stand-in dialogs answer, and what main put on the clipboard. */
let chosen: { folder: string | null; save: string | null; clipboard: string | null };
const progress: string[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tv-custody-ipc-'));
  chosen = { folder: null, save: null, clipboard: null };
  progress.length = 0;
  session = new VaultSession({ dir: join(dir, 'vault'), vaultOptions: { kdf: TEST_KDF } });
  handlers = createHandlers({
    session,
    settings: new SettingsStore(join(dir, 'settings.json'), { autoLockMinutes: 5, language: 'en' }),
    uploads: new Uploads(),
    emit: (event, payload) => progress.push(`${event}:${JSON.stringify(payload)}`),
    info: { version: 't', mediaOrigin: 'tvault-media://attachment', panicShortcut: 'X' },
    dialogs: {
      saveFile: async () => chosen.save,
      openBundle: async () => null,
      openVocabulary: async () => null,
      openFile: async () => null,
      chooseFolder: async () => chosen.folder,
    },
    clipboard: { writeText: (text) => (chosen.clipboard = text) },
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

  it('shares unlock over IPC; a bad one is named by its place; only a share is copied', async () => {
    await handlers['vault.create']({ passphrase: PASSPHRASE });
    const { shares } = await handlers['recovery.split']({
      current: PASSPHRASE,
      shares: 3,
      threshold: 2,
    });
    await handlers['recovery.copyShare']({ share: shares[1]! });
    expect(chosen.clipboard).toBe(shares[1]);
    await expect(
      handlers['recovery.copyShare']({ share: 'any text at all' }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    await handlers['vault.lock']({ reason: 'user' });
    await expect(
      handlers['vault.unlock']({ shares: [shares[0]!, `${shares[2]!.slice(0, -1)}Z`] }),
    ).rejects.toMatchObject({
      code: 'VAULT.WRONG_RECOVERY_KEY',
      details: { position: 2, reason: 'checksum' },
    });
    await expect(handlers['vault.unlock']({ shares: [shares[0]!] })).rejects.toMatchObject({
      details: { reason: 'too-few', needed: 2, given: 1 },
    });
    await handlers['vault.unlock']({ shares: [shares[2]!, shares[0]!] });
    expect((await handlers['vault.status']({})).state).toBe('unlocked');
  });

  it('backup into the folder main asks for, with progress; cancelled writes nothing', async () => {
    await handlers['vault.create']({ passphrase: PASSPHRASE });
    await handlers['records.add']({ fields: { title: 'x' } });
    expect(await handlers['vault.backup']({})).toBeNull();
    chosen.folder = join(dir, 'backup');
    const made = await handlers['vault.backup']({});
    expect(made).toMatchObject({ folder: chosen.folder, blobsCopied: 0 });
    expect(existsSync(join(dir, 'backup', 'backup.json'))).toBe(true);
    expect(progress.some((p) => p.startsWith('custody.progress:{"task":"backup"'))).toBe(true);
    const log = await handlers['custody.log']({});
    expect(log.at(-1)!.action).toBe('backup.made');
    // A folder that is not a backup: refused, left as it was.
    chosen.folder = join(dir, 'other');
    mkdirSync(chosen.folder);
    writeFileSync(join(chosen.folder, 'mine.txt'), 'x');
    await expect(handlers['vault.backup']({})).rejects.toMatchObject({ code: 'BACKUP.INVALID' });
    expect(readdirSync(chosen.folder)).toEqual(['mine.txt']);
  });

  it('saves the signed report (JSON + .sig, checkable without the vault) or the page', async () => {
    await handlers['vault.create']({ passphrase: PASSPHRASE });
    const record = await handlers['records.add']({ fields: { title: 'Rapport' } });
    expect(await handlers['custody.saveReport']({ recordId: record.id, form: 'json' })).toBeNull();
    chosen.save = join(dir, 'report.json');
    const saved = await handlers['custody.saveReport']({ recordId: record.id, form: 'json' });
    expect(saved).toEqual({ files: [chosen.save, `${chosen.save}.sig`] });
    const { report } = await verifyCustodyReport(chosen.save);
    expect(report.record.id).toBe(record.id);
    chosen.save = join(dir, 'report.html');
    await handlers['custody.saveReport']({ recordId: record.id, form: 'html' });
    expect(readFileSync(chosen.save, 'utf8')).toContain('Rapport');
    chosen.save = join(dir, 'missing-folder', 'report.json');
    await expect(
      handlers['custody.saveReport']({ recordId: record.id, form: 'json' }),
    ).rejects.toMatchObject({ code: 'FILE.IO' });
  });
});
