import { describe, expect, it } from 'vitest';
import { VaultError } from '../../src/shared/errors';
import {
  type Concept,
  knownLanguage,
  mergeVocabulary,
  validateVocabulary,
} from '../../src/shared/vocabulary/concept';
import {
  displayName,
  findConcept,
  foldedNames,
  suggestNames,
  tagBelongsTo,
} from '../../src/shared/vocabulary/match';

const THREATS: Concept = {
  id: 'threats',
  prefLabel: { en: 'threats', es: 'amenazas', fr: 'menaces', ar: 'تهديد' },
  altLabel: { es: ['amenaza'], ar: ['التهديد'] },
};
const ARREST: Concept = { id: 'arrest', prefLabel: { es: 'detención', fr: 'arrestation' } };

/** The error's reason and position, or null when fn does not throw. */
function refusal(fn: () => unknown): Record<string, unknown> | null {
  try {
    fn();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('VOCABULARY.INVALID');
    return (error as VaultError).details;
  }
}

describe('vocabulary concepts', () => {
  it('accepts known languages in canonical form and refuses others', () => {
    expect(knownLanguage('es')).toBe('es');
    expect(knownLanguage('ES-mx')).toBe('es-MX');
    expect(knownLanguage('ary')).toBe('ary');
    for (const bad of ['xx', 'qaa', 'und', 'français', '', 'es_MX', 'e'])
      expect(knownLanguage(bad)).toBeNull();
  });

  it('tidies names (trimmed, duplicates of an alternative dropped) and keeps the order', () => {
    const [a, b] = validateVocabulary(
      [
        { id: 'threats', prefLabel: { ES: '  amenazas ' }, altLabel: { es: ['x', 'x', ' '] } },
        ARREST,
      ].map((c, i) => (i === 0 ? { ...c, altLabel: { es: ['amenaza', 'amenaza'] } } : c)),
    );
    expect(a).toEqual({
      id: 'threats',
      prefLabel: { es: 'amenazas' },
      altLabel: { es: ['amenaza'] },
    });
    expect(b).toEqual(ARREST);
  });

  it('refuses each kind of bad vocabulary with its reason and position, never a name', () => {
    const cases: [unknown, Record<string, unknown>][] = [
      [{ concepts: [] }, { reason: 'format' }],
      [[THREATS, { ...ARREST, id: 'THREATS' }], { reason: 'duplicateId', concept: 2 }],
      [[{ id: 'bad id', prefLabel: { es: 'x' } }], { reason: 'badId', concept: 1 }],
      [
        [{ id: 'a', prefLabel: { xx: 'x' } }],
        { reason: 'unknownLanguage', concept: 1, lang: 'xx' },
      ],
      [[{ id: 'a', prefLabel: { français: 'x' } }], { reason: 'unknownLanguage', concept: 1 }],
      [[{ id: 'a', prefLabel: { es: '   ' } }], { reason: 'emptyName', concept: 1, lang: 'es' }],
      [[{ id: 'a', prefLabel: { es: '¿?' } }], { reason: 'emptyName', concept: 1, lang: 'es' }],
      [
        [{ id: 'a', prefLabel: { es: 'x' }, altLabel: { es: [''] } }],
        { reason: 'emptyName', concept: 1, lang: 'es' },
      ],
      [[{ id: 'a', prefLabel: {} }], { reason: 'noName', concept: 1 }],
      [[{ id: 'a', prefLabel: { es: 'x' }, extra: 1 }], { reason: 'format', concept: 1 }],
      [[{ id: 'a', prefLabel: { es: 'x'.repeat(101) } }], { reason: 'format', concept: 1 }],
      [[{ id: 'a', prefLabel: { es: 'a\u0000b' } }], { reason: 'format', concept: 1 }],
      [[{ id: 'a', prefLabel: { es: '\ud800' } }], { reason: 'format', concept: 1 }],
      [
        [THREATS, { id: 'b', prefLabel: { es: 'AMENAZAS' } }],
        { reason: 'duplicateName', concept: 2, lang: 'es' },
      ],
      [
        [{ id: 'a', prefLabel: { es: 'x', ES: 'y' } }],
        { reason: 'format', concept: 1, lang: 'es' },
      ],
    ];
    for (const [input, details] of cases) {
      const got = refusal(() => validateVocabulary(input));
      expect(got, JSON.stringify(input)).toEqual(details);
    }
    expect(refusal(() => validateVocabulary(Array(10_001).fill(ARREST)))).toEqual({
      reason: 'tooMany',
    });
  });

  it('does not put names into error messages', () => {
    try {
      validateVocabulary([THREATS, { id: 'secret-id', prefLabel: { es: 'Amenazas' } }]);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toMatch(/amenazas|secret-id/i);
    }
  });

  it('merges by id: same ids replaced, new ones added, the whole result checked', () => {
    const renamed = { id: 'arrest', prefLabel: { fr: 'arrestations' } };
    const other = { id: 'raids', prefLabel: { es: 'allanamientos' } };
    expect(mergeVocabulary([THREATS, ARREST], [renamed, other])).toEqual({
      concepts: [THREATS, renamed, other],
      added: 1,
      replaced: 1,
    });
    // A new concept taking an existing preferred name is refused: nothing is merged.
    expect(
      refusal(() => mergeVocabulary([THREATS], [{ id: 'x', prefLabel: { fr: 'Menaces' } }])),
    ).toMatchObject({ reason: 'duplicateName' });
  });
});

