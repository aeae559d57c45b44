import {
  IntegrityError,
  InvalidInputError,
  RecordNotFoundError,
  VaultLockedError,
} from '../../shared/errors';
import type {
  Provenance,
  RecordSummary,
  RevisionInfo,
  TestimonyFields,
  TestimonyRecord,
} from '../../shared/records/types';
import { type FieldsPatch, applyPatch, validateFields } from '../../shared/records/validate';
import { KEY_BYTES, open, seal } from '../crypto/aead';
import { type RecordDataKey, asKey } from '../crypto/keys';
import type { KeyRing } from '../crypto/keyring';
import { randomBytes, wipe } from '../crypto/sodium';
import { assertId, newId } from '../ids';
import type { Db } from '../storage/db';
import { attachmentCountsByRecord } from '../storage/tables/attachments';
import {
  type RecordRow,
  deleteRecord,
  insertRecord,
  insertRevision,
  recordCount,
  recordExists,
  recordIds,
  recordIdsAfter,
  recordIdsWithPrefix,
  recordRow,
  recordRows,
  revisionSealed,
  revisionSpan,
  updateRecordHead,
} from '../storage/tables/records';
import type { ImportTarget } from './import-transaction';
import {
  RECORD_KIND_TESTIMONY,
  type RevisionPayload,
  type SummaryPayload,
  adFor,
  openJson,
  sealJson,
  summaryOf,
} from './codec';
import { pagedIds } from '../storage/tables/paging';

export interface AddOptions {
  /** Keep a given id (records received from a partner keep theirs). */
  id?: string;
  createdAt?: string;
  updatedAt?: string;
  provenance?: Provenance | null;
}

/**
 * The records as use cases see them through `vault.records`: reading only. Every change goes
 * through a `Vault` method (addRecord, updateRecord, deleteRecord, importFile, receiveRevision),
 * which also validates, keeps the search index and the custody log in step.
 */
export type RecordReader = Pick<
  RecordStore,
  'get' | 'list' | 'history' | 'revisions' | 'count' | 'exists' | 'resolveId' | 'ids' | 'pagedIds'
>;

/** Called inside the write transaction after a record changed (or was deleted: record null). */
export type RecordChangeListener = (id: string, record: TestimonyRecord | null) => void;

/**
 * Testimony records: each has its own random data key (wrapped under the records key), so that
 * deleting the key and rows destroys it for good. Every revision is sealed whole; a separate
 * sealed summary of the head revision serves the archive list without decrypting bodies.
 */
export class RecordStore {
  readonly #listeners: RecordChangeListener[] = [];

  constructor(
    private readonly dbHandle: Db,
    private readonly keys: KeyRing,
    private readonly vaultId: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The database while the vault is unlocked; VAULT.LOCKED after lock (not a SQLite error). */
  private get db(): Db {
    if (!this.keys.isOpen) throw new VaultLockedError();
    return this.dbHandle;
  }

  onChange(listener: RecordChangeListener): void {
    this.#listeners.push(listener);
  }

  #emit(id: string, record: TestimonyRecord | null): void {
    for (const listener of this.#listeners) listener(id, record);
  }

  #row(id: string): RecordRow {
    const row = recordRow(this.db, id);
    if (!row) throw new RecordNotFoundError(id);
    return row;
  }

