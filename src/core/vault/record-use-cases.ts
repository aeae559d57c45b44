import type { Provenance, TestimonyFields, TestimonyRecord } from '../../shared/records/types';
import type { FieldsPatch } from '../../shared/records/validate';
import type { AttachmentStore } from '../attachments/attachment-store';
import { withDefaults } from '../records/record-input';
import type { RecordStore } from '../records/record-store';
import type { SearchService } from '../search/search-service';

/** What the record use cases need of the open vault. */
export interface RecordUseCaseDeps {
  records: RecordStore;
  attachments: AttachmentStore;
  search: SearchService;
  /** Runs fn in one write transaction. */
  transaction: <T>(fn: () => T) => T;
  /** Moves the WAL into the database and truncates it (after deletions). */
  checkpoint: () => void;
}

/**
 * Changes to records that span areas: the record, its evidence files, the search index (the
 * custody log follows through the store's change listener, custody-wiring.ts). `Vault`'s
 * addRecord, updateRecord, deleteRecord… are these.
 */
export class RecordUseCases {
  readonly #deps: RecordUseCaseDeps;
  /** The revision being restored (restore), named in the custody entry of the edit. */
  #restoringFrom: number | null = null;

  constructor(deps: RecordUseCaseDeps) {
    this.#deps = deps;
  }

  get restoringFrom(): number | null {
    return this.#restoringFrom;
  }

  /** Adds a testimony (validated) and returns it. */
  add(input: FieldsPatch): TestimonyRecord {
    const record = this.#deps.records.add(withDefaults(input));
    this.#deps.search.refreshIfLoaded();
    return record;
  }

  /**
   * Adds already validated testimonies in one transaction (seeding at scale); returns the ids.
   * They are indexed at the search index's next use, in one pass rather than one per batch.
   */
  addMany(fieldsList: TestimonyFields[]): string[] {
    return this.#deps.records.addMany(fieldsList);
  }

  /** Edits a testimony: a new revision with the patch applied. */
  update(id: string, patch: FieldsPatch): TestimonyRecord {
    const record = this.#deps.records.update(id, patch);
    this.#deps.search.refreshIfLoaded();
    return record;
  }

  /**
   * Restores an old revision: a new revision equal to it. The custody log records it as an
   * edit (its digest is the restored content's) naming the revision it came from.
   */
  restore(id: string, revision: number): TestimonyRecord {
    this.#restoringFrom = revision;
    try {
      const record = this.#deps.records.restore(id, revision);
      this.#deps.search.refreshIfLoaded();
      return record;
    } finally {
      this.#restoringFrom = null;
    }
  }

  /**
   * A revision received from a partner, with this vault's provenance: a new record, a newer
   * revision, or nothing (a duplicate: false). Runs inside the caller's import transaction.
   */
  receive(
    revision: { id: string; fields: TestimonyFields; createdAt: string; updatedAt: string },
    provenance: Provenance,
  ): boolean {
    return this.#deps.records.receive(revision, provenance);
  }

  /**
   * Team sync (core/team/apply.ts): makes the local record show a team head, inside the
   * caller's transaction: a new record keeping the team's id and times, a new revision, or (head
   * null) the record deleted for good. Returns the record's local head afterwards (null when
   * deleted) and what to run once the transaction has committed (blob removal, the search
   * index, the WAL checkpoint after a deletion).
   */
  writeTeamHead(
    id: string,
    head: { fields: TestimonyFields; createdAt: string; updatedAt: string } | null,
    provenance: Provenance | null,
  ): { localHead: number | null; afterCommit: () => void } {
    const { records, attachments, search } = this.#deps;
    const exists = records.exists(id);
    if (!head) {
      if (!exists) return { localHead: null, afterCommit: () => undefined };
      const removeBlobs = attachments.deleteOfRecord(id);
      records.deleteRows(id);
      return {
        localHead: null,
        afterCommit: () => {
          removeBlobs();
          search.purgeDeleted();
          this.#deps.checkpoint();
        },
      };
    }
    const record = exists
      ? records.appendRevision(id, { ...head, provenance })
      : records.add(head.fields, { id, ...head, provenance });
    return { localHead: record.revision, afterCommit: () => search.refreshIfLoaded() };
  }

  /**
   * Deletes a record for good: its key, revisions, attachments and their blobs. With
   * secure_delete on and the WAL checkpointed and truncated, nothing of it stays in the folder.
   */
  delete(id: string): void {
    const { records, attachments, search } = this.#deps;
    // The blobs are unlinked only after the commit, once the rows (the only copies of their
    // keys) are gone for good.
    const removeBlobs = this.#deps.transaction(() => {
      const then = attachments.deleteOfRecord(id);
      records.deleteRows(id);
      return then;
    });
    // The WAL is truncated in any case; a blob that could not be removed is then reported.
    let failure: unknown = null;
    try {
      removeBlobs();
    } catch (error) {
      failure = error;
    }
    search.purgeDeleted();
    this.#deps.checkpoint();
    if (failure) throw failure;
  }
}
