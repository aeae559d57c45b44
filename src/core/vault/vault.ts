import { join } from 'node:path';
import { VaultLockedError } from '../../shared/errors';
import type { CustodyEntry, CustodyFact } from '../../shared/custody/types';
import type { Provenance, TestimonyFields, TestimonyRecord } from '../../shared/records/types';
import type { FieldsPatch } from '../../shared/records/validate';
import { type ExtractResult, AttachmentStore } from '../attachments/attachment-store';
import { ReceivedBundles } from '../bundles/received-bundles';
import type { KdfParams } from '../crypto/kdf';
import type { KeyRing } from '../crypto/keyring';
import { CustodyLog } from '../custody/custody-log';
import { CHECKPOINT_EVERY, type CustodyVolume, SESSION_VOLUME } from '../custody/volume';
import { VaultIdentity } from '../identity/vault-identity';
import { PartnerStore } from '../partners/partner-store';
import { readImportFile } from '../records/bulk-import';
import {
  type ImportReport,
  type ImportRow,
  importAllOrNothing,
} from '../records/import-transaction';
import { withDefaults } from '../records/record-input';
import { type RecordReader, RecordStore } from '../records/record-store';
import {
  type SourceImportOptions,
  type SourceImportReport,
  importSource,
} from '../import/run-import';
import { type SourceLink, SourceLinks } from '../import/source-links';
import { SearchService } from '../search/search-service';
import { TeamState } from '../team/team-state';
import { type Db, checkpoint } from '../storage/db';
import { type VaultScope, vaultScope } from '../storage/scope';
import { VocabularyStore } from '../vocabulary/vocabulary-store';
import { logStoreChanges } from './custody-wiring';
import { HeaderKeeper } from './header-keeper';
import { VAULT_FILES } from './paths';
import {
  type Credentials,
  type UnlockedFolder,
  type VaultOptions,
  createFolder,
  unlockFolder,
  vaultExists,
} from './unlock';

export type { Credentials, VaultOptions } from './unlock';

/**
 * An unlocked vault: the folder, its database held exclusively, and the key ring; the one entry
 * point for use cases (the CLI and the IPC handlers are thin adapters over it). Changes that
 * span areas are its methods (addRecord, deleteRecord, importFile, receiveRevision…), so the
 * search index and the custody log follow every change; `records` is a read-only view, and the
 * other areas (attachments, partners, identity) are reached as its fields. Each store is given
 * only its scope (database, keys, vault id) and the paths it needs, never this object. Locking
 * (`close`) wipes the keys and releases the database; the object is unusable afterwards.
 */
export class Vault {
  readonly dir: string;
  readonly vaultId: string;
  readonly #records: RecordStore;
  /** Evidence files (docs/attachments.md). Its constructor removes blobs left by a crash. */
  readonly attachments: AttachmentStore;
  readonly search: SearchService;
  /** The custody log (docs/custody.md); use cases write to it only through `noteCustody`. */
  readonly custody: CustodyLog;
  /** The vault's own signing and box keys, created on first use (docs/bundle-format.md). */
  readonly identity: VaultIdentity;
  /** Trusted partners, sealed in the partners table. */
  readonly partners: PartnerStore;
  /** Bundles already received (their ids keyed, never in clear). */
  readonly receivedBundles: ReceivedBundles;
  /** This vault's team, if any: its sealed tables (docs/team.md; use cases in core/team). */
  readonly team: TeamState;
  /** The shared vocabulary: concepts with names in several languages (docs/vocabulary.md). */
  readonly vocabulary: VocabularyStore;
  readonly #scope: VaultScope;
  readonly #header: HeaderKeeper;
  #db: Db | null;
  #keys: KeyRing;
  #importing = false;
  /** The revision being restored (restoreRevision), named in the custody entry of the edit. */
  #restoringFrom: number | null = null;
  #custodyVolume: CustodyVolume = SESSION_VOLUME;
  /** Imports and backups, one at a time (see `oneAtATime`). */
  #longTasks: Promise<unknown> = Promise.resolve();

