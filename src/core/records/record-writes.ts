import { InvalidInputError } from '../../shared/errors';
import type { Provenance, TestimonyFields, TestimonyRecord } from '../../shared/records/types';
import { type FieldsPatch, applyPatch, validateFields } from '../../shared/records/validate';
import { KEY_BYTES, seal } from '../crypto/aead';
import { type RecordDataKey, asKey } from '../crypto/keys';
import { randomBytes, wipe } from '../crypto/sodium';
import { assertId, newId } from '../ids';
import {
  type RecordRow,
  deleteRecord,
  insertRecord,
  insertRevision,
  recordExists,
  updateRecordHead,
} from '../storage/tables/records';
import { RECORD_KIND_TESTIMONY, type RevisionPayload, adFor, sealJson, summaryOf } from './codec';
import type { ImportTarget } from './import-transaction';
import type { RecordReads } from './record-reads';
import { type SealedRecords, toRecord } from './sealed-records';

export interface AddOptions {
  /** Keep a given id (records received from a partner keep theirs). */
  id?: string;
  createdAt?: string;
  updatedAt?: string;
  provenance?: Provenance | null;
}

/** Called inside the write transaction after a record changed (or was deleted: record null). */
export type RecordChangeListener = (id: string, record: TestimonyRecord | null) => void;

/**
 * Writing records: a new record (its own random data key, wrapped under the records key), a new
 * revision (an edit, a restored or a received one), a deletion. Each write seals the revision
 * whole and a new summary of the head, in one transaction, and tells the listener.
 */
export class RecordWrites {
  readonly #sealed: SealedRecords;
  readonly #reads: RecordReads;
  readonly #now: () => Date;
  readonly #changed: RecordChangeListener;

  constructor(deps: {
    sealed: SealedRecords;
    reads: RecordReads;
    now: () => Date;
    changed: RecordChangeListener;
  }) {
    this.#sealed = deps.sealed;
    this.#reads = deps.reads;
    this.#now = deps.now;
    this.#changed = deps.changed;
  }

  add(input: unknown, options: AddOptions = {}): TestimonyRecord {
    return this.#sealed.db.transaction(() => this.#insert(validateFields(input), options))();
  }

