import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { Vault } from '../../src/core/vault/vault';

const PASS = 'search test passphrase';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tvault-search-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function folderContains(root: string, needle: string): string[] {
  const utf8 = Buffer.from(needle, 'utf8');
  const utf16 = Buffer.from(needle, 'utf16le');
  return filesUnder(root).filter((file) => {
    const bytes = readFileSync(file);
    return bytes.includes(utf8) || bytes.includes(utf16);
  });
}

async function newVault() {
  const { vault } = await Vault.create(join(dir, 'v'), PASS, { kdf: TEST_KDF });
  return vault;
}

describe('the vault search index', () => {
  it('finds records by words in any field, in several scripts', async () => {
    const vault = await newVault();
    const es = vault.addRecord({
      title: 'Amenazas en Bogotá',
      body: 'Las defensoras recibieron amenazas por su trabajo político.',
      lang: 'es',
    });
    const ar = vault.addRecord({
      title: 'شهادة',
      body: 'تعرضت المدافعات عن حقوق المرأة للمضايقة في القاهرة',
      lang: 'ar',
    });
    const en = vault.addRecord({
      title: 'Court case',
      body: 'A long trial.',
      place: 'Lagos',
      tags: ['legal'],
      lang: 'en',
    });
    expect(vault.search.search('politico').results.map((r) => r.id)).toEqual([es.id]);
    expect(vault.search.search('القاهرة').results.map((r) => r.id)).toEqual([ar.id]);
    expect(vault.search.search('lagos').results.map((r) => r.id)).toEqual([en.id]);
    expect(vault.search.search('legal', { filters: { tags: ['legal'] } }).total).toBe(1);
    vault.close();
  });

  it('updates results on add, edit and delete, and survives lock and unlock', async () => {
    let vault = await newVault();
    const a = vault.addRecord({ title: 'First', body: 'zebra crossing incident', lang: 'en' });
    expect(vault.search.search('zebra').total).toBe(1);
    vault.updateRecord(a.id, { body: 'giraffe sighting incident' });
    expect(vault.search.search('zebra').total).toBe(0);
    expect(vault.search.search('giraffe').results[0]?.id).toBe(a.id);
    const b = vault.addRecord({ title: 'Second', body: 'another giraffe', lang: 'en' });
    expect(vault.search.search('giraffe').total).toBe(2);
    vault.deleteRecord(b.id);
    expect(vault.search.search('giraffe').results.map((r) => r.id)).toEqual([a.id]);
    vault.close();

    vault = await Vault.open(join(dir, 'v'), { passphrase: PASS });
    expect(vault.search.search('giraffe').results.map((r) => r.id)).toEqual([a.id]);
    vault.close();
  });

  it('applies changes made while the index was not loaded (the CLI adds without loading it)', async () => {
    let vault = await newVault();
    vault.addRecord({ title: 'Loaded', body: 'pelican', lang: 'en' });
    expect(vault.search.search('pelican').total).toBe(1);
    vault.close();

    vault = await Vault.open(join(dir, 'v'), { passphrase: PASS });
    const late = vault.addRecord({ title: 'Late', body: 'pelican and heron', lang: 'en' });
    expect(vault.search.isLoaded).toBe(false);
    vault.close();

    vault = await Vault.open(join(dir, 'v'), { passphrase: PASS });
    expect(vault.search.search('heron').results.map((r) => r.id)).toEqual([late.id]);
    expect(vault.search.search('pelican').total).toBe(2);
    vault.close();
  });

  it('stores the index only encrypted: no indexed term appears in the vault folder', async () => {
    const vault = await newVault();
    const markers = ['Quetzalmarker', 'xylophonist', 'МАРКЕРслово', 'علامةسرية'];
    vault.addRecord({
      title: markers[0]!,
      body: `${markers[1]} ${markers[2]} ${markers[3]}`,
      lang: 'en',
    });
    expect(vault.search.search('xylophonist').total).toBe(1);
    for (const marker of [...markers, ...markers.map((m) => m.toLowerCase())]) {
      expect(folderContains(join(dir, 'v'), marker)).toEqual([]);
    }
    vault.close();
    for (const marker of [...markers, ...markers.map((m) => m.toLowerCase())]) {
      expect(folderContains(join(dir, 'v'), marker)).toEqual([]);
    }
  });

  it('rebuilds a damaged index from the records instead of failing', async () => {
    let vault = await newVault();
    const a = vault.addRecord({ title: 'Robust', body: 'armadillo', lang: 'en' });
    expect(vault.search.search('armadillo').total).toBe(1);
    vault.db.prepare('UPDATE search_segments SET sealed = zeroblob(length(sealed))').run();
    vault.close();
    vault = await Vault.open(join(dir, 'v'), { passphrase: PASS });
    expect(vault.search.search('armadillo').results.map((r) => r.id)).toEqual([a.id]);
    vault.close();
  });

  it('verifies quoted phrases on the text and returns highlighted snippets', async () => {
    const vault = await newVault();
    const exact = vault.addRecord({
      title: 'One',
      body: 'They said the march was banned by the governor.',
      lang: 'en',
    });
    vault.addRecord({
      title: 'Two',
      body: 'The governor banned nothing; the march went on.',
      lang: 'en',
    });
    const phrase = vault.search.search('"march was banned"');
    expect(phrase.results.map((r) => r.id)).toEqual([exact.id]);
    expect(phrase.total).toBe(1);
    const words = vault.search.search('governor');
    expect(words.total).toBe(2);
    for (const result of words.results) {
      expect(result.highlights.length).toBeGreaterThan(0);
      const [start, end] = result.highlights[0]!;
      expect(result.snippet.slice(start, end).toLowerCase()).toBe('governor');
    }
    vault.close();
  });

  it('reindex rebuilds from every record', async () => {
    const vault = await newVault();
    for (let i = 0; i < 30; i++)
      vault.addRecord({ title: `Record ${i}`, body: `common word number${i}`, lang: 'en' });
    expect(vault.search.reindex()).toEqual({ documents: 30 });
    expect(vault.search.search('common', { limit: 100 }).total).toBe(30);
    expect(vault.search.search('number7').results).toHaveLength(1);
    vault.close();
  });
});
