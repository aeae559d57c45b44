import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { type Handlers, createHandlers } from '../../src/main/ipc/handlers';
import { SettingsStore } from '../../src/main/settings-store';
import { Uploads } from '../../src/main/uploads';
import { VaultSession } from '../../src/main/vault-session';
import type { Concept } from '../../src/shared/vocabulary/concept';

/** The vocabulary channels, driven through the real handler object with stand-in dialogs. */
const PASSPHRASE = 'correct horse battery staple';
let dir: string;
let session: VaultSession;
let handlers: Handlers;
let chosen: { open: string | null; save: string | null; saveKinds: string[] };

const THREATS: Concept = {
  id: 'threats',
  prefLabel: { en: 'threats', es: 'amenazas', fr: 'menaces', ar: 'تهديد' },
  altLabel: { es: ['amenaza'] },
  scopeNote: { en: 'Threats made in person, by phone or online.' },
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tv-vocab-ipc-'));
  chosen = { open: null, save: null, saveKinds: [] };
  session = new VaultSession({ dir: join(dir, 'vault'), vaultOptions: { kdf: TEST_KDF } });
  handlers = createHandlers({
    session,
    settings: new SettingsStore(join(dir, 'settings.json'), { autoLockMinutes: 5, language: 'en' }),
    uploads: new Uploads(),
    emit: () => undefined,
    info: { version: 't', mediaOrigin: 'tvault-media://attachment', panicShortcut: 'X' },
    dialogs: {
      saveFile: async (_name, kind) => (chosen.saveKinds.push(kind), chosen.save),
      openBundle: async () => null,
      openVocabulary: async () => chosen.open,
      openFile: async () => null,
      chooseFolder: async () => null,
    },
    clipboard: { writeText: () => undefined },
  });
  await handlers['vault.create']({ passphrase: PASSPHRASE });
});

afterEach(() => {
  session.lock('quit');
  rmSync(dir, { recursive: true, force: true });
});

const vocabularyActions = async () =>
  (await handlers['custody.log']({}))
    .map((e) => e.action)
    .filter((action) => action.startsWith('vocabulary.'));

describe('vocabulary over IPC', () => {
  it('saves, lists, edits and removes concepts, each change in the custody log', async () => {
    expect(await handlers['vocabulary.list']({})).toEqual([]);
    expect(await handlers['vocabulary.save']({ concept: THREATS, isNew: true })).toEqual(THREATS);
    const edited = { ...THREATS, prefLabel: { ...THREATS.prefLabel, 'ES-mx': ' amenazas mx ' } };
    const saved = await handlers['vocabulary.save']({ concept: edited, isNew: false });
    expect(saved.prefLabel['es-MX']).toBe('amenazas mx');
    expect(await handlers['vocabulary.list']({})).toEqual([saved]);
    await handlers['vocabulary.remove']({ id: 'threats' });
    expect(await handlers['vocabulary.list']({})).toEqual([]);
    expect(await vocabularyActions()).toEqual([
      'vocabulary.concept.added',
      'vocabulary.concept.edited',
      'vocabulary.concept.removed',
    ]);
  });

  it('refuses a new concept whose id is taken, and bad concepts, with VOCABULARY.INVALID', async () => {
    await handlers['vocabulary.save']({ concept: THREATS, isNew: true });
    const refused = async (concept: unknown, isNew = true) => {
      const error = await handlers['vocabulary.save']({ concept, isNew }).then(
        () => null,
        (caught: unknown) => caught as { code: string; details: Record<string, unknown> },
      );
      expect(error?.code).toBe('VOCABULARY.INVALID');
      return error!.details.reason;
    };
    expect(await refused({ ...THREATS, prefLabel: { es: 'otra' } })).toBe('duplicateId');
    expect(await refused({ id: 'bad id', prefLabel: { es: 'x' } })).toBe('badId');
    expect(await refused({ id: 'x', prefLabel: { français: 'x' } })).toBe('unknownLanguage');
    expect(await refused({ id: 'x', prefLabel: {} })).toBe('noName');
    expect(await refused({ id: 'x', prefLabel: { es: '  ' } })).toBe('emptyName');
    expect(await refused({ id: 'x', prefLabel: { es: 'AMENAZAS' } })).toBe('duplicateName');
    await expect(handlers['vocabulary.remove']({ id: 'nope' })).rejects.toMatchObject({
      code: 'VOCABULARY.INVALID',
      details: { reason: 'notFound' },
    });
    // Shape errors never reach the core.
    await expect(
      handlers['vocabulary.save']({ concept: { id: 'x', prefLabel: { es: 5 } }, isNew: true }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    expect(await handlers['vocabulary.list']({})).toEqual([THREATS]);
    expect(await vocabularyActions()).toEqual(['vocabulary.concept.added']);
  });

  it('imports the file the dialog chose, and a bad file changes nothing and is named', async () => {
    const good = join(dir, 'partner.csv');
    writeFileSync(good, 'id,es,fr\nthreats,amenazas,menaces\narrest,detención,arrestation\n');
    expect(await handlers['vocabulary.import']({})).toBeNull(); // cancelled
    chosen.open = good;
    expect(await handlers['vocabulary.import']({})).toEqual({
      file: 'partner.csv',
      added: 2,
      replaced: 0,
      total: 2,
    });
    const hostile = join(dir, 'hostile.json');
    writeFileSync(
      hostile,
      JSON.stringify({
        format: 'tvault-vocabulary',
        version: 1,
        concepts: [
          { id: 'ok', prefLabel: { es: 'bien' } },
          { id: '../x', prefLabel: {} },
        ],
      }),
    );
    chosen.open = hostile;
    const error = await handlers['vocabulary.import']({}).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'VOCABULARY.INVALID',
      details: { reason: 'badId', concept: 2, file: 'hostile.json' },
    });
    expect((error as Error).message).toContain('hostile.json');
    expect((await handlers['vocabulary.list']({})).map((c) => c.id)).toEqual(['threats', 'arrest']);
    expect(await vocabularyActions()).toEqual(['vocabulary.imported']);
  });

  it('exports through the save dialog, in the form asked', async () => {
    await handlers['vocabulary.save']({ concept: THREATS, isNew: true });
    expect(await handlers['vocabulary.export']({ format: 'json' })).toBeNull();
    chosen.save = join(dir, 'out.json');
    expect(await handlers['vocabulary.export']({ format: 'json' })).toEqual({
      file: 'out.json',
      concepts: 1,
    });
    expect(JSON.parse(readFileSync(chosen.save, 'utf8')).concepts).toEqual([THREATS]);
    chosen.save = join(dir, 'out.csv');
    await handlers['vocabulary.export']({ format: 'csv' });
    expect(readFileSync(chosen.save, 'utf8')).toContain('threats,تهديد,threats,amenazas,menaces');
    expect(chosen.saveKinds).toEqual(['vocabulary', 'vocabulary', 'vocabulary']);
    await expect(handlers['vocabulary.export']({ format: 'xml' as 'csv' })).rejects.toMatchObject({
      code: 'INPUT.INVALID',
    });
  });

  it('needs an unlocked vault', async () => {
    session.lock('user');
    for (const call of [
      () => handlers['vocabulary.list']({}),
      () => handlers['vocabulary.import']({}),
      () => handlers['vocabulary.save']({ concept: THREATS, isNew: true }),
    ])
      await expect(call()).rejects.toMatchObject({ code: 'VAULT.LOCKED' });
  });
});