describe('tags and concepts', () => {
  it('a tag belongs to a concept when it folds to any of its names, in any language', () => {
    for (const tag of [
      'amenazas',
      'AMENAZAS',
      'Menaces',
      'ménaces',
      'تهديد',
      'تَهْدِيد',
      'تهـديد',
      'amenaza',
      'Threats',
    ])
      expect(tagBelongsTo(tag, THREATS), tag).toBe(true);
    for (const tag of ['amenazass', 'threat', 'detención', '', '   '])
      expect(tagBelongsTo(tag, THREATS), tag).toBe(false);
    expect(foldedNames(ARREST)).toEqual(new Set(['detencion', 'arrestation']));
  });

  it('shows the name in the UI language, else the same base language, English, the first', () => {
    expect(displayName(THREATS, 'ar')).toBe('تهديد');
    expect(displayName(THREATS, 'fr')).toBe('menaces');
    expect(displayName({ id: 'a', prefLabel: { 'es-MX': 'amenazas' } }, 'es')).toBe('amenazas');
    expect(displayName(THREATS, 'de')).toBe('threats');
    expect(displayName(ARREST, 'en')).toBe('detención');
  });

  it('finds a concept by id or by one of its names; unknown and shared names are refused', () => {
    expect(findConcept([THREATS, ARREST], 'THREATS')).toBe(THREATS);
    expect(findConcept([THREATS, ARREST], 'Menaces')).toBe(THREATS);
    expect(findConcept([THREATS, ARREST], 'التهديد')).toBe(THREATS);
    expect(refusal(() => findConcept([THREATS], 'nothing'))).toEqual({ reason: 'notFound' });
    const twin = { id: 'twin', prefLabel: { en: 'other' }, altLabel: { es: ['amenaza'] } };
    expect(refusal(() => findConcept([THREATS, twin], 'amenaza'))).toEqual({ reason: 'ambiguous' });
  });

  it('suggests names starting with what is typed, the UI language first', () => {
    expect(suggestNames([THREATS, ARREST], 'AME', 'fr').map((s) => s.name)).toEqual([
      'amenaza',
      'amenazas',
    ]);
    expect(suggestNames([THREATS, ARREST], 'men', 'fr').map((s) => s.name)).toEqual(['menaces']);
    expect(suggestNames([THREATS, ARREST], 'ته', 'ar')[0]).toMatchObject({ name: 'تهديد' });
    expect(suggestNames([THREATS], '  ', 'en')).toEqual([]);
  });
});