  /**
   * Adds many records in one transaction (bulk import). Inputs must already be validated; a
   * failure rolls the whole batch back.
   */
  addMany(
    fieldsList: TestimonyFields[],
    options: AddOptions = {},
    inTransaction?: (ids: string[]) => void,
  ): string[] {
    return this.#sealed.db.transaction(() => {
      const ids = fieldsList.map((fields) => this.#insert(fields, options).id);
      // The caller's own bookkeeping (the custody log) commits or rolls back with the batch.
      inTransaction?.(ids);
      return ids;
    })();
  }

  /**
   * Where a bulk import writes (import-transaction.ts): this store's connection, and batches
   * of new records, `inTransaction` called with each batch's ids.
   */
  importTarget(inTransaction?: (ids: string[]) => void): ImportTarget {
    return {
      db: this.#sealed.db,
      writeBatch: (batch) => this.addMany(batch, {}, inTransaction),
    };
  }

  #insert(fields: TestimonyFields, options: AddOptions): TestimonyRecord {
    const { db, vaultId } = this.#sealed;
    const id = options.id !== undefined ? assertId(options.id, 'record id') : newId();
    if (recordExists(db, id)) throw new InvalidInputError(`A record with id ${id} already exists.`);
    const now = this.#now().toISOString();
    const payload: RevisionPayload = {
      v: 1,
      fields,
      createdAt: options.createdAt ?? now,
      updatedAt: options.updatedAt ?? options.createdAt ?? now,
      provenance: options.provenance ?? null,
    };
    const kind = RECORD_KIND_TESTIMONY;
    const dataKey = asKey(randomBytes(KEY_BYTES), 'record-data');
    try {
      const wrapped = seal({
        key: this.#sealed.recordsKey(),
        plain: dataKey,
        ad: adFor.recordKey(vaultId, id, kind),
      });
      insertRecord(db, {
        id,
        kind,
        head: 1,
        wrapped_key: wrapped,
        summary: sealJson(dataKey, summaryOf(payload), adFor.summary(vaultId, id, kind, 1)),
      });
      insertRevision(db, id, 1, sealJson(dataKey, payload, adFor.revision(vaultId, id, kind, 1)));
    } finally {
      wipe(dataKey);
    }
    const record = toRecord(id, 1, payload);
    this.#changed(id, record);
    return record;
  }

  /** Applies a patch as a new revision; the previous revisions stay in the history. */
  update(
    id: string,
    patch: FieldsPatch,
    options: { provenance?: Provenance | null; updatedAt?: string } = {},
  ): TestimonyRecord {
    return this.#onHead(id, (row, dataKey) => {
      const current = this.#sealed.openRevision(row, dataKey, row.head);
      const fields = applyPatch(current.fields, patch);
      return this.#append(row, dataKey, {
        v: 1,
        fields,
        createdAt: current.createdAt,
        updatedAt: options.updatedAt ?? this.#editTime(current.updatedAt),
        provenance: options.provenance === undefined ? current.provenance : options.provenance,
      });
    });
  }

  /**
   * Makes an old revision current again: a new revision whose fields equal revision
   * `revision`'s (the history is kept whole; nothing is rewritten). Where the record came from
   * (provenance) stays as it is now: restoring is a local edit. Refuses the current revision
   * and revisions that do not exist, changing nothing.
   */
  restore(id: string, revision: number): TestimonyRecord {
    return this.#onHead(
      id,
      (row, dataKey) => {
        const current = this.#sealed.openRevision(row, dataKey, row.head);
        const old = this.#sealed.openRevision(row, dataKey, revision);
        return this.#append(row, dataKey, {
          v: 1,
          fields: validateFields(old.fields),
          createdAt: current.createdAt,
          updatedAt: this.#editTime(current.updatedAt),
          provenance: current.provenance,
        });
      },
      (row) => {
        if (!Number.isInteger(revision) || revision < 1 || revision > row.head) {
          throw new InvalidInputError(`Record ${id} has no revision ${revision}.`, {
            id,
            revision,
          });
        }
        if (revision === row.head) {
          throw new InvalidInputError(`Revision ${revision} of record ${id} is already current.`, {
            id,
            revision,
          });
        }
      },
    );
  }

  /**
   * The time of a local edit: now, or one millisecond after the revision it follows when the
   * clock has not moved past it (two edits in one millisecond, a clock set back). A partner
   * keeps a received revision only when it is later than the one it holds, so equal times
   * would drop an edit from a bundle sent with history.
   */
  #editTime(previous: string): string {
    const now = this.#now().getTime();
    const after = Date.parse(previous) + 1;
    return new Date(Number.isNaN(after) || now >= after ? now : after).toISOString();
  }

  /** Appends a complete revision (used by bundle import for a partner's newer revision). */
  appendRevision(id: string, payload: Omit<RevisionPayload, 'v'>): TestimonyRecord {
    return this.#onHead(id, (row, dataKey) =>
      this.#append(row, dataKey, { v: 1, ...payload, fields: validateFields(payload.fields) }),
    );
  }

  /**
   * Applies a revision received from a partner: a new record keeps its id and times, a newer
   * revision of a record held here is appended, anything else is a duplicate (false).
   */
  receive(
    revision: { id: string; fields: TestimonyFields; createdAt: string; updatedAt: string },
    provenance: Provenance,
  ): boolean {
    if (!this.#reads.exists(revision.id)) {
      this.add(revision.fields, {
        id: revision.id,
        createdAt: revision.createdAt,
        updatedAt: revision.updatedAt,
        provenance,
      });
      return true;
    }
    const local = this.#reads.get(revision.id);
    if (Date.parse(revision.updatedAt) <= Date.parse(local.updatedAt)) return false;
    this.appendRevision(revision.id, {
      fields: revision.fields,
      createdAt: local.createdAt,
      updatedAt: revision.updatedAt,
      provenance,
    });
    return true;
  }

  /**
   * Deletes the record's rows and its wrapped key inside the caller's transaction. The caller
   * (Vault.deleteRecord) checkpoints the WAL afterwards so no old page survives.
   */
  deleteRows(id: string): void {
    this.#sealed.row(id);
    deleteRecord(this.#sealed.db, id);
    this.#changed(id, null);
  }

  /**
   * In one transaction: the record's row, `check` on it (before any key is opened), then fn
   * with its verified data key (wiped afterwards).
   */
  #onHead<T>(
    id: string,
    fn: (row: RecordRow, dataKey: RecordDataKey) => T,
    check?: (row: RecordRow) => void,
  ): T {
    return this.#sealed.db.transaction(() => {
      const row = this.#sealed.row(id);
      check?.(row);
      return this.#sealed.withVerifiedKey(row, (dataKey) => fn(row, dataKey));
    })();
  }

  #append(row: RecordRow, dataKey: RecordDataKey, payload: RevisionPayload): TestimonyRecord {
    const { db, vaultId } = this.#sealed;
    const revision = row.head + 1;
    insertRevision(
      db,
      row.id,
      revision,
      sealJson(dataKey, payload, adFor.revision(vaultId, row.id, row.kind, revision)),
    );
    updateRecordHead(
      db,
      row.id,
      revision,
      sealJson(dataKey, summaryOf(payload), adFor.summary(vaultId, row.id, row.kind, revision)),
    );
    const record = toRecord(row.id, revision, payload);
    this.#changed(row.id, record);
    return record;
  }
}
