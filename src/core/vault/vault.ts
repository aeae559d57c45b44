import { join } from 'node:path';
import { VaultLockedError } from '../../shared/errors';
import type { CustodyEntry, CustodyFact } from '../../shared/custody/types';
import type { Provenance, TestimonyFields, TestimonyRecord } from '../../shared/records/types';
import type { FieldsPatch } from '../../shared/records/validate';
import type { AttachmentStore, ExtractResult } from '../attachments/attachment-store';
import type { ReceivedBundles } from '../bundles/received-bundles';
import type { KdfParams } from '../crypto/kdf';
import type { KeyRing } from '../crypto/keyring';
import type { CustodyLog } from '../custody/custody-log';
import { CHECKPOINT_EVERY, type CustodyVolume, SESSION_VOLUME } from '../custody/volume';
import type { VaultIdentity } from '../identity/vault-identity';
import type { PartnerStore } from '../partners/partner-store';
import type { ImportReport, ImportRow } from '../records/import-transaction';
import type { RecordReader, RecordStore } from '../records/record-store';
import type { SourceImportOptions, SourceImportReport } from '../import/run-import';
import type { SourceLink } from '../import/source-links';
import type { SearchService } from '../search/search-service';
import type { TeamState } from '../team/team-state';
import { type Db, checkpoint } from '../storage/db';
import { type VaultScope, vaultScope } from '../storage/scope';
import { transactionAcrossAwaits } from '../storage/transactions';
import { oneAtATime } from '../workers/limited-worker';
import type { VocabularyStore } from '../vocabulary/vocabulary-store';
import { logStoreChanges, unlockFact } from './custody-wiring';
import { HeaderKeeper } from './header-keeper';
import { ImportUseCases } from './import-use-cases';
import { LoggedReads } from './logged-reads';
import { VAULT_FILES } from './paths';
import { RecordUseCases } from './record-use-cases';
import { openStores } from './stores';
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
  readonly #recordCases: RecordUseCases;
  readonly #imports: ImportUseCases;
  readonly #loggedReads: LoggedReads;
  #custodyVolume: CustodyVolume = SESSION_VOLUME;
  /** Imports and backups, one at a time (see `oneAtATime`). */
  readonly #longTasks = oneAtATime();

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
    const note = (fact: CustodyFact) => void this.noteCustody(fact);
    const stores = openStores(scope, dir, note);
    this.#records = stores.records;
    this.attachments = stores.attachments;
    this.search = stores.search;
    this.custody = stores.custody;
    this.identity = stores.identity;
    this.partners = stores.partners;
    this.receivedBundles = stores.receivedBundles;
    this.team = stores.team;
    this.vocabulary = stores.vocabulary;
    this.#recordCases = new RecordUseCases({
      ...stores,
      transaction: (fn) => this.transaction(fn),
      checkpoint: () => this.checkpoint(),
    });
    this.#imports = new ImportUseCases({
      ...stores,
      scope,
      note,
      checkpointCustody: () => this.checkpointCustody(),
      oneAtATime: (task) => this.oneAtATime(task),
    });
    this.#loggedReads = new LoggedReads({ ...stores, note });
    logStoreChanges(stores, note, {
      importing: () => this.#imports.importing,
      restoringFrom: () => this.#recordCases.restoringFrom,
    });
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
      const fact = unlockFact(credentials, volume.logUnlock);
      if (fact) vault.noteCustody(fact);
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

  // Use cases on records (record-use-cases.ts), imports (import-use-cases.ts) and logged
  // reads (logged-reads.ts); their documentation is there.

  /** A record shown in full to a person: logged. */
  openRecord(id: string, revision?: number): TestimonyRecord {
    return this.#loggedReads.openRecord(id, revision);
  }

  /** A verified plaintext copy of an evidence file written out: logged once complete. */
  extractAttachment(
    id: string,
    outPath: string,
    opts: Parameters<AttachmentStore['extract']>[2] = {},
  ): Promise<ExtractResult> {
    return this.#loggedReads.extractAttachment(id, outPath, opts);
  }

  addRecord(input: FieldsPatch): TestimonyRecord {
    return this.#recordCases.add(input);
  }

  addRecords(fieldsList: TestimonyFields[]): string[] {
    return this.#recordCases.addMany(fieldsList);
  }

  updateRecord(id: string, patch: FieldsPatch): TestimonyRecord {
    return this.#recordCases.update(id, patch);
  }

  restoreRevision(id: string, revision: number): TestimonyRecord {
    return this.#recordCases.restore(id, revision);
  }

  receiveRevision(
    revision: { id: string; fields: TestimonyFields; createdAt: string; updatedAt: string },
    provenance: Provenance,
  ): boolean {
    return this.#recordCases.receive(revision, provenance);
  }

  writeTeamHead(
    id: string,
    head: { fields: TestimonyFields; createdAt: string; updatedAt: string } | null,
    provenance: Provenance | null,
  ): { localHead: number | null; afterCommit: () => void } {
    return this.#recordCases.writeTeamHead(id, head, provenance);
  }

  deleteRecord(id: string): void {
    this.#recordCases.delete(id);
  }

  importFile(path: string): Promise<ImportReport> {
    return this.#imports.importFile(path);
  }

  importRows(rows: AsyncIterable<ImportRow>): Promise<ImportReport> {
    return this.#imports.importRows(rows);
  }

  importSource(options: SourceImportOptions): Promise<SourceImportReport> {
    return this.#imports.importSource(options);
  }

  importedFrom(recordId: string): SourceLink | null {
    return this.#imports.importedFrom(recordId);
  }

  /**
   * Runs the long tasks that need the connection to themselves one after the other: an import
   * holds one transaction across its awaits, and SQLite's online backup cannot copy a database
   * its own connection is writing (a backup asked during an import waits for its end).
   */
  oneAtATime<T>(task: () => Promise<T>): Promise<T> {
    return this.#longTasks(task);
  }

  /** Runs fn in one write transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Runs fn in one write transaction that spans awaits (storage/transactions.ts). */
  transactionAcrossAwaits<T>(fn: () => Promise<T>): Promise<T> {
    return transactionAcrossAwaits(this.db, fn);
  }

  /** Moves the WAL into the database and truncates it (after deletions). */
  checkpoint(): void {
    checkpoint(this.db);
  }

  // The header: passphrase and recovery (header-keeper.ts; their documentation is there).

  verifyPassphrase(passphrase: string): Promise<void> {
    return this.#header.verifyPassphrase(passphrase);
  }

  changePassphrase(newPassphrase: string, kdf: KdfParams = this.kdf): Promise<void> {
    return this.#header.changePassphrase(newPassphrase, kdf);
  }

  rotateRecoveryKey(): Promise<string> {
    return this.#header.rotateRecoveryKey();
  }

  splitRecovery(count: number, threshold: number): Promise<string[]> {
    return this.#header.splitRecovery(count, threshold);
  }

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
