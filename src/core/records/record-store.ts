import type {
  Provenance,
  RecordSummary,
  RevisionInfo,
  TestimonyFields,
  TestimonyRecord,
} from '../../shared/records/types';
import type { FieldsPatch } from '../../shared/records/validate';
import type { KeyRing } from '../crypto/keyring';
import type { Db } from '../storage/db';
import type { RevisionPayload } from './codec';
import type { ImportTarget } from './import-transaction';
import { RecordReads } from './record-reads';
import { type AddOptions, type RecordChangeListener, RecordWrites } from './record-writes';
import { SealedRecords } from './sealed-records';

export type { AddOptions, RecordChangeListener } from './record-writes';

/**
 * The records as use cases see them through `vault.records`: reading only. Every change goes
 * through a `Vault` method (addRecord, updateRecord, deleteRecord, importFile, receiveRevision),
 * which also validates, keeps the search index and the custody log in step.
 */
export type RecordReader = Pick<
  RecordStore,
  'get' | 'list' | 'history' | 'revisions' | 'count' | 'exists' | 'resolveId' | 'ids' | 'pagedIds'
>;

/**
 * Testimony records: each has its own random data key (wrapped under the records key), so that
 * deleting the key and rows destroys it for good. Every revision is sealed whole; a separate
 * sealed summary of the head revision serves the archive list without decrypting bodies.
 * The store of the records area: reading (record-reads.ts) and writing (record-writes.ts) over
 * the sealed rows (sealed-records.ts), with the listeners of its changes.
 */
export class RecordStore {
  readonly #listeners: RecordChangeListener[] = [];
  readonly #reads: RecordReads;
  readonly #writes: RecordWrites;

  constructor(db: Db, keys: KeyRing, vaultId: string, now: () => Date = () => new Date()) {
    const sealed = new SealedRecords(db, keys, vaultId);
    this.#reads = new RecordReads(sealed);
    this.#writes = new RecordWrites({
      sealed,
      reads: this.#reads,
      now,
      changed: (id, record) => {
        for (const listener of this.#listeners) listener(id, record);
      },
    });
  }

  onChange(listener: RecordChangeListener): void {
    this.#listeners.push(listener);
  }

  // Reading (record-reads.ts).

  resolveId(idOrPrefix: string): string {
    return this.#reads.resolveId(idOrPrefix);
  }

  exists(id: string): boolean {
    return this.#reads.exists(id);
  }

  count(): number {
    return this.#reads.count();
  }

  get(id: string, revision?: number): TestimonyRecord {
    return this.#reads.get(id, revision);
  }

  list(): RecordSummary[] {
    return this.#reads.list();
  }

  history(id: string): RevisionInfo[] {
    return this.#reads.history(id);
  }

  revisions(id: string): TestimonyRecord[] {
    return this.#reads.revisions(id);
  }

  pagedIds(): Generator<string> {
    return this.#reads.pagedIds();
  }

  ids(): string[] {
    return this.#reads.ids();
  }

  // Writing (record-writes.ts).

  add(input: unknown, options: AddOptions = {}): TestimonyRecord {
    return this.#writes.add(input, options);
  }

  addMany(
    fieldsList: TestimonyFields[],
    options: AddOptions = {},
    inTransaction?: (ids: string[]) => void,
  ): string[] {
    return this.#writes.addMany(fieldsList, options, inTransaction);
  }

  importTarget(inTransaction?: (ids: string[]) => void): ImportTarget {
    return this.#writes.importTarget(inTransaction);
  }

  update(
    id: string,
    patch: FieldsPatch,
    options: { provenance?: Provenance | null; updatedAt?: string } = {},
  ): TestimonyRecord {
    return this.#writes.update(id, patch, options);
  }

  restore(id: string, revision: number): TestimonyRecord {
    return this.#writes.restore(id, revision);
  }

  appendRevision(id: string, payload: Omit<RevisionPayload, 'v'>): TestimonyRecord {
    return this.#writes.appendRevision(id, payload);
  }

  receive(
    revision: { id: string; fields: TestimonyFields; createdAt: string; updatedAt: string },
    provenance: Provenance,
  ): boolean {
    return this.#writes.receive(revision, provenance);
  }

  deleteRows(id: string): void {
    this.#writes.deleteRows(id);
  }
}
