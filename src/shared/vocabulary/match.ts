import { VocabularyInvalidError } from '../errors';
import { normaliseTag } from '../search/analyze';
import type { Concept } from './concept';

/**
 * Every name of a concept (preferred and alternative, all languages), folded as the search
 * engine folds tags: case, diacritics, Arabic letter forms (hamza, tatweel, harakat), so
 * "Amenazas", "AMENAZAS" and "amenazas" are one name, and "تهديد" typed with or without its
 * diacritics another.
 */
export function foldedNames(concept: Concept): Set<string> {
  const names = new Set<string>();
  const add = (name: string) => {
    const folded = normaliseTag(name);
    if (folded) names.add(folded);
  };
  for (const name of Object.values(concept.prefLabel)) add(name);
  for (const list of Object.values(concept.altLabel ?? {})) for (const name of list) add(name);
  return names;
}

/** Whether a tag, as typed on a testimony, is one of the concept's names. */
export function tagBelongsTo(tag: string, concept: Concept): boolean {
  const folded = normaliseTag(tag);
  return folded !== '' && foldedNames(concept).has(folded);
}

/** Whether any of a testimony's tags belongs to the concept (names folded once: `names`). */
export function hasConcept(tags: readonly string[], names: ReadonlySet<string>): boolean {
  return tags.some((tag) => names.has(normaliseTag(tag)));
}

/**
 * The name to show a person: the preferred name in the UI language, else in a language with
 * the same base ("es" for "es-MX" and the reverse), else in English, else the first one given.
 */
export function displayName(concept: Concept, uiLanguage: string): string {
  const labels = concept.prefLabel;
  if (labels[uiLanguage]) return labels[uiLanguage];
  const base = uiLanguage.split('-')[0]!.toLowerCase();
  const sameBase = Object.keys(labels).find((lang) => lang.split('-')[0]!.toLowerCase() === base);
  if (sameBase) return labels[sameBase]!;
  return labels.en ?? Object.values(labels)[0] ?? concept.id;
}

/**
 * The concept named by `idOrName`: its id (exact, then ignoring case), else the one concept with
 * that name (folded) in any language. VOCABULARY.INVALID when none, or when a name is shared.
 */
export function findConcept(concepts: readonly Concept[], idOrName: string): Concept {
  const byId =
    concepts.find((c) => c.id === idOrName) ??
    concepts.find((c) => c.id.toLowerCase() === idOrName.toLowerCase());
  if (byId) return byId;
  const folded = normaliseTag(idOrName);
  const named = folded ? concepts.filter((c) => foldedNames(c).has(folded)) : [];
  if (named.length === 1) return named[0]!;
  throw new VocabularyInvalidError(named.length > 1 ? 'ambiguous' : 'notFound');
}

/**
 * Names to suggest while a tag is being typed: every name (any language) whose folded form
 * starts with the folded fragment, preferred names in the UI language first, at most `limit`.
 */
export function suggestNames(
  concepts: readonly Concept[],
  fragment: string,
  uiLanguage: string,
  limit = 8,
): { name: string; concept: Concept }[] {
  const typed = normaliseTag(fragment);
  if (!typed) return [];
  const out: { name: string; concept: Concept; rank: number }[] = [];
  const seen = new Set<string>();
  for (const concept of concepts) {
    const shown = displayName(concept, uiLanguage);
    const candidates = [
      shown,
      ...Object.values(concept.prefLabel),
      ...Object.values(concept.altLabel ?? {}).flat(),
    ];
    for (const name of candidates) {
      const folded = normaliseTag(name);
      if (!folded.startsWith(typed) || seen.has(folded)) continue;
      seen.add(folded);
      out.push({ name, concept, rank: name === shown ? 0 : 1 });
    }
  }
  return out
    .sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map(({ name, concept }) => ({ name, concept }));
}