  private constructor({ dir, db, keys, header }: UnlockedFolder) {
    this.dir = dir;
    this.#db = db;
    this.#keys = keys;
    this.vaultId = header.vaultId;
    const scope = vaultScope(db, keys, header.vaultId);
    this.#scope = scope;
    this.#header = new HeaderKeeper(header, {
      dir,
      keys: () => this.keys,
      isOpen: () => this.isOpen,
      note: (fact) => this.noteCustody(fact),
    });
    this.#records = new RecordStore(db, keys, header.vaultId);
    this.attachments = new AttachmentStore({
      scope,
      vaultDir: dir,
      blobsDir: join(dir, VAULT_FILES.blobs),
      recordExists: (id) => this.#records.exists(id),
      recordLanguage: (id) => this.#records.get(id).lang,
    });
    this.search = new SearchService(
      db,
      keys,
      header.vaultId,
      this.#records,
      () => this.attachments,
    );
    this.custody = new CustodyLog(db, keys, header.vaultId);
    this.identity = new VaultIdentity(scope);
    this.partners = new PartnerStore(scope, () => this.identity.publicIdentity());
    this.receivedBundles = new ReceivedBundles(scope);
    this.team = new TeamState(scope);
    this.vocabulary = new VocabularyStore(scope, (fact) => this.noteCustody(fact));
    this.#records.onChange((id) => this.search.markStale(id));
    // Evidence descriptions and extracted text are indexed with their record.
    this.attachments.onChange((recordId) => this.search.markStale(recordId));
    logStoreChanges(
      { records: this.#records, attachments: this.attachments },
      (fact) => this.noteCustody(fact),
      { importing: () => this.#importing, restoringFrom: () => this.#restoringFrom },
    );
  }

  static exists(dir: string): boolean {
    return vaultExists(dir);
  }

  /** Creates a vault folder. Returns the recovery key, to be shown to the user exactly once. */
  static async create(
    dir: string,
    passphrase: string,
    options: VaultOptions = {},
  ): Promise<{ vault: Vault; recoveryKey: string }> {
    const { result: vault, recoveryKey } = await createFolder(dir, passphrase, options, (f) => {
      const vault = new Vault(f);
      // Partners' bundles need the vault's key pairs; older vaults get them on first use.
      vault.identity.ensure();
      vault.noteCustody({
        action: 'vault.created',
        detail: { vault: vault.vaultId, identity: vault.identity.fingerprint() },
      });
      return vault;
    });
    return { vault, recoveryKey };
  }

  /** Unlocks a vault with its passphrase, its recovery key or enough recovery shares. */
  static open(dir: string, credentials: Credentials, options: VaultOptions = {}): Promise<Vault> {
    return unlockFolder(dir, credentials, options, (folder) => {
      const vault = new Vault(folder);
      const volume = options.custodyVolume ?? SESSION_VOLUME;
      vault.#custodyVolume = volume;
      if ('passphrase' in credentials) {
        if (volume.logUnlock)
          vault.noteCustody({ action: 'vault.unlocked', detail: { with: 'passphrase' } });
      } else
        vault.noteCustody(
          'recoveryKey' in credentials
            ? { action: 'recovery.used', detail: { with: 'recovery key' } }
            : {
                action: 'recovery.used',
                detail: { with: 'shares', shares: credentials.shares.length },
              },
        );
      return vault;
    });
  }

  get isOpen(): boolean {
    return this.#db !== null;
  }

  /** The database, for feature modules of src/core. Throws VAULT.LOCKED after close. */
  get db(): Db {
    return this.#scope.db;
  }

  /** The key ring, for feature modules of src/core. Throws VAULT.LOCKED after close. */
  get keys(): KeyRing {
    if (!this.#db || !this.#keys.isOpen) throw new VaultLockedError();
    return this.#keys;
  }

  /** The testimonies, for reading; changes go through this class's methods. */
  get records(): RecordReader {
    return this.#records;
  }

  get blobsDir(): string {
    return join(this.dir, VAULT_FILES.blobs);
  }

  get kdf(): KdfParams {
    return this.#header.kdf;
  }

  /**
   * The one way use cases write to the custody log. Called inside the action's transaction
   * where there is one, so the action and its entry commit or roll back together.
   */
  noteCustody(fact: CustodyFact): CustodyEntry {
    const entry = this.custody.append(fact);
    // A bounded unsigned tail, however long the session (inside the action's transaction).
    // Checked on the seq first: opening the sealed head on every append cost a few percent.
    if (entry.seq - this.custody.lastCheckpointSeq() >= CHECKPOINT_EVERY)
      this.checkpointCustody(CHECKPOINT_EVERY);
    return entry;
  }

  /**
   * Signs the log's head with the vault identity when at least `minEntries` entries follow the
   * last checkpoint (at lock, after bulk work, every CHECKPOINT_EVERY entries).
   */
  checkpointCustody(minEntries = 1): void {
    this.custody.checkpoint((message) => this.identity.sign(message), minEntries);
  }

  /** A record shown in full to a person (CLI show, the app's record view): logged. */
  openRecord(id: string, revision?: number): TestimonyRecord {
    const record = this.#records.get(id, revision);
    this.noteCustody({
      action: 'record.opened',
      record: id,
      detail: { revision: record.revision },
    });
    return record;
  }

  /** A verified plaintext copy of an evidence file written out: logged once complete. */
  async extractAttachment(
    id: string,
    outPath: string,
    opts: Parameters<AttachmentStore['extract']>[2] = {},
  ): Promise<ExtractResult> {
    const result = await this.attachments.extract(id, outPath, opts);
    const info = this.attachments.get(id);
    this.noteCustody({
      action: 'attachment.extracted',
      record: info.recordId,
      attachment: id,
      detail: { sha256: info.sha256, size: info.size },
    });
    return result;
  }

  /** Adds a testimony (validated) and returns it. */
  addRecord(input: FieldsPatch): TestimonyRecord {
    const record = this.#records.add(withDefaults(input));
    this.search.refreshIfLoaded();
    return record;
  }

  /**
   * Adds already validated testimonies in one transaction (seeding at scale); returns the ids.
   * They are indexed at the search index's next use, in one pass rather than one per batch.
   */
  addRecords(fieldsList: TestimonyFields[]): string[] {
    return this.#records.addMany(fieldsList);
  }

  /** Edits a testimony: a new revision with the patch applied. */
  updateRecord(id: string, patch: FieldsPatch): TestimonyRecord {
    const record = this.#records.update(id, patch);
    this.search.refreshIfLoaded();
    return record;
  }

  /**
   * Restores an old revision: a new revision equal to it. The custody log records it as an
   * edit (its digest is the restored content's) naming the revision it came from.
   */
  restoreRevision(id: string, revision: number): TestimonyRecord {
    this.#restoringFrom = revision;
    try {
      const record = this.#records.restore(id, revision);
      this.search.refreshIfLoaded();
      return record;
    } finally {
      this.#restoringFrom = null;
    }
  }

  /**
   * A revision received from a partner, with this vault's provenance: a new record, a newer
   * revision, or nothing (a duplicate: false). Runs inside the caller's import transaction.
   */
  receiveRevision(
    revision: { id: string; fields: TestimonyFields; createdAt: string; updatedAt: string },
    provenance: Provenance,
  ): boolean {
    return this.#records.receive(revision, provenance);
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
    const exists = this.#records.exists(id);
    if (!head) {
      if (!exists) return { localHead: null, afterCommit: () => undefined };
      const removeBlobs = this.attachments.deleteOfRecord(id);
      this.#records.deleteRows(id);
      return {
        localHead: null,
        afterCommit: () => {
          removeBlobs();
          this.search.purgeDeleted();
          this.checkpoint();
        },
      };
    }
    const record = exists
      ? this.#records.appendRevision(id, { ...head, provenance })
      : this.#records.add(head.fields, { id, ...head, provenance });
    return { localHead: record.revision, afterCommit: () => this.search.refreshIfLoaded() };
  }

  /**
   * Deletes a record for good: its key, revisions, attachments and their blobs. With
   * secure_delete on and the WAL checkpointed and truncated, nothing of it stays in the folder.
   */
  deleteRecord(id: string): void {
    // The blobs are unlinked only after the commit, once the rows (the only copies of their
    // keys) are gone for good.
    const removeBlobs = this.transaction(() => {
      const then = this.attachments.deleteOfRecord(id);
      this.#records.deleteRows(id);
      return then;
    });
    // The WAL is truncated in any case; a blob that could not be removed is then reported.
    let failure: unknown = null;
    try {
      removeBlobs();
    } catch (error) {
      failure = error;
    }
    this.search.purgeDeleted();
    this.checkpoint();
    if (failure) throw failure;
  }

  /** Bulk import of a .jsonl or .csv file, all or nothing; bad lines are reported, not imported. */
  async importFile(path: string): Promise<ImportReport> {
    return this.importRows(readImportFile(path));
  }

  /**
   * Imports validated rows from any source (the .jsonl/.csv reader, the Martus, Uwazi or Kobo
   * importers) in one transaction: after a crash the vault holds none of them or all of them
   * (src/core/records/import-transaction.ts). Nothing else may write to this vault until it
   * settles.
   */
  importRows(rows: AsyncIterable<ImportRow>): Promise<ImportReport> {
    return this.oneAtATime(() => this.#importRows(rows));
  }

  async #importRows(rows: AsyncIterable<ImportRow>): Promise<ImportReport> {
    // One custody entry per batch of 1,000, naming every record it created, in the import's
    // transaction: an entry per record cost half as much as the import itself.
    this.#importing = true;
    let report: ImportReport;
    try {
      report = await importAllOrNothing(
        this.#records.importTarget((ids) =>
          this.noteCustody({
            action: 'record.created',
            records: ids,
            detail: { via: 'import', revision: 1, count: ids.length },
          }),
        ),
        rows,
      );
    } finally {
      this.#importing = false;
    }
    this.checkpointCustody();
    // Index what was imported now, with every core: the first search then only loads it.
    await this.search.indexPending();
    return report;
  }

  /**
   * Imports another tool's export (Martus, Uwazi, KoboToolbox) or a testimony CSV/JSONL with a
   * mapping (docs: README "Importers"). New testimonies are logged as the bulk import's are, one
   * custody entry per batch; updates of testimonies imported before are ordinary edits.
   */
  importSource(options: SourceImportOptions): Promise<SourceImportReport> {
    return this.oneAtATime(() => this.#importSource(options));
  }

  async #importSource(options: SourceImportOptions): Promise<SourceImportReport> {
    const links = new SourceLinks(this.db, this.keys, this.vaultId);
    this.#importing = true;
    let report: SourceImportReport;
    try {
      report = await importSource(
        {
          records: this.#records,
          links,
          // One transaction for the whole file (import-transaction.ts): the updates made while
          // it runs commit or roll back with the new testimonies.
          writeAll: async (rows, written) => {
            await importAllOrNothing(
              this.#records.importTarget((ids) => {
                written(ids);
                this.noteCustody({
                  action: 'record.created',
                  records: ids,
                  detail: { via: 'import', revision: 1, count: ids.length },
                });
              }),
              asImportRows(rows),
            );
          },
          updateRecord: (id, patch) => {
            this.#records.update(id, patch);
          },
          attachFile: async (recordId, path) => {
            await this.attachments.attachFile(recordId, path);
          },
          attachedNames: (recordId) => this.attachments.list(recordId),
        },
        options,
      );
    } finally {
      this.#importing = false;
    }
    if (!report.dryRun) {
      this.checkpointCustody();
      await this.search.indexPending();
    }
    return report;
  }

  /** The sealed source a testimony was imported from, or null (docs/crypto.md). */
  importedFrom(recordId: string): SourceLink | null {
    return new SourceLinks(this.db, this.keys, this.vaultId).sourceOf(recordId);
  }

  /**
   * Runs the long asynchronous tasks that need the connection to themselves one after the
   * other: an import holds one transaction across its awaits, and SQLite's online backup cannot
   * copy a database its own connection is writing (a backup asked for during an import starts
   * when the import has committed or rolled back).
   */
  oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#longTasks.then(task);
    this.#longTasks = run.catch(() => undefined);
    return run;
  }

  /** Runs fn in one write transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * Runs fn in one write transaction that spans awaits (a bundle's import streams its files
   * in): committed when fn resolves, rolled back when it throws. Nothing else may write to this
   * vault meanwhile (the CLI does one thing at a time; the app serialises vault operations).
   */
  async transactionAcrossAwaits<T>(fn: () => Promise<T>): Promise<T> {
    const db = this.db;
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Moves the WAL into the database and truncates it (after deletions). */
  checkpoint(): void {
    checkpoint(this.db);
  }

  /**
   * Checks a passphrase against this vault's header (VAULT.WRONG_PASSPHRASE if it does not
   * unwrap the master key). Used before sensitive changes, so that someone at an unlocked,
   * unattended laptop cannot take the vault over.
   */
  verifyPassphrase(passphrase: string): Promise<void> {
    return this.#header.verifyPassphrase(passphrase);
  }

  /** Re-wraps the master key under a new passphrase; nothing else is re-encrypted. */
  changePassphrase(newPassphrase: string, kdf: KdfParams = this.kdf): Promise<void> {
    return this.#header.changePassphrase(newPassphrase, kdf);
  }

  /**
   * Makes a new recovery key and returns it, to be shown once; the previous key stops working.
   * Nothing else changes.
   */
  rotateRecoveryKey(): Promise<string> {
    return this.#header.rotateRecoveryKey();
  }

  /**
   * Splits a fresh recovery secret into `count` shares, any `threshold` of which unlock the
   * vault (docs/custody.md). Returns the share texts, to be shown once each. A new split
   * replaces the previous one: its shares stop working. The recovery key is not affected.
   */
  splitRecovery(count: number, threshold: number): Promise<string[]> {
    return this.#header.splitRecovery(count, threshold);
  }

  /** The current split's id, threshold and count (not secret), or null. */
  get recoveryShares(): { splitId: string; threshold: number; count: number } | null {
    return this.#header.recoveryShares;
  }

  /** Lock: wipe every key, release the database. Idempotent. */
  close(): void {
    if (!this.#db) return;
    try {
      this.checkpointCustody(this.#custodyVolume.checkpointAtCloseAfter);
    } catch {
      // Best effort: the sealed head still covers the tail until the next checkpoint.
    }
    this.search.close();
    try {
      checkpoint(this.#db);
    } catch {
      // Best effort: the WAL is replayed at the next open anyway.
    }
    this.#db.close();
    this.#db = null;
    this.#keys.wipe();
  }
}

/** Validated fields as rows of the all-or-nothing import (they carry no rejection). */
async function* asImportRows(rows: AsyncIterable<TestimonyFields>): AsyncGenerator<ImportRow> {
  let line = 0;
  for await (const fields of rows) yield { line: ++line, fields };
}
