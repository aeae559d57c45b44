import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
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
import {
  formatRecoveryKey,
  generateRecoverySecret,
  parseRecoveryKey,
} from '../crypto/recovery-key';
import { loadSodium, sodium, wipe } from '../crypto/sodium';
import { writeFileAtomic } from '../fs/atomic';
import { newId } from '../ids';
import { type ImportReport, importFile } from '../records/bulk-import';
import { RecordStore } from '../records/record-store';
import { type TestimonyRecord, emptyFields } from '../../shared/records/types';
import { validatePatch } from '../../shared/records/validate';
import type { FieldsPatch } from '../../shared/records/validate';
import { type Db, type OpenDbOptions, checkpoint, openDatabase } from '../storage/db';
import {
  type VaultHeader,
  buildHeader,
  parseHeader,
  rewrapPassphrase,
  serializeHeader,
  unwrapWithPassphrase,
  unwrapWithRecovery,
  verifyHeaderMac,
} from './header';
import { VAULT_FILES } from './paths';

export type Credentials = { passphrase: string } | { recoveryKey: string };

export interface VaultOptions extends OpenDbOptions {
  /** Argon2id parameters for a new vault or passphrase; DEFAULT_KDF unless given explicitly. */
  kdf?: KdfParams;
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
  #db: Db | null;
  #keys: KeyRing;
  #header: VaultHeader;
  readonly #closers: (() => void)[] = [];
  readonly #deleteHooks: ((recordId: string) => (() => void) | void)[] = [];

  private constructor(dir: string, db: Db, keys: KeyRing, header: VaultHeader) {
    this.dir = dir;
    this.#db = db;
    this.#keys = keys;
    this.#header = header;
    this.vaultId = header.vaultId;
    this.records = new RecordStore(db, keys, header.vaultId);
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
    if (Vault.exists(dir)) throw new VaultExistsError(dir);
    if (existsSync(dir) && readdirSync(dir).length > 0) {
      throw new VaultExistsError(`${dir} (the folder is not empty)`);
    }
    mkdirSync(join(dir, VAULT_FILES.blobs), { recursive: true, mode: 0o700 });
    const masterKey = sodium().crypto_kdf_keygen();
    const recoverySecret = generateRecoverySecret();
    const keys = new KeyRing(masterKey);
    const vaultId = newId();
    let db: Db | null = null;
    try {
      db = openDatabase(join(dir, VAULT_FILES.database), options);
      db.prepare("INSERT INTO meta (key, value) VALUES ('vault_id', ?)").run(vaultId);
      const header = buildHeader({
        vaultId,
        masterKey,
        headerKey: keys.key('header'),
        passphrase,
        kdf: options.kdf ?? DEFAULT_KDF,
        recoverySecret,
        createdAt: new Date().toISOString(),
      });
      // The header is written last: a folder without vault.json is not a vault yet.
      writeFileAtomic(join(dir, VAULT_FILES.header), serializeHeader(header));
      const recoveryKey = formatRecoveryKey(recoverySecret);
      return { vault: new Vault(dir, db, keys, header), recoveryKey };
    } catch (error) {
      db?.close();
      keys.wipe();
      rmSync(dir, { recursive: true, force: true });
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
    const header = parseHeader(readFileSync(headerPath, 'utf8'));
    // Lock the database before the slow key derivation, so "in use" is said at once.
    const db = openDatabase(join(dir, VAULT_FILES.database), options);
    let keys: KeyRing | null = null;
    try {
      const masterKey =
        'passphrase' in credentials
          ? unwrapWithPassphrase(header, credentials.passphrase)
          : unwrapWithRecovery(header, parseRecoveryKey(credentials.recoveryKey));
      keys = new KeyRing(masterKey);
      verifyHeaderMac(header, keys.key('header'));
      const stored = db.prepare("SELECT value FROM meta WHERE key = 'vault_id'").get() as
        { value: string } | undefined;
      if (stored?.value !== header.vaultId) {
        throw new VaultCorruptError('vault.db does not belong to this vault header', {
          file: VAULT_FILES.database,
        });
      }
      mkdirSync(join(dir, VAULT_FILES.blobs), { recursive: true, mode: 0o700 });
      return new Vault(dir, db, keys, header);
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
    for (const then of after) then();
    this.checkpoint();
  }

  /** Adds a testimony (validated) and returns it. */
  addRecord(input: FieldsPatch): TestimonyRecord {
    return this.records.add(withDefaults(input));
  }

  /** Edits a testimony: a new revision with the patch applied. */
  updateRecord(id: string, patch: FieldsPatch): TestimonyRecord {
    return this.records.update(id, patch);
  }

  /** Bulk import of a .jsonl or .csv file, in batches; bad lines are reported, not imported. */
  importFile(path: string): Promise<ImportReport> {
    return importFile(this.records, path);
  }

  /** Runs fn in one write transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Moves the WAL into the database and truncates it (after deletions). */
  checkpoint(): void {
    checkpoint(this.db);
  }

  /** Re-wraps the master key under a new passphrase; nothing else is re-encrypted. */
  changePassphrase(newPassphrase: string, kdf: KdfParams = this.kdf): void {
    assertPassphrase(newPassphrase);
    const next = rewrapPassphrase(
      this.#header,
      this.keys.masterKey(),
      this.keys.key('header'),
      newPassphrase,
      kdf,
    );
    writeFileAtomic(join(this.dir, VAULT_FILES.header), serializeHeader(next));
    this.#header = next;
  }

  /** Lock: wipe every key, release the database. Idempotent. */
  close(): void {
    if (!this.#db) return;
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

function assertPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    throw new InvalidInputError(
      `The passphrase must have at least ${MIN_PASSPHRASE_CHARS} characters.`,
    );
  }
}

/** Completes a partial record (what the CLI and the UI send) with the empty defaults. */
export function withDefaults(input: FieldsPatch): unknown {
  const { consent, ...rest } = validatePatch(input);
  const base = emptyFields();
  return { ...base, ...rest, consent: { ...base.consent, ...consent } };
}
