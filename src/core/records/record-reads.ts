import { InvalidInputError, RecordNotFoundError } from '../../shared/errors';
import type { RecordSummary, RevisionInfo, TestimonyRecord } from '../../shared/records/types';
import { wipe } from '../crypto/sodium';
import { attachmentCountsByRecord } from '../storage/tables/attachments';
import { pagedIds } from '../storage/tables/paging';
import {
  recordCount,
  recordExists,
  recordIds,
  recordIdsAfter,
  recordIdsWithPrefix,
  recordRows,
} from '../storage/tables/records';
import { type SealedRecords, toRecord } from './sealed-records';

/**
 * Reading records: one revision, the archive list from the small sealed summaries, a record's
 * history, its ids. Never writes.
 */
export class RecordReads {
  readonly #sealed: SealedRecords;

  constructor(sealed: SealedRecords) {
    this.#sealed = sealed;
  }

  /** Resolves a full id or a unique prefix of at least 6 characters. */
  resolveId(idOrPrefix: string): string {
    const text = idOrPrefix.trim().toLowerCase();
    if (!/^[0-9a-f]{6,32}$/.test(text)) throw new RecordNotFoundError(idOrPrefix.slice(0, 64));
    if (text.length === 32) return text;
    const ids = recordIdsWithPrefix(this.#sealed.db, text, 2);
    if (ids.length === 0) throw new RecordNotFoundError(text);
    if (ids.length > 1)
      throw new InvalidInputError(
        `The id prefix ${text} matches several records; type more of it.`,
      );
    return ids[0]!;
  }

  exists(id: string): boolean {
    return recordExists(this.#sealed.db, id);
  }

  count(): number {
    return recordCount(this.#sealed.db);
  }

  get(id: string, revision?: number): TestimonyRecord {
    const row = this.#sealed.row(id);
    const wanted = revision ?? row.head;
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > row.head) {
      throw new InvalidInputError(`Record ${id} has no revision ${revision}.`);
    }
    return this.#sealed.withVerifiedKey(row, (dataKey) =>
      toRecord(id, wanted, this.#sealed.openRevision(row, dataKey, wanted)),
    );
  }

  /** Every record's summary, newest change first. Decrypts only the small summaries. */
  list(): RecordSummary[] {
    const db = this.#sealed.db;
    const counts = attachmentCountsByRecord(db);
    const summaries: RecordSummary[] = [];
    for (const row of recordRows(db)) {
      const dataKey = this.#sealed.dataKey(row);
      try {
        const summary = this.#sealed.openSummary(row, dataKey);
        summaries.push({
          id: row.id,
          title: summary.title,
          date: summary.date,
          lang: summary.lang,
          tags: summary.tags,
          createdAt: summary.createdAt,
          updatedAt: summary.updatedAt,
          revision: row.head,
          consent: summary.consent,
          hasWarning: summary.hasWarning,
          attachmentCount: counts.get(row.id) ?? 0,
        });
      } finally {
        wipe(dataKey);
      }
    }
    return summaries.sort(
      (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id),
    );
  }

  history(id: string): RevisionInfo[] {
    const row = this.#sealed.row(id);
    return this.#sealed.withVerifiedKey(row, (dataKey) => {
      const revisions: RevisionInfo[] = [];
      for (let revision = 1; revision <= row.head; revision++) {
        const payload = this.#sealed.openRevision(row, dataKey, revision);
        revisions.push({ revision, updatedAt: payload.updatedAt, title: payload.fields.title });
      }
      return revisions;
    });
  }

  /** Every revision in full, oldest first (export with history, revision diffs in the UI). */
  revisions(id: string): TestimonyRecord[] {
    const row = this.#sealed.row(id);
    return this.#sealed.withVerifiedKey(row, (dataKey) => {
      const out: TestimonyRecord[] = [];
      for (let revision = 1; revision <= row.head; revision++) {
        out.push(toRecord(id, revision, this.#sealed.openRevision(row, dataKey, revision)));
      }
      return out;
    });
  }

  /** Every record id in order, read a page at a time (verify: flat memory on any vault). */
  pagedIds(): Generator<string> {
    return pagedIds((after, limit) => recordIdsAfter(this.#sealed.db, after, limit));
  }

  /** All record ids (for reindexing and export of everything). */
  ids(): string[] {
    return recordIds(this.#sealed.db);
  }
}
