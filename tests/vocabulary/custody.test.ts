import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  exportVocabularyFile,
  importVocabularyFile,
} from '../../src/core/vocabulary/vocabulary-files';
import { verifyVault } from '../../src/core/verify/verify-vault';
import { useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

describe('vocabulary changes in the custody log', () => {
  it('one entry per add, edit, remove and import, naming no concept, matching the export', async () => {
    const { vault, dir } = await vaults.create();
    const before = [...vault.custody.entries()].length;
    vault.vocabulary.put({ id: 'threats', prefLabel: { es: 'amenazas' } });
    vault.vocabulary.put({ id: 'threats', prefLabel: { es: 'amenazas', fr: 'menaces' } });
    const file = join(dir, '..', 'partner.csv');
    const csv = 'id,ar\narrest,اعتقال\n';
    writeFileSync(file, csv);
    importVocabularyFile(vault.vocabulary, file);
    vault.vocabulary.remove('arrest');
    const entries = [...vault.custody.entries()].slice(before);
    expect(entries.map((e) => e.action)).toEqual([
      'vocabulary.concept.added',
      'vocabulary.concept.edited',
      'vocabulary.imported',
      'vocabulary.concept.removed',
    ]);
    expect(entries.map((e) => e.detail.concepts)).toEqual([1, 1, 2, 1]);
    expect(entries[2]!.detail).toMatchObject({ added: 1, replaced: 0, file: sha256(csv) });
    // The digest is that of the JSON export of the vocabulary after the change.
    const out = join(dir, '..', 'export.json');
    exportVocabularyFile(vault.vocabulary, out, { vaultDir: dir });
    expect(entries[3]!.detail.sha256).toBe(sha256(readFileSync(out)));
    const logged = JSON.stringify(entries);
    for (const name of ['threats', 'amenazas', 'menaces', 'arrest', 'اعتقال', 'partner.csv'])
      expect(logged).not.toContain(name);
    expect((await verifyVault(vault)).ok).toBe(true);
  });

  it('a refused change leaves no entry', async () => {
    const { vault } = await vaults.create();
    const before = [...vault.custody.entries()].length;
    expect(() => vault.vocabulary.put({ id: 'x', prefLabel: { xx: 'y' } })).toThrow();
    expect(() => vault.vocabulary.remove('none')).toThrow();
    expect(() =>
      vault.vocabulary.put({ id: 'x', prefLabel: { es: 'y' } }, { mustBeNew: true }),
    ).not.toThrow();
    expect(() =>
      vault.vocabulary.put({ id: 'X', prefLabel: { es: 'z' } }, { mustBeNew: true }),
    ).toThrow(expect.objectContaining({ code: 'VOCABULARY.INVALID' }));
    expect([...vault.custody.entries()].length - before).toBe(1);
  });
});
