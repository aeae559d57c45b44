import { describe, expect, it } from 'vitest';
import type { Concept } from '../../../shared/vocabulary/concept';
import { emptyLanguage, fromDraft, refusedPart, toDraft } from './concept-draft';

const THREATS: Concept = {
  id: 'threats',
  prefLabel: { es: 'amenazas', ar: 'تهديد' },
  altLabel: { es: ['amenaza', 'amenazas graves'], fr: ['menace'] },
  scopeNote: { en: 'In person or online.' },
};

describe('the concept form draft', () => {
  it('round-trips a concept, every language (even one with only other names or a note)', () => {
    const draft = toDraft(THREATS, 'en');
    expect(draft.languages.map((l) => l.lang)).toEqual(['es', 'ar', 'fr', 'en']);
    expect(draft.languages[0]!.alt).toBe('amenaza\namenazas graves');
    expect(fromDraft(draft)).toEqual(THREATS);
  });

  it('a new concept starts with a row in the UI language; empty rows and lines are dropped', () => {
    const draft = toDraft(null, 'ar');
    expect(draft).toMatchObject({ id: '', languages: [{ lang: 'ar', pref: '' }] });
    draft.id = ' arrest ';
    draft.languages[0]!.pref = 'اعتقال';
    draft.languages[0]!.alt = '\n  \nالاعتقال\n';
    draft.languages.push(emptyLanguage());
    expect(fromDraft(draft)).toEqual({
      id: 'arrest',
      prefLabel: { ar: 'اعتقال' },
      altLabel: { ar: ['الاعتقال'] },
    });
  });

  it('keeps a row with names but no language, for the core to refuse by name', () => {
    const draft = { id: 'x', languages: [{ ...emptyLanguage(), pref: 'nombre' }] };
    expect(fromDraft(draft).prefLabel).toEqual({ '': 'nombre' });
  });

  it('points a refusal at the id or at a language row', () => {
    expect(refusedPart({ reason: 'duplicateId' })).toEqual({ id: true });
    expect(refusedPart({ reason: 'emptyName', concept: 1, lang: 'es-MX' })).toEqual({
      lang: 'es-mx',
    });
    expect(refusedPart({ reason: 'noName' })).toBeNull();
    expect(refusedPart(undefined)).toBeNull();
  });
});
