import type { TestimonyRecord } from '../../shared/records/types';
import { redactionMarkers } from '../../shared/redaction/markers';
import { nameKey, nameParts } from '../../shared/redaction/name-parts';
import { type MissedForm, PassageMatcher } from '../../shared/redaction/passages';

/**
 * Redaction of exported copies (the vault's own records are never touched):
 *
 * - the narrator field becomes a pseudonym, "Narrator 1", "Narrator 2"… numbered in the order
 *   narrators first appear in this bundle, so the partner can tell that two testimonies come
 *   from the same person without learning who; an empty narrator stays empty;
 * - wherever a narrator's name, or any part of it ("ليلى" of "ليلى حسن"), appears in the text,
 *   it is replaced by the same pseudonym;
 * - every passage the user marked as identifying, in any revision of the record, is replaced by
 *   "[redacted]" in the title, body, notes, place, content warning, consent note, tags, and in
 *   the names and descriptions of the record's attachments;
 * - the list of identifying passages itself is emptied (it is identifying by definition).
 *
 * The markers are written in the testimony's language (src/shared/redaction/markers.ts).
 * Matching is search's, word by word with its normalisation (src/shared/redaction/passages.ts);
 * a word that only contains a name part or a passage is not replaced, and `audit` reports it so
 * the export review can warn. Content warnings travel, redacted like any other text.
 */

/** One replacement made in a text: the words as written, and what the partner reads instead. */
export interface Replacement {
  from: string;
  to: string;
}

/** What redacting a text changes, and the forms it leaves that contain a redacted passage. */
export interface TextAudit {
  replaced: Replacement[];
  missed: { passage: string; form: string }[];
}

/** The rules for one record: which passages become what. */
export interface RecordRedaction {
  apply(text: string): string;
  narrator(name: string): string;
  audit(text: string): TextAudit;
}

export class Redactor {
  readonly #numbers = new Map<string, number>();

  #number(name: string): number {
    const key = nameKey(name) || name.trim();
    let n = this.#numbers.get(key);
    if (n === undefined) {
      n = this.#numbers.size + 1;
      this.#numbers.set(key, n);
    }
    return n;
  }

  /**
   * The redaction of a record, from all its revisions (a passage marked identifying in any
   * revision is redacted in all of them; a narrator named in any revision is replaced).
   */
  forRecord(revisions: readonly TestimonyRecord[]): RecordRedaction {
    const markers = redactionMarkers(revisions[revisions.length - 1]?.lang ?? '');
    const passages: string[] = [];
    const replacements: string[] = [];
    const add = (passage: string, replacement: string) => {
      passages.push(passage);
      replacements.push(replacement);
    };
    const narrators = revisions.map((r) => r.narrator.trim()).filter(Boolean);
    // Whole names first, so that where a whole name and a part both match, the name's pseudonym
    // is used (the matcher prefers the longest match anyway).
    for (const name of narrators) add(name, markers.narrator(this.#number(name)));
    for (const name of narrators) {
      for (const part of nameParts(name)) add(part, markers.narrator(this.#number(name)));
    }
    for (const revision of revisions) {
      for (const passage of revision.identifying) add(passage, markers.redacted);
    }
    const matcher = new PassageMatcher(passages);

    const apply = (text: string): string => {
      const matches = matcher.find(text);
      if (matches.length === 0) return text;
      let out = '';
      let at = 0;
      for (const m of matches) {
        out += text.slice(at, m.start) + replacements[m.passage]!;
        at = m.end;
      }
      return out + text.slice(at);
    };
    const audit = (text: string): TextAudit => ({
      replaced: matcher.find(text).map((m) => ({
        from: text.slice(m.start, m.end),
        to: replacements[m.passage]!,
      })),
      missed: matcher
        .missed(text)
        .map(({ passage, form }: MissedForm) => ({ passage: passages[passage]!, form })),
    });
    return {
      apply,
      audit,
      narrator: (name) => (name.trim() ? markers.narrator(this.#number(name)) : ''),
    };
  }
}

/** The texts of a revision that redaction rewrites (the narrator field aside). */
export function redactedTexts(record: TestimonyRecord): string[] {
  return [
    record.title,
    record.body,
    record.place,
    ...record.tags,
    record.consent.note,
    record.warning,
    record.notes,
  ];
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
