import type { TestimonyRecord } from '../../shared/records/types';
import { sha256Hex } from './entry-codec';

/**
 * The SHA-256 of one revision as `tvault show --json --revision N` prints it, in canonical JSON:
 * keys sorted at every level, no spaces (docs/custody.md). The log and the custody report name a
 * revision's content by it, so a printed or exported copy can be matched against the log
 * without the log holding the text. The object is built in sorted order by hand: this runs for
 * every imported record, and a generic sorting serialiser cost a third of the log's time.
 */
export function revisionDigest(record: TestimonyRecord): string {
  const { consent, provenance: p } = record;
  const canonical = {
    body: record.body,
    consent: {
      date: consent.date,
      note: consent.note,
      scope: consent.scope,
      status: consent.status,
    },
    createdAt: record.createdAt,
    date: record.date,
    id: record.id,
    identifying: record.identifying,
    lang: record.lang,
    narrator: record.narrator,
    notes: record.notes,
    place: record.place,
    provenance: p
      ? {
          bundleId: p.bundleId,
          partner: p.partner,
          receivedAt: p.receivedAt,
          senderFingerprint: p.senderFingerprint,
        }
      : null,
    revision: record.revision,
    tags: record.tags,
    title: record.title,
    updatedAt: record.updatedAt,
    warning: record.warning,
  };
  return sha256Hex(Buffer.from(JSON.stringify(canonical), 'utf8'));
}
