import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import type { EventPayloads } from '../../src/shared/ipc/types';
import { type Handlers, createHandlers } from '../../src/main/ipc/handlers';
import { SettingsStore } from '../../src/main/settings-store';
import { Uploads } from '../../src/main/uploads';
import { VaultSession } from '../../src/main/vault-session';
import { FILES, fixture } from '../import/helpers';

/** The import wizard's channels, driven as the renderer does, with stand-in dialogs. */
let dir: string;
let session: VaultSession;
let handlers: Handlers;
let progress: EventPayloads['import.progress'][];
const next: { file: string | null; folder: string | null } = { file: null, folder: null };
let onProgress: ((p: EventPayloads['import.progress']) => void) | null;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tv-import-ipc-'));
  session = new VaultSession({ dir: join(dir, 'vault'), vaultOptions: { kdf: TEST_KDF } });
  progress = [];
  onProgress = null;
  next.file = null;
  next.folder = null;
  handlers = createHandlers({
    session,
    settings: new SettingsStore(join(dir, 'settings.json'), { autoLockMinutes: 5, language: 'en' }),
    uploads: new Uploads(),
    emit: (event, payload) => {
      if (event !== 'import.progress') return;
      const p = payload as EventPayloads['import.progress'];
      progress.push(p);
      onProgress?.(p);
    },
    info: { version: 't', mediaOrigin: 'm', panicShortcut: 'X' },
    dialogs: {
      saveFile: async () => null,
      openBundle: async () => null,
      openVocabulary: async () => null,
      openFile: async () => next.file,
      chooseFolder: async () => next.folder,
    },
    clipboard: { writeText: () => undefined },
  });
  await handlers['vault.create']({ passphrase: 'correct horse battery staple' });
});

afterEach(() => {
  session.lock('quit');
  rmSync(dir, { recursive: true, force: true });
});

async function choose(path: string) {
  next.file = path;
  const chosen = await handlers['import.chooseFile']({});
  expect(chosen).not.toBeNull();
  return chosen!;
}

const titles = async () => (await handlers['records.list']({})).map((s) => s.title).sort();

