import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import {
  InvalidInputError,
  VaultCorruptError,
  VaultExistsError,
  VaultLockedError,
  VaultNotFoundError,
} from '../../shared/errors';
import { MIN_PASSPHRASE_CHARS } from '../../shared/records/passphrase';
import { DEFAULT_KDF, type KdfParams } from '../crypto/kdf';
import { KeyRing } from '../crypto/keyring';
import { formatRecoveryKey, generateRecoverySecret } from '../crypto/recovery-key';
import { type HeaderKey, type MasterKey, asKey, copyKey } from '../crypto/keys';
import { loadSodium, randomBytes, wipe } from '../crypto/sodium';
import { writeFileAtomic } from '../fs/atomic';
import { newId } from '../ids';
import { readImportFile } from '../records/bulk-import';
import {
  type ImportReport,
  type ImportRow,
  importAllOrNothing,
} from '../records/import-transaction';
import { RecordStore } from '../records/record-store';
import {
  type SourceImportOptions,
  type SourceImportReport,
  importSource,
} from '../import/run-import';
import { type SourceLink, SourceLinks } from '../import/source-links';
import { AttachmentStore } from '../attachments/attachment-store';
import { resealReceivedBundles } from '../bundles/received-bundles';
import { VaultIdentity } from '../identity/vault-identity';
import { PartnerStore } from '../partners/partner-store';
import { type AttachmentTextSource, SearchService } from '../search/search-service';
import {
  type TestimonyFields,
  type TestimonyRecord,
  emptyFields,
} from '../../shared/records/types';
import { validatePatch } from '../../shared/records/validate';
import type { FieldsPatch } from '../../shared/records/validate';
import {
  type Db,
  type OpenDbOptions,
  checkDatabaseFile,
  checkpoint,
  openDatabase,
} from '../storage/db';
import { migrate } from '../storage/migrations';
import { FileIoError } from '../fs/errors';
import {
  type VaultHeader,
  buildHeader,
  parseHeader,
  rewrapPassphrase,
  serializeHeader,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  unwrapWithShares,
  verifyHeaderMac,
  withRecoverySecret,
  withShares,
} from './header';
import { RecoveryShareError, combineShares, splitRecoverySecret } from '../crypto/recovery-shares';
import { VAULT_FILES } from './paths';
import { CustodyLog } from '../custody/custody-log';
import { CHECKPOINT_EVERY, type CustodyVolume, SESSION_VOLUME } from '../custody/volume';
import { revisionDigest } from '../custody/revision-digest';
import type { CustodyDetail, CustodyEntry, CustodyFact } from '../../shared/custody/types';
import type { ExtractResult } from '../attachments/attachment-store';

export type Credentials =
  | { passphrase: string }
  | { recoveryKey: string }
  /** Any K of the shares made by `splitRecovery` (docs/custody.md). */
  | { shares: readonly string[] };

export interface VaultOptions extends OpenDbOptions {
  /** Argon2id parameters for a new vault or passphrase; DEFAULT_KDF unless given explicitly. */
  kdf?: KdfParams;
  /** How much this session writes to the custody log; the app's SESSION_VOLUME by default. */
  custodyVolume?: CustodyVolume;
}

/** A feature module (attachments, search, partners…) bound to an open vault. */
export interface VaultModule {
  /** Called before the database closes: flush state, stop work. */
  close?(): void;
}

/**
 * An unlocked vault: the folder, its database held exclusively, and the key ring. Locking
 * (`close`) wipes the keys and releases the database; the object is unusable afterwards.
 */
export class Vault {
  readonly dir: string;
  readonly vaultId: string;
  readonly records: RecordStore;
  /** Evidence files (docs/attachments.md). Its constructor removes blobs left by a crash. */
  readonly attachments: AttachmentStore;
  readonly search: SearchService;
  /** The custody log (docs/custody.md); use cases write to it only through `noteCustody`. */
  readonly custody: CustodyLog;
  #db: Db | null;
  #keys: KeyRing;
  #header: VaultHeader;
  #passphraseChanges: Promise<unknown> = Promise.resolve();
  readonly #closers: (() => void)[] = [];
  #identity: VaultIdentity | null = null;
  #partners: PartnerStore | null = null;
  readonly #deleteHooks: ((recordId: string) => (() => void) | void)[] = [];
  #importing = false;
  /** The revision being restored (restoreRevision), named in the custody entry of the edit. */
  #restoringFrom: number | null = null;
  #custodyVolume: CustodyVolume = SESSION_VOLUME;
  /** Imports and backups, one at a time (see `oneAtATime`). */
  #longTasks: Promise<unknown> = Promise.resolve();

