import type { TestimonyRecord } from '../../shared/records/types';

/**
 * Redaction of exported copies (the vault's own records are never touched):
 *
 * - the narrator field becomes a pseudonym, "Narrator 1", "Narrator 2"… numbered in the order
 *   narrators first appear in this bundle, so the partner can tell that two testimonies come
 *   from the same person without learning who; an empty narrator stays empty;
 * - wherever a narrator's name appears in the text, it is replaced by the same pseudonym;
 * - every passage the user marked as identifying, in any revision of the record, is replaced by
 *   "[redacted]" in the title, body, notes, place, content warning, consent note, tags, and in
 *   the names and descriptions of the record's attachments;
 * - the list of identifying passages itself is emptied (it is identifying by definition).
 *
 * Matching ignores case (Unicode simple case folding) and longer passages win over shorter ones
 * they contain. Content warnings travel, redacted like any other text.
 */
export const REDACTED = '[redacted]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function key(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('und');
}

/** The rules for one record: which passages become what. */
export interface RecordRedaction {
  apply(text: string): string;
  narrator(name: string): string;
}

export class Redactor {
  readonly #pseudonyms = new Map<string, string>();

  #pseudonym(name: string): string {
    const k = key(name.trim());
    let pseudonym = this.#pseudonyms.get(k);
    if (!pseudonym) {
      pseudonym = `Narrator ${this.#pseudonyms.size + 1}`;
      this.#pseudonyms.set(k, pseudonym);
    }
    return pseudonym;
  }

  /**
   * The redaction of a record, from all its revisions (a passage marked identifying in any
   * revision is redacted in all of them; a narrator named in any revision is replaced).
   */
  forRecord(revisions: readonly TestimonyRecord[]): RecordRedaction {
    const replacements = new Map<string, string>();
    for (const revision of revisions) {
      const narrator = revision.narrator.trim();
      if (narrator) replacements.set(key(narrator), this.#pseudonym(narrator));
    }
    for (const revision of revisions) {
      for (const passage of revision.identifying) {
        if (passage.trim()) replacements.set(key(passage), REDACTED);
      }
    }
    const passages = [...replacements.keys()].sort((a, b) => b.length - a.length);
    const pattern =
      passages.length > 0 ? new RegExp(passages.map(escapeRegExp).join('|'), 'giu') : null;
    const apply = (text: string): string => {
      if (!pattern || !text) return text;
      return text
        .normalize('NFC')
        .replace(pattern, (match) => replacements.get(key(match)) ?? REDACTED);
    };
    return {
      apply,
      narrator: (name) => (name.trim() ? this.#pseudonym(name) : ''),
    };
  }
}

/** The redacted copy of one revision. */
export function redactRevision(
  record: TestimonyRecord,
  redaction: RecordRedaction,
): TestimonyRecord {
  const r = redaction.apply;
  return {
    ...record,
    title: r(record.title),
    body: r(record.body),
    narrator: redaction.narrator(record.narrator),
    place: r(record.place),
    tags: [...new Set(record.tags.map(r))],
    consent: { ...record.consent, note: r(record.consent.note) },
    warning: r(record.warning),
    notes: r(record.notes),
    identifying: [],
    provenance: null,
  };
}
