import type { TestimonyRecord } from '../../shared/records/types';
import type { Vault } from '../vault/vault';
import { mustRedact } from './consent';
import { type RecordRedaction, Redactor, redactRevision, redactedTexts } from './redact';

/**
 * The export review (nothing is written): each record's head revision as the partner will read
 * it, redacted by the same rules and the same pseudonyms as the export, with exactly what the
 * redaction replaces and the forms it leaves (a word that only contains a name part or a marked
 * passage: "Anabel" for "Ana"), so the sender can mark them too before sending.
 */
export interface RecordReview {
  record: TestimonyRecord;
  redacted: boolean;
  /** Each distinct text replaced, what replaces it, and how many times (head revision). */
  replaced: { from: string; to: string; count: number }[];
  /** Passages (or name parts) that also appear inside other words, which stay as written. */
  missed: { passage: string; forms: string[] }[];
}

function auditRecord(
  head: TestimonyRecord,
  redaction: RecordRedaction,
  fileTexts: string[],
): Pick<RecordReview, 'replaced' | 'missed'> {
  const replaced = new Map<string, { from: string; to: string; count: number }>();
  const missed = new Map<string, Set<string>>();
  const narrator = head.narrator.trim();
  const found = narrator ? [{ from: narrator, to: redaction.narrator(narrator) }] : [];
  for (const text of [...redactedTexts(head), ...fileTexts]) {
    if (!text) continue;
    const audit = redaction.audit(text);
    found.push(...audit.replaced);
    for (const { passage, form } of audit.missed) {
      missed.set(passage, (missed.get(passage) ?? new Set()).add(form));
    }
  }
  for (const { from, to } of found) {
    const key = `${from}\u0000${to}`;
    const seen = replaced.get(key);
    if (seen) seen.count += 1;
    else replaced.set(key, { from, to, count: 1 });
  }
  return {
    replaced: [...replaced.values()],
    missed: [...missed].map(([passage, forms]) => ({ passage, forms: [...forms] })),
  };
}

/** The review of each record, in the order given (the order the export numbers narrators). */
export function reviewRecords(
  vault: Vault,
  ids: string[],
  includeIdentities: boolean,
): RecordReview[] {
  const redactor = new Redactor();
  return ids.map((id) => {
    const all = vault.records.revisions(id);
    const head = all[all.length - 1]!;
    if (!mustRedact(head.consent, includeIdentities)) {
      return { record: head, redacted: false, replaced: [], missed: [] };
    }
    const redaction = redactor.forRecord(all);
    const files = vault.attachments.list(id).flatMap((f) => [f.name, f.description]);
    return {
      record: redactRevision(head, redaction),
      redacted: true,
      ...auditRecord(head, redaction, files),
    };
  });
}
