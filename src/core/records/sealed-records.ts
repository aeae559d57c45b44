import { IntegrityError, RecordNotFoundError, VaultLockedError } from '../../shared/errors';
import type { TestimonyRecord } from '../../shared/records/types';
import { open } from '../crypto/aead';
import { type RecordDataKey, type RecordsKey, asKey } from '../crypto/keys';
import type { KeyRing } from '../crypto/keyring';
import { wipe } from '../crypto/sodium';
import type { Db } from '../storage/db';
import { type RecordRow, recordRow, revisionSealed, revisionSpan } from '../storage/tables/records';
import { type RevisionPayload, type SummaryPayload, adFor, openJson } from './codec';

/**
 * Opens the sealed parts of one record: its row, its data key (unwrapped under the records key),
 * its summary and its revisions, and checks that the plaintext head column is the one they were
 * sealed for. What reading and writing records share; neither knows the other.
 */
export class SealedRecords {
  constructor(
    private readonly dbHandle: Db,
    private readonly keys: KeyRing,
    readonly vaultId: string,
  ) {}

  /** The database while the vault is unlocked; VAULT.LOCKED after lock (not a SQLite error). */
  get db(): Db {
    if (!this.keys.isOpen) throw new VaultLockedError();
    return this.dbHandle;
  }

  /** The records key, for wrapping a new record's data key. */
  recordsKey(): RecordsKey {
    return this.keys.key('records');
  }

  row(id: string): RecordRow {
    const row = recordRow(this.db, id);
    if (!row) throw new RecordNotFoundError(id);
    return row;
  }

  dataKey(row: Pick<RecordRow, 'id' | 'kind' | 'wrapped_key'>): RecordDataKey {
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
   * Runs fn with the record's data key once its head is verified, and wipes the key afterwards
   * whatever happens.
   */
  withVerifiedKey<T>(row: RecordRow, fn: (dataKey: RecordDataKey) => T): T {
    const dataKey = this.dataKey(row);
    try {
      this.verifyHead(row, dataKey);
      return fn(dataKey);
    } finally {
      wipe(dataKey);
    }
  }

  /**
   * Checks that the stored head is the one the record's sealed summary was written for, and
   * that exactly revisions 1..head exist: the head column is plaintext, so without this an
   * edit of it would silently show an older revision (or hide the newest from the history).
   */
  verifyHead(row: RecordRow, dataKey: RecordDataKey): void {
    this.openSummary(row, dataKey);
    const stored = revisionSpan(this.db, row.id);
    if (stored.count !== row.head || stored.last !== row.head) {
      throw new IntegrityError(`record ${row.id} (revision list)`, {
        recordId: row.id,
        reason: 'revisions',
      });
    }
  }

  openSummary(row: RecordRow, dataKey: RecordDataKey): SummaryPayload {
    return openJson<SummaryPayload>(
      dataKey,
      row.summary,
      adFor.summary(this.vaultId, row.id, row.kind, row.head),
      `record ${row.id} (summary)`,
      { recordId: row.id },
    );
  }

  openRevision(row: RecordRow, dataKey: RecordDataKey, revision: number): RevisionPayload {
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
}

/** A revision's payload as the record callers see. */
export function toRecord(id: string, revision: number, payload: RevisionPayload): TestimonyRecord {
  return {
    id,
    revision,
    ...payload.fields,
    createdAt: payload.createdAt,
    updatedAt: payload.updatedAt,
    provenance: payload.provenance,
  };
}
