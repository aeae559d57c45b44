import { z } from 'zod';
import { VocabularyInvalidError } from '../errors';
import { normaliseTag } from '../search/analyze';

/**
 * A concept of the shared vocabulary (docs/vocabulary.md), shaped like a SKOS concept: one
 * preferred name per language, optional alternative names per language, an optional scope note
 * per language. Tags on testimonies stay as typed; a tag whose folded form equals any name of a
 * concept belongs to it (match.ts).
 */
export interface Concept {
  /** Stable across partners: what files and `--concept` name it by. */
  id: string;
  /** Language tag (BCP-47) -> the preferred name in that language. At least one. */
  prefLabel: Record<string, string>;
  /** Language tag -> other names (synonyms, singular and plural, spellings). */
  altLabel?: Record<string, string[]>;
  /** Language tag -> what the concept covers, for the people tagging. */
  scopeNote?: Record<string, string>;
}

/** Limits that keep a vocabulary (and a hostile file) bounded; a real thesaurus fits. */
export const VOCABULARY_LIMITS = {
  concepts: 10_000,
  languagesPerConcept: 50,
  altLabelsPerLanguage: 50,
  /** Names are tags: the tag limit (records/validate.ts LIMITS.tagChars). */
  nameChars: 100,
  scopeNoteChars: 2_000,
  /** A vocabulary file (JSON or CSV) is read whole, so its size is capped before parsing. */
  fileBytes: 8 * 1024 * 1024,
} as const;

export const CONCEPT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const BCP47 = /^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?$/;

let displayNames: Intl.DisplayNames | null = null;

/**
 * A language tag people can mean: well-formed (language, optional script and region) and a
 * language Intl knows by name ("xx", "qaa" and "français" are not). Returns the canonical form
 * ("ES-mx" -> "es-MX"), or null.
 */
export function knownLanguage(tag: string): string | null {
  if (!BCP47.test(tag)) return null;
  try {
    const canonical = Intl.getCanonicalLocales(tag)[0];
    if (!canonical) return null;
    displayNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    const primary = canonical.split('-')[0]!;
    return displayNames.of(primary) === undefined || primary === 'und' ? null : canonical;
  } catch {
    return null;
  }
}

/** C0 controls and DEL: no name needs them, and a line break would split a CSV cell's list. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const name = z
  .string()
  .max(VOCABULARY_LIMITS.nameChars)
  .refine((s) => s.isWellFormed() && !hasControlCharacter(s), 'control');

export const conceptSchema = z.strictObject({
  id: z.string().regex(CONCEPT_ID),
  prefLabel: z.record(z.string().max(35), name),
  altLabel: z
    .record(z.string().max(35), z.array(name).max(VOCABULARY_LIMITS.altLabelsPerLanguage))
    .optional(),
  scopeNote: z
    .record(
      z.string().max(35),
      z
        .string()
        .max(VOCABULARY_LIMITS.scopeNoteChars)
        .refine((s) => s.isWellFormed(), 'control'),
    )
    .optional(),
});

export type VocabularyProblem =
  | 'format'
  | 'tooMany'
  | 'badId'
  | 'duplicateId'
  | 'unknownLanguage'
  | 'emptyName'
  | 'noName'
  | 'duplicateName';

/** Where in a list a problem is: the concept's position (1-based) and the language, never names. */
function problem(reason: VocabularyProblem, at?: number, lang?: string): VocabularyInvalidError {
  return new VocabularyInvalidError(reason, {
    ...(at !== undefined ? { concept: at } : {}),
    // A language key as written in a file is echoed only when it looks like a tag.
    ...(lang !== undefined && /^[A-Za-z0-9-]{1,35}$/.test(lang) ? { lang } : {}),
  });
}

/**
 * Checks and tidies a whole vocabulary: ids unique and well-formed, languages known (and
 * canonical), names trimmed and not empty, at least one preferred name per concept, no two
 * concepts with the same preferred name in the same language (folded as tags are: a filter by
 * either would be ambiguous). Throws VOCABULARY.INVALID naming the first problem; returns the
 * tidied concepts otherwise, in the order given.
 */
export function validateVocabulary(input: unknown): Concept[] {
  if (!Array.isArray(input)) throw problem('format');
  if (input.length > VOCABULARY_LIMITS.concepts) throw problem('tooMany');
  const ids = new Set<string>();
  const prefNames = new Map<string, number>();
  return input.map((raw, index) => {
    const at = index + 1;
    const parsed = conceptSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      if (issue.path[0] === 'id') throw problem('badId', at);
      if (issue.code === 'too_big' && issue.path.length >= 3) throw problem('format', at);
      throw problem('format', at);
    }
    const concept = parsed.data;
    if (ids.has(concept.id.toLowerCase())) throw problem('duplicateId', at);
    ids.add(concept.id.toLowerCase());
    const tidy: Concept = { id: concept.id, prefLabel: {} };
    const langOf = (tag: string): string => {
      const lang = knownLanguage(tag);
      if (!lang) throw problem('unknownLanguage', at, tag);
      return lang;
    };
    const languages = new Set([
      ...Object.keys(concept.prefLabel),
      ...Object.keys(concept.altLabel ?? {}),
      ...Object.keys(concept.scopeNote ?? {}),
    ]);
    if (languages.size > VOCABULARY_LIMITS.languagesPerConcept) throw problem('tooMany', at);
    for (const [tag, value] of Object.entries(concept.prefLabel)) {
      const lang = langOf(tag);
      const text = value.trim();
      if (!text || !normaliseTag(text)) throw problem('emptyName', at, lang);
      if (tidy.prefLabel[lang] !== undefined) throw problem('format', at, lang);
      const key = `${lang}\u0000${normaliseTag(text)}`;
      if (prefNames.has(key)) throw problem('duplicateName', at, lang);
      prefNames.set(key, at);
      tidy.prefLabel[lang] = text;
    }
    if (Object.keys(tidy.prefLabel).length === 0) throw problem('noName', at);
    for (const [tag, values] of Object.entries(concept.altLabel ?? {})) {
      const lang = langOf(tag);
      const names: string[] = [];
      for (const value of values) {
        const text = value.trim();
        if (!text || !normaliseTag(text)) throw problem('emptyName', at, lang);
        if (!names.includes(text)) names.push(text);
      }
      if (names.length > 0) (tidy.altLabel ??= {})[lang] = names;
    }
    for (const [tag, value] of Object.entries(concept.scopeNote ?? {})) {
      const lang = langOf(tag);
      if (value.trim()) (tidy.scopeNote ??= {})[lang] = value.trim();
    }
    return tidy;
  });
}

/**
 * The concepts of `incoming` replace those with the same id, the others are added after the
 * existing ones; the result is validated as a whole (nothing is applied in part).
 */
export function mergeVocabulary(
  existing: readonly Concept[],
  incoming: readonly Concept[],
): { concepts: Concept[]; added: number; replaced: number } {
  const byId = new Map(incoming.map((c) => [c.id.toLowerCase(), c]));
  let replaced = 0;
  const kept = existing.map((c) => {
    const next = byId.get(c.id.toLowerCase());
    if (!next) return c;
    byId.delete(c.id.toLowerCase());
    replaced++;
    return next;
  });
  const added = [...byId.values()];
  return {
    concepts: validateVocabulary([...kept, ...added]),
    added: added.length,
    replaced,
  };
}