  #dataKey(row: Pick<RecordRow, 'id' | 'kind' | 'wrapped_key'>): RecordDataKey {
    const key = open({
      key: this.keys.key('records'),
      sealed: row.wrapped_key,
      ad: adFor.recordKey(this.vaultId, row.id, row.kind),
      subject: `the key of record ${row.id}`,
      details: { recordId: row.id },
    });
    return asKey(key, 'record-data');
  }

  /**
   * Checks that the stored head is the one the record's sealed summary was written for, and
   * that exactly revisions 1..head exist: the head column is plaintext, so without this an
   * edit of it would silently show an older revision (or hide the newest from the history).
   */
  #verifyHead(row: RecordRow, dataKey: RecordDataKey): void {
    this.#openSummary(row, dataKey);
    const stored = revisionSpan(this.db, row.id);
    if (stored.count !== row.head || stored.last !== row.head) {
      throw new IntegrityError(`record ${row.id} (revision list)`, {
        recordId: row.id,
        reason: 'revisions',
      });
    }
  }

  #openSummary(row: RecordRow, dataKey: RecordDataKey): SummaryPayload {
    return openJson<SummaryPayload>(
      dataKey,
      row.summary,
      adFor.summary(this.vaultId, row.id, row.kind, row.head),
      `record ${row.id} (summary)`,
      { recordId: row.id },
    );
  }

  /** Resolves a full id or a unique prefix of at least 6 characters. */
  resolveId(idOrPrefix: string): string {
    const text = idOrPrefix.trim().toLowerCase();
    if (!/^[0-9a-f]{6,32}$/.test(text)) throw new RecordNotFoundError(idOrPrefix.slice(0, 64));
    if (text.length === 32) return text;
    const ids = recordIdsWithPrefix(this.db, text, 2);
    if (ids.length === 0) throw new RecordNotFoundError(text);
    if (ids.length > 1)
      throw new InvalidInputError(
        `The id prefix ${text} matches several records; type more of it.`,
      );
    return ids[0]!;
  }

  exists(id: string): boolean {
    return recordExists(this.db, id);
  }

  count(): number {
    return recordCount(this.db);
  }

  add(input: unknown, options: AddOptions = {}): TestimonyRecord {
    return this.db.transaction(() => this.#insert(validateFields(input), options))();
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
    return this.db.transaction(() => {
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
      db: this.db,
      writeBatch: (batch) => this.addMany(batch, {}, inTransaction),
    };
  }

  #insert(fields: TestimonyFields, options: AddOptions): TestimonyRecord {
    const id = options.id !== undefined ? assertId(options.id, 'record id') : newId();
    if (this.exists(id)) throw new InvalidInputError(`A record with id ${id} already exists.`);
    const now = this.now().toISOString();
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
        key: this.keys.key('records'),
        plain: dataKey,
        ad: adFor.recordKey(this.vaultId, id, kind),
      });
      insertRecord(this.db, {
        id,
        kind,
        head: 1,
        wrapped_key: wrapped,
        summary: sealJson(dataKey, summaryOf(payload), adFor.summary(this.vaultId, id, kind, 1)),
      });
      insertRevision(
        this.db,
        id,
        1,
        sealJson(dataKey, payload, adFor.revision(this.vaultId, id, kind, 1)),
      );
    } finally {
      wipe(dataKey);
    }
    const record = toRecord(id, 1, payload);
    this.#emit(id, record);
    return record;
  }

  get(id: string, revision?: number): TestimonyRecord {
    const row = this.#row(id);
    const wanted = revision ?? row.head;
    if (!Number.isInteger(wanted) || wanted < 1 || wanted > row.head) {
      throw new InvalidInputError(`Record ${id} has no revision ${revision}.`);
    }
    const dataKey = this.#dataKey(row);
    try {
      this.#verifyHead(row, dataKey);
      return toRecord(id, wanted, this.#openRevision(row, dataKey, wanted));
    } finally {
      wipe(dataKey);
    }
  }

  #openRevision(row: RecordRow, dataKey: RecordDataKey, revision: number): RevisionPayload {
    const found = revisionSealed(this.db, row.id, revision);
    const subject = `record ${row.id} (revision ${revision})`;
    // Callers ask only for revisions 1..head, which must all exist: a missing row was removed.
    if (!found)
      throw new IntegrityError(subject, { recordId: row.id, revision, reason: 'missing' });
    return openJson<RevisionPayload>(
      dataKey,
      found,
      adFor.revision(this.vaultId, row.id, row.kind, revision),
      subject,
      { recordId: row.id, revision },
    );
  }

  /** Every record's summary, newest change first. Decrypts only the small summaries. */
  list(): RecordSummary[] {
    const counts = attachmentCountsByRecord(this.db);
    const summaries: RecordSummary[] = [];
    for (const row of recordRows(this.db)) {
      const dataKey = this.#dataKey(row);
      try {
        const summary = this.#openSummary(row, dataKey);
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

  /** Applies a patch as a new revision; the previous revisions stay in the history. */
  update(
    id: string,
    patch: FieldsPatch,
    options: { provenance?: Provenance | null; updatedAt?: string } = {},
  ): TestimonyRecord {
    return this.db.transaction(() => {
      const row = this.#row(id);
      const dataKey = this.#dataKey(row);
      try {
        this.#verifyHead(row, dataKey);
        const current = this.#openRevision(row, dataKey, row.head);
        const fields = applyPatch(current.fields, patch);
        return this.#appendRevision(row, dataKey, {
          v: 1,
          fields,
          createdAt: current.createdAt,
          updatedAt: options.updatedAt ?? this.now().toISOString(),
          provenance: options.provenance === undefined ? current.provenance : options.provenance,
        });
      } finally {
        wipe(dataKey);
      }
    })();
  }

  /**
   * Makes an old revision current again: a new revision whose fields equal revision
   * `revision`'s (the history is kept whole; nothing is rewritten). Where the record came from
   * (provenance) stays as it is now: restoring is a local edit. Refuses the current revision
   * and revisions that do not exist, changing nothing.
   */
  restore(id: string, revision: number): TestimonyRecord {
    return this.db.transaction(() => {
      const row = this.#row(id);
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
      const dataKey = this.#dataKey(row);
      try {
        this.#verifyHead(row, dataKey);
        const current = this.#openRevision(row, dataKey, row.head);
        const old = this.#openRevision(row, dataKey, revision);
        return this.#appendRevision(row, dataKey, {
          v: 1,
          fields: validateFields(old.fields),
          createdAt: current.createdAt,
          updatedAt: this.now().toISOString(),
          provenance: current.provenance,
        });
      } finally {
        wipe(dataKey);
      }
    })();
  }

  /** Appends a complete revision (used by bundle import for a partner's newer revision). */
  appendRevision(id: string, payload: Omit<RevisionPayload, 'v'>): TestimonyRecord {
    return this.db.transaction(() => {
      const row = this.#row(id);
      const dataKey = this.#dataKey(row);
      try {
        this.#verifyHead(row, dataKey);
        return this.#appendRevision(row, dataKey, {
          v: 1,
          ...payload,
          fields: validateFields(payload.fields),
        });
      } finally {
        wipe(dataKey);
      }
    })();
  }

  #appendRevision(
    row: RecordRow,
    dataKey: RecordDataKey,
    payload: RevisionPayload,
  ): TestimonyRecord {
    const revision = row.head + 1;
    insertRevision(
      this.db,
      row.id,
      revision,
      sealJson(dataKey, payload, adFor.revision(this.vaultId, row.id, row.kind, revision)),
    );
    updateRecordHead(
      this.db,
      row.id,
      revision,
      sealJson(
        dataKey,
        summaryOf(payload),
        adFor.summary(this.vaultId, row.id, row.kind, revision),
      ),
    );
    const record = toRecord(row.id, revision, payload);
    this.#emit(row.id, record);
    return record;
  }

  history(id: string): RevisionInfo[] {
    const row = this.#row(id);
    const dataKey = this.#dataKey(row);
    try {
      this.#verifyHead(row, dataKey);
      const revisions: RevisionInfo[] = [];
      for (let revision = 1; revision <= row.head; revision++) {
        const payload = this.#openRevision(row, dataKey, revision);
        revisions.push({ revision, updatedAt: payload.updatedAt, title: payload.fields.title });
      }
      return revisions;
    } finally {
      wipe(dataKey);
    }
  }

  /** Every revision in full, oldest first (export with history, revision diffs in the UI). */
  revisions(id: string): TestimonyRecord[] {
    const row = this.#row(id);
    const dataKey = this.#dataKey(row);
    try {
      this.#verifyHead(row, dataKey);
      const out: TestimonyRecord[] = [];
      for (let revision = 1; revision <= row.head; revision++) {
        out.push(toRecord(id, revision, this.#openRevision(row, dataKey, revision)));
      }
      return out;
    } finally {
      wipe(dataKey);
    }
  }

  /**
   * Deletes the record's rows and its wrapped key inside the caller's transaction. The caller
   * (Vault.deleteRecord) checkpoints the WAL afterwards so no old page survives.
   */
  deleteRows(id: string): void {
    this.#row(id);
    deleteRecord(this.db, id);
    this.#emit(id, null);
  }

  /**
   * Applies a revision received from a partner: a new record keeps its id and times, a newer
   * revision of a record held here is appended, anything else is a duplicate (false).
   */
  receive(
    revision: { id: string; fields: TestimonyFields; createdAt: string; updatedAt: string },
    provenance: Provenance,
  ): boolean {
    if (!this.exists(revision.id)) {
      this.add(revision.fields, {
        id: revision.id,
        createdAt: revision.createdAt,
        updatedAt: revision.updatedAt,
        provenance,
      });
      return true;
    }
    const local = this.get(revision.id);
    if (Date.parse(revision.updatedAt) <= Date.parse(local.updatedAt)) return false;
    this.appendRevision(revision.id, {
      fields: revision.fields,
      createdAt: local.createdAt,
      updatedAt: revision.updatedAt,
      provenance,
    });
    return true;
  }

  /** Every record id in order, read a page at a time (verify: flat memory on any vault). */
  pagedIds(): Generator<string> {
    return pagedIds((after, limit) => recordIdsAfter(this.db, after, limit));
  }

  /** All record ids (for reindexing and export of everything). */
  ids(): string[] {
    return recordIds(this.db);
  }
}

function toRecord(id: string, revision: number, payload: RevisionPayload): TestimonyRecord {
  return {
    id,
    revision,
    ...payload.fields,
    createdAt: payload.createdAt,
    updatedAt: payload.updatedAt,
    provenance: payload.provenance,
  };
}