describe('the import wizard over IPC', () => {
  it('a cancelled dialog chooses nothing; a chosen file is sniffed and kept behind a ticket', async () => {
    expect(await handlers['import.chooseFile']({})).toBeNull();
    const chosen = await choose(fixture('uwazi', 'entities.csv'));
    expect(chosen).toMatchObject({
      name: 'entities.csv',
      detected: 'uwazi',
      detectedBy: 'content',
      unreadable: null,
    });
    expect(chosen.ticket).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(chosen)).not.toContain(fixture('uwazi'));
  });

  it('reports an empty or undecodable file in the first step instead of failing', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    expect(await choose(empty)).toMatchObject({ detected: null, unreadable: 'empty' });
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from('title\nCaf\xe9\n', 'latin1'));
    expect(await choose(latin1)).toMatchObject({ detected: null, unreadable: 'encoding' });
  });

  it('previews the first records without writing: mapping, samples, rejections, consent', async () => {
    const { ticket } = await choose(fixture('uwazi', 'entities.csv'));
    const preview = await handlers['import.preview']({ ticket, from: 'uwazi' });
    expect(preview.source).toBe('uwazi');
    expect(preview.mapping.title).toEqual(['Title']);
    expect(preview.sourceFields).toContain('Country');
    expect(preview.consentField).toBeNull();
    expect(preview.ownConsent).toBe(false);
    expect(preview.withoutConsent).toBe(preview.created);
    expect(preview.samples[0]).toMatchObject({
      position: { unit: 'line', at: 2 },
      title: 'Fixture entity Alpha',
      consent: 'unknown',
    });
    // No --files folder chosen: the files the export names are reported, not silently dropped.
    expect(preview.missingFiles).toBeGreaterThan(0);
    expect(await titles()).toEqual([]);
  });

  it('the consent choice decides where consent comes from, and "none" means unknown', async () => {
    const { ticket } = await choose(fixture('kobo', 'submissions.csv'));
    const asMapped = await handlers['import.preview']({ ticket, from: 'kobo' });
    expect(asMapped.consentField).toBeNull();
    expect(asMapped.withoutConsent).toBe(asMapped.read);
    const chosen = await handlers['import.preview']({
      ticket,
      from: 'kobo',
      consentField: 'consent_given',
    });
    expect(chosen.consentField).toBe('consent_given');
    expect(chosen.samples.map((s) => s.consent)).toEqual(
      expect.arrayContaining(['given', 'unknown']),
    );
    expect(chosen.withoutConsent).toBeLessThan(asMapped.withoutConsent);
    // A field whose answers are not consent answers rejects the records, never guesses.
    const wrong = await handlers['import.preview']({
      ticket,
      from: 'kobo',
      consentField: 'incident/place',
    });
    expect(wrong.rejected.length).toBeGreaterThan(0);
    expect(wrong.rejected[0]!.position.unit).toBe('line');
  });

  it('imports with progress events, then a re-import updates instead of duplicating', async () => {
    next.folder = FILES;
    const { ticket } = await choose(fixture('uwazi', 'entities.csv'));
    expect(await handlers['import.chooseFilesFolder']({ ticket })).toEqual({ name: 'files' });
    const summary = await handlers['import.start']({ ticket, from: 'uwazi', consentField: null });
    expect(summary.created).toBeGreaterThan(0);
    expect(summary.updated).toBe(0);
    expect(summary.withoutConsent).toBe(summary.created);
    expect(summary.attached).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ ticket, fileBytes: expect.any(Number) });
    const before = await titles();
    expect(before).toHaveLength(summary.created);

    const edited = await choose(fixture('uwazi', 'entities-edited.csv'));
    const again = await handlers['import.start']({ ticket: edited.ticket, from: 'uwazi' });
    expect(again.created).toBe(0);
    expect(again.updated).toBeGreaterThan(0);
    expect(await titles()).toHaveLength(before.length);
  });

  it('a wrong source or a bad mapping is a typed error naming the file; nothing is written', async () => {
    const { ticket } = await choose(fixture('uwazi', 'entities.csv'));
    await expect(handlers['import.preview']({ ticket, from: 'martus' })).rejects.toMatchObject({
      code: 'IMPORT.INVALID_FILE',
    });
    const mapping = join(dir, 'bad-mapping.json');
    writeFileSync(mapping, '{"fields": {"title": 5}}');
    next.file = mapping;
    expect(await handlers['import.chooseMapping']({ ticket })).toEqual({
      name: 'bad-mapping.json',
    });
    await expect(handlers['import.start']({ ticket, from: 'uwazi' })).rejects.toMatchObject({
      code: 'IMPORT.INVALID_MAPPING',
    });
    expect(await titles()).toEqual([]);
  });

  it('cancel during an import rolls it back: the archive is as it was', async () => {
    const kept = await choose(fixture('kobo', 'submissions.csv'));
    await handlers['import.start']({ ticket: kept.ticket, from: 'kobo' });
    const before = await titles();
    const big = join(dir, 'big.jsonl');
    writeFileSync(
      big,
      Array.from({ length: 3000 }, (_, i) => JSON.stringify({ title: `row ${i}` })).join('\n'),
    );
    const { ticket } = await choose(big);
    onProgress = (p) => {
      if (p.records >= 1000) void handlers['import.cancel']({ ticket });
    };
    await expect(handlers['import.start']({ ticket, from: 'jsonl' })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
    expect(await titles()).toEqual(before);
    // The same file imports in full afterwards.
    onProgress = null;
    expect((await handlers['import.start']({ ticket, from: 'jsonl' })).created).toBe(3000);
  });

  it('tickets are forgotten on lock, and a consent field is refused for the testimony format', async () => {
    const jsonl = join(dir, 't.jsonl');
    writeFileSync(jsonl, '{"title":"one"}\n');
    const { ticket } = await choose(jsonl);
    const preview = await handlers['import.preview']({ ticket, from: 'jsonl' });
    expect(preview).toMatchObject({ ownConsent: true, mapping: {}, created: 1 });
    await expect(
      handlers['import.preview']({ ticket, from: 'jsonl', consentField: 'consent' }),
    ).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    await handlers['vault.lock']({ reason: 'user' });
    await handlers['vault.unlock']({ passphrase: 'correct horse battery staple' });
    await expect(handlers['import.preview']({ ticket, from: 'jsonl' })).rejects.toMatchObject({
      code: 'INPUT.INVALID',
    });
    await expect(handlers['import.preview']({ ticket: 'x', from: 'jsonl' })).rejects.toMatchObject({
      code: 'INPUT.INVALID',
    });
  });
});