  private constructor(dir: string, db: Db, keys: KeyRing, header: VaultHeader) {
    this.dir = dir;
    this.#db = db;
    this.#keys = keys;
    this.#header = header;
    this.vaultId = header.vaultId;
    this.records = new RecordStore(db, keys, header.vaultId);
    this.attachments = new AttachmentStore(this);
    this.search = new SearchService(db, keys, header.vaultId, this.records, () =>
      this.#attachmentTexts(),
    );
    this.custody = new CustodyLog(db, keys, header.vaultId);
    this.records.onChange((id) => this.search.markStale(id));
    // Evidence descriptions and extracted text are indexed with their record.
    this.attachments.onChange((recordId) => this.search.markStale(recordId));
    // Store changes reach the custody log inside their own transaction: no change without
    // its entry, no entry without its change.
    this.records.onChange((id, record) => {
      if (!record) return this.noteCustody({ action: 'record.deleted', record: id });
      // A bulk import logs one entry per batch (importRows).
      if (this.#importing && record.revision === 1) return;
      // A partner's record keeps the sender's custody facts (docs/custody.md).
      const p = record.provenance;
      const received: CustodyDetail = p
        ? {
            from: p.senderFingerprint,
            partner: p.partner,
            bundle: p.bundleId,
            receivedAt: p.receivedAt,
          }
        : {};
      this.noteCustody({
        action: record.revision === 1 ? 'record.created' : 'record.edited',
        record: id,
        detail: {
          revision: record.revision,
          sha256: revisionDigest(record),
          ...(this.#restoringFrom !== null ? { restoredFrom: this.#restoringFrom } : {}),
          ...received,
        },
      });
    });
    this.attachments.onChange((recordId, attachmentId, change) => {
      // Recognised text is derived from the file, which is unchanged: nothing for custody.
      if (change.kind === 'text') return;
      this.noteCustody(
        change.kind === 'added'
          ? {
              action: 'attachment.added',
              record: recordId,
              attachment: attachmentId,
              detail: { sha256: change.sha256, size: change.size },
            }
          : { action: 'attachment.deleted', record: recordId, attachment: attachmentId },
      );
    });
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
    const record = this.records.get(id, revision);
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

  static exists(dir: string): boolean {
    return existsSync(join(resolve(dir), VAULT_FILES.header));
  }

  /** Creates a vault folder. Returns the recovery key, to be shown to the user exactly once. */
  static async create(
    dirInput: string,
    passphrase: string,
    options: VaultOptions = {},
  ): Promise<{ vault: Vault; recoveryKey: string }> {
    await loadSodium();
    assertPassphrase(passphrase);
    const dir = resolve(dirInput);
    const checkFolder = () => {
      if (Vault.exists(dir)) throw new VaultExistsError(dir);
      if (existsSync(dir) && !statSync(dir).isDirectory()) {
        throw new InvalidInputError(`${dir} is a file, not a folder.`, { dir });
      }
      if (existsSync(dir) && readdirSync(dir).length > 0) {
        throw new VaultExistsError(`${dir} (the folder is not empty)`);
      }
    };
    checkFolder();
    const masterKey = asKey(randomBytes(32), 'master');
    const recoverySecret = generateRecoverySecret();
    const keys = new KeyRing(masterKey);
    const vaultId = newId();
    let db: Db | null = null;
    let madeFolder = false;
    try {
      // The slow part first, before anything touches the disk: the key derivation runs off this
      // thread, and an app quitting meanwhile must not leave a half-made folder behind (a
      // database without vault.json, which would refuse every later creation).
      const header = await buildHeader({
        vaultId,
        masterKey,
        headerKey: keys.key('header'),
        passphrase,
        kdf: options.kdf ?? DEFAULT_KDF,
        recoverySecret,
        createdAt: new Date().toISOString(),
      });
      // From here on, synchronous: nothing can run in between.
      checkFolder();
      madeFolder = true;
      mkdirSync(join(dir, VAULT_FILES.blobs), { recursive: true, mode: 0o700 });
      // An existing empty folder keeps its mode through mkdir: make it owner-only too.
      chmodSync(dir, 0o700);
      db = openDatabase(join(dir, VAULT_FILES.database), options);
      db.prepare("INSERT INTO meta (key, value) VALUES ('vault_id', ?)").run(vaultId);
      resealReceivedBundles(db, keys, vaultId);
      // The header is written last: a folder without vault.json is not a vault yet.
      writeFileAtomic(join(dir, VAULT_FILES.header), serializeHeader(header));
      const recoveryKey = formatRecoveryKey(recoverySecret);
      const vault = new Vault(dir, db, keys, header);
      // Partners' bundles need the vault's key pairs; older vaults get them on first use.
      vault.identity.ensure();
      vault.noteCustody({
        action: 'vault.created',
        detail: { vault: vaultId, identity: vault.identity.fingerprint() },
      });
      return { vault, recoveryKey };
    } catch (error) {
      db?.close();
      keys.wipe();
      if (madeFolder) rmSync(dir, { recursive: true, force: true });
      throw error;
    } finally {
      wipe(recoverySecret);
    }
  }

  /** Unlocks a vault with its passphrase or its recovery key. */
  static async open(
    dirInput: string,
    credentials: Credentials,
    options: VaultOptions = {},
  ): Promise<Vault> {
    await loadSodium();
    const dir = resolve(dirInput);
    const headerPath = join(dir, VAULT_FILES.header);
    if (!existsSync(headerPath) || !statSync(headerPath).isFile())
      throw new VaultNotFoundError(dir);
    let headerText: string;
    try {
      headerText = readFileSync(headerPath, 'utf8');
    } catch (error) {
      throw new FileIoError('Cannot read the vault header', headerPath, error);
    }
    const header = parseHeader(headerText);
    const dbPath = join(dir, VAULT_FILES.database);
    // SQLite would create a missing vault.db, or write a fresh schema over an emptied one:
    // refuse instead. Nothing is written until every check below has passed.
    if (!existsSync(dbPath))
      throw new VaultCorruptError('vault.db is missing', { file: VAULT_FILES.database });
    checkDatabaseFile(dbPath);
    // Lock the database before the slow key derivation, so "in use" is said at once.
    const db = openDatabase(dbPath, { ...options, skipMigrations: true });
    let keys: KeyRing | null = null;
    try {
      const masterKey =
        'passphrase' in credentials
          ? await unwrapWithPassphrase(header, credentials.passphrase)
          : 'recoveryKey' in credentials
            ? unwrapWithRecoveryKey(header, credentials.recoveryKey)
            : await unwrapWithShareTexts(header, credentials.shares);
      keys = new KeyRing(masterKey);
      verifyHeaderMac(header, keys.key('header'));
      if (storedVaultId(db) !== header.vaultId) {
        throw new VaultCorruptError('vault.db does not belong to this vault header', {
          file: VAULT_FILES.database,
        });
      }
      // The header and the database are this vault's: only now may the schema be brought up
      // to date.
      migrate(db);
      // Schema upgrades that need the keys.
      resealReceivedBundles(db, keys, header.vaultId);
      mkdirSync(join(dir, VAULT_FILES.blobs), { recursive: true, mode: 0o700 });
      const vault = new Vault(dir, db, keys, header);
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
    } catch (error) {
      keys?.wipe();
      db.close();
      throw error;
    }
  }

  get isOpen(): boolean {
    return this.#db !== null;
  }

  /** The database, for feature modules of src/core. Throws VAULT.LOCKED after close. */
  get db(): Db {
    if (!this.#db) throw new VaultLockedError();
    return this.#db;
  }

  /** The key ring, for feature modules of src/core. Throws VAULT.LOCKED after close. */
  get keys(): KeyRing {
    if (!this.#db || !this.#keys.isOpen) throw new VaultLockedError();
    return this.#keys;
  }

  /** The vault's own signing and box keys, created on first use (docs/bundle-format.md). */
  get identity(): VaultIdentity {
    return (this.#identity ??= new VaultIdentity(this));
  }

  /** Trusted partners, sealed in the partners table. */
  get partners(): PartnerStore {
    return (this.#partners ??= new PartnerStore(this));
  }

  get blobsDir(): string {
    return join(this.dir, VAULT_FILES.blobs);
  }

  get kdf(): KdfParams {
    const { alg, opslimit, memlimit } = this.#header.kdf;
    return { alg, opslimit, memlimit };
  }

  /** Registers cleanup to run on lock (modules flush and forget decrypted state). */
  onClose(closer: () => void): void {
    this.#closers.push(closer);
  }

  /**
   * Registers work to do when a record is deleted: the hook runs inside the delete transaction
   * (before the rows go) and may return a function to run after the commit (e.g. unlinking
   * blob files, which must only happen once the rows are gone for good).
   */
  onRecordDelete(hook: (recordId: string) => (() => void) | void): void {
    this.#deleteHooks.push(hook);
  }

  /**
   * Deletes a record for good: its key, revisions, attachments and their blobs. With
   * secure_delete on and the WAL checkpointed and truncated, nothing of it stays in the folder.
   */
  deleteRecord(id: string): void {
    const after: (() => void)[] = [];
    this.transaction(() => {
      for (const hook of this.#deleteHooks) {
        const then = hook(id);
        if (then) after.push(then);
      }
      this.records.deleteRows(id);
    });
    // Every follow-up runs even if one fails, and the WAL is truncated in any case; the first
    // failure (a blob that could not be removed) is then reported.
    let failure: unknown = null;
    for (const then of after) {
      try {
        then();
      } catch (error) {
        failure ??= error;
      }
    }
    this.search.purgeDeleted();
    this.checkpoint();
    if (failure) throw failure;
  }

  /** Adds a testimony (validated) and returns it. */
  addRecord(input: FieldsPatch): TestimonyRecord {
    const record = this.records.add(withDefaults(input));
    this.search.refreshIfLoaded();
    return record;
  }

  /** Edits a testimony: a new revision with the patch applied. */
  updateRecord(id: string, patch: FieldsPatch): TestimonyRecord {
    const record = this.records.update(id, patch);
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
      const record = this.records.restore(id, revision);
      this.search.refreshIfLoaded();
      return record;
    } finally {
      this.#restoringFrom = null;
    }
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
        this.records.importTarget((ids) =>
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
          records: this.records,
          links,
          // One transaction for the whole file (import-transaction.ts): the updates made while
          // it runs commit or roll back with the new testimonies.
          writeAll: async (rows, written) => {
            await importAllOrNothing(
              this.records.importTarget((ids) => {
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
            this.records.update(id, patch);
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

  /** The evidence texts the search index needs, once attachments exist in this vault. */
  #attachmentTexts(): AttachmentTextSource | null {
    return this.attachments;
  }

  /** Runs fn in one write transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
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
  async verifyPassphrase(passphrase: string): Promise<void> {
    wipe(await unwrapWithPassphrase(this.#header, passphrase));
  }

  /**
   * Re-wraps the master key under a new passphrase; nothing else is re-encrypted. Changes run
   * one after the other, in the order asked: two overlapping ones must not end in whichever
   * derivation happened to finish last.
   */
  changePassphrase(newPassphrase: string, kdf: KdfParams = this.kdf): Promise<void> {
    const run = this.#passphraseChanges.then(() => this.#changePassphrase(newPassphrase, kdf));
    this.#passphraseChanges = run.catch(() => undefined);
    return run;
  }

  async #changePassphrase(newPassphrase: string, kdf: KdfParams): Promise<void> {
    assertPassphrase(newPassphrase);
    // Copies: the vault may be locked while the new key is derived (off this thread), which
    // wipes the key ring in place; a wiped master key must never be wrapped and written.
    const masterKey = copyKey(this.keys.masterKey());
    const headerKey = copyKey(this.keys.key('header'));
    try {
      const next = await rewrapPassphrase(this.#header, masterKey, headerKey, newPassphrase, kdf);
      if (!this.isOpen) throw new VaultLockedError();
      writeFileAtomic(join(this.dir, VAULT_FILES.header), serializeHeader(next));
      this.#header = next;
      this.noteCustody({ action: 'passphrase.changed' });
    } finally {
      wipe(masterKey, headerKey);
    }
  }

  /**
   * Makes a new recovery key and returns it, to be shown once; the previous key stops working.
   * Nothing else changes.
   */
  rotateRecoveryKey(): Promise<string> {
    return this.#changeHeader(async (masterKey, headerKey) => {
      const secret = generateRecoverySecret();
      try {
        return {
          header: withRecoverySecret(this.#header, masterKey, headerKey, secret),
          result: formatRecoveryKey(secret),
          fact: { action: 'recovery.rotated' } as const,
        };
      } finally {
        wipe(secret);
      }
    });
  }

  /**
   * Splits a fresh recovery secret into `count` shares, any `threshold` of which unlock the
   * vault (docs/custody.md). Returns the share texts, to be shown once each. A new split
   * replaces the previous one: its shares stop working. The recovery key is not affected.
   */
  splitRecovery(count: number, threshold: number): Promise<string[]> {
    return this.#changeHeader(async (masterKey, headerKey) => {
      const { secret, splitId, shares } = await splitRecoverySecret(count, threshold);
      try {
        return {
          header: withShares(this.#header, masterKey, headerKey, {
            splitId,
            threshold,
            count,
            secret,
          }),
          result: shares,
          fact: { action: 'recovery.split', detail: { split: splitId, count, threshold } } as const,
        };
      } finally {
        wipe(secret);
      }
    });
  }

  /** The current split's id, threshold and count (not secret), or null. */
  get recoveryShares(): { splitId: string; threshold: number; count: number } | null {
    const shares = this.#header.shares;
    return shares
      ? { splitId: shares.splitId, threshold: shares.threshold, count: shares.count }
      : null;
  }

  /**
   * Rewrites vault.json through `build`, after the header changes asked before it (passphrase
   * changes included), logging `fact` once the new header is on disk.
   */
  #changeHeader<T>(
    build: (
      masterKey: MasterKey,
      headerKey: HeaderKey,
    ) => Promise<{ header: VaultHeader; result: T; fact: CustodyFact }>,
  ): Promise<T> {
    const run = this.#passphraseChanges.then(async () => {
      const masterKey = copyKey(this.keys.masterKey());
      const headerKey = copyKey(this.keys.key('header'));
      try {
        const { header, result, fact } = await build(masterKey, headerKey);
        if (!this.isOpen) throw new VaultLockedError();
        writeFileAtomic(join(this.dir, VAULT_FILES.header), serializeHeader(header));
        this.#header = header;
        this.noteCustody(fact);
        return result;
      } finally {
        wipe(masterKey, headerKey);
      }
    });
    this.#passphraseChanges = run.catch(() => undefined);
    return run;
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
    for (const closer of this.#closers.splice(0)) {
      try {
        closer();
      } catch {
        // A module failing to flush must not keep keys in memory.
      }
    }
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

/** Rebuilds the shares' secret and unwraps; a combination that does not open names no share. */
async function unwrapWithShareTexts(
  header: VaultHeader,
  texts: readonly string[],
): Promise<MasterKey> {
  const secret = await combineShares(texts, header.shares);
  try {
    return unwrapWithShares(header, secret);
  } catch {
    throw new RecoveryShareError(
      "The shares do not rebuild this vault's key: one of them was altered.",
      { reason: 'altered' },
    );
  } finally {
    wipe(secret);
  }
}

/** The vault id the database was created for; null when it has none (not a vault database). */
function storedVaultId(db: Db): string | null {
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'vault_id'").get() as
      { value: string } | undefined;
    return row?.value ?? null;
  } catch {
    return null;
  }
}

function assertPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    throw new InvalidInputError(
      `The passphrase must have at least ${MIN_PASSPHRASE_CHARS} characters.`,
    );
  }
}

/** Completes a partial record (what the CLI and the UI send) with the empty defaults. */
/** Validated fields as rows of the all-or-nothing import (they carry no rejection). */
async function* asImportRows(rows: AsyncIterable<TestimonyFields>): AsyncGenerator<ImportRow> {
  let line = 0;
  for await (const fields of rows) yield { line: ++line, fields };
}

export function withDefaults(input: FieldsPatch): unknown {
  const { consent, ...rest } = validatePatch(input);
  const base = emptyFields();
  return { ...base, ...rest, consent: { ...base.consent, ...consent } };
}
