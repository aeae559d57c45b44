import type { Concept } from '../../../shared/vocabulary/concept';

/** One language of a concept as the form edits it: other names as lines of text. */
export interface LanguageDraft {
  /** Stable key for React while languages are added and removed. */
  key: number;
  lang: string;
  pref: string;
  alt: string;
  note: string;
}

export interface ConceptDraft {
  id: string;
  languages: LanguageDraft[];
}

let nextKey = 1;

export function emptyLanguage(lang = ''): LanguageDraft {
  return { key: nextKey++, lang, pref: '', alt: '', note: '' };
}

/** A concept as the form shows it; a new concept starts with a row in the UI language. */
export function toDraft(concept: Concept | null, uiLanguage: string): ConceptDraft {
  if (!concept) return { id: '', languages: [emptyLanguage(uiLanguage)] };
  const langs = [
    ...new Set([
      ...Object.keys(concept.prefLabel),
      ...Object.keys(concept.altLabel ?? {}),
      ...Object.keys(concept.scopeNote ?? {}),
    ]),
  ];
  return {
    id: concept.id,
    languages: langs.map((lang) => ({
      ...emptyLanguage(lang),
      pref: concept.prefLabel[lang] ?? '',
      alt: (concept.altLabel?.[lang] ?? []).join('\n'),
      note: concept.scopeNote?.[lang] ?? '',
    })),
  };
}

/**
 * The concept the form describes, as typed: rows left wholly empty are dropped, other names are
 * one per line. Everything else (known languages, names, duplicates) is the core's to check, so
 * the app and `tvault vocabulary add` refuse the same things the same way.
 */
export function fromDraft(draft: ConceptDraft): Concept {
  const concept: Concept = { id: draft.id.trim(), prefLabel: {} };
  for (const row of draft.languages) {
    const lang = row.lang.trim();
    const alt = row.alt.split('\n').filter((line) => line.trim() !== '');
    if (!lang && !row.pref.trim() && alt.length === 0 && !row.note.trim()) continue;
    if (row.pref.trim()) concept.prefLabel[lang] = row.pref;
    if (alt.length > 0) (concept.altLabel ??= {})[lang] = alt;
    if (row.note.trim()) (concept.scopeNote ??= {})[lang] = row.note;
  }
  return concept;
}

/** Which part of the form a refusal points at: the id, or one language's row. */
export function refusedPart(
  details: Record<string, unknown> | undefined,
): { id: true } | { lang: string } | null {
  if (!details) return null;
  if (details.reason === 'badId' || details.reason === 'duplicateId') return { id: true };
  return typeof details.lang === 'string' ? { lang: details.lang.toLowerCase() } : null;
}
