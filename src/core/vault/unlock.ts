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
import { InvalidInputError, VaultCorruptError, VaultExistsError } from '../../shared/errors';
import { VaultNotFoundError } from '../../shared/errors';
import { DEFAULT_KDF, type KdfParams } from '../crypto/kdf';
import { KeyRing } from '../crypto/keyring';
import { type MasterKey, asKey } from '../crypto/keys';
import { formatRecoveryKey, generateRecoverySecret } from '../crypto/recovery-key';
import { RecoveryShareError, combineShares } from '../crypto/recovery-shares';
import { loadSodium, randomBytes, wipe } from '../crypto/sodium';
import { writeFileAtomic } from '../fs/atomic';
import { FileIoError } from '../fs/errors';
import { newId } from '../ids';
import type { CustodyVolume } from '../custody/volume';
import { resealReceivedBundles } from '../bundles/received-bundles';
import { retagCustodyLog } from '../custody/retag';
import { type Db, type OpenDbOptions, checkDatabaseFile, openDatabase } from '../storage/db';
import { migrate } from '../storage/migrations';
import { readVaultId, writeVaultId } from '../storage/tables/meta';
import { assertPassphrase } from './header-keeper';
import {
  type VaultHeader,
  buildHeader,
  parseHeader,
  serializeHeader,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  unwrapWithShares,
  verifyHeaderMac,
} from './header';
import { VAULT_FILES } from './paths';

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

/** An unlocked vault folder, before the `Vault` object is built over it. */
export interface UnlockedFolder {
  dir: string;
  db: Db;
  keys: KeyRing;
  header: VaultHeader;
}

export function vaultExists(dir: string): boolean {
  return existsSync(join(resolve(dir), VAULT_FILES.header));
}

/**
 * Makes a vault folder: blobs/, vault.db, then vault.json last (a folder without it is not a
 * vault yet). `finish` builds on the unlocked folder (the first custody entry, the identity);
 * if anything fails, the folder is removed again. Returns finish's result and the recovery key,
 * to be shown to the user exactly once.
 */
export async function createFolder<T>(
  dirInput: string,
  passphrase: string,
  options: VaultOptions,
  finish: (folder: UnlockedFolder) => T,
): Promise<{ result: T; recoveryKey: string }> {
  await loadSodium();
  assertPassphrase(passphrase);
  const dir = resolve(dirInput);
  const checkFolder = () => {
    if (vaultExists(dir)) throw new VaultExistsError(dir);
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
    writeVaultId(db, vaultId);
    resealReceivedBundles(db, keys, vaultId);
    retagCustodyLog(db, keys, vaultId);
    writeFileAtomic(join(dir, VAULT_FILES.header), serializeHeader(header));
    const recoveryKey = formatRecoveryKey(recoverySecret);
    return { result: finish({ dir, db, keys, header }), recoveryKey };
  } catch (error) {
    db?.close();
    keys.wipe();
    if (madeFolder) rmSync(dir, { recursive: true, force: true });
    throw error;
  } finally {
    wipe(recoverySecret);
  }
}

/**
 * Unlocks a vault folder. Nothing is written until every check has passed: the header parses,
 * the credentials unwrap the master key, the header MAC holds and the database is this
 * header's. Only then is the schema migrated and are the upgrades that need keys run.
 */
export async function unlockFolder<T>(
  dirInput: string,
  credentials: Credentials,
  options: VaultOptions,
  finish: (folder: UnlockedFolder) => T,
): Promise<T> {
  await loadSodium();
  const dir = resolve(dirInput);
  const headerPath = join(dir, VAULT_FILES.header);
  if (!existsSync(headerPath) || !statSync(headerPath).isFile()) throw new VaultNotFoundError(dir);
  let headerText: string;
  try {
    headerText = readFileSync(headerPath, 'utf8');
  } catch (error) {
    throw new FileIoError('Cannot read the vault header', headerPath, error);
  }
  const header = parseHeader(headerText);
  const dbPath = join(dir, VAULT_FILES.database);
  // SQLite would create a missing vault.db, or write a fresh schema over an emptied one:
  // refuse instead.
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
    if (readVaultId(db) !== header.vaultId) {
      throw new VaultCorruptError('vault.db does not belong to this vault header', {
        file: VAULT_FILES.database,
      });
    }
    migrate(db);
    // Schema upgrades that need the keys.
    resealReceivedBundles(db, keys, header.vaultId);
    retagCustodyLog(db, keys, header.vaultId);
    mkdirSync(join(dir, VAULT_FILES.blobs), { recursive: true, mode: 0o700 });
    return finish({ dir, db, keys, header });
  } catch (error) {
    keys?.wipe();
    db.close();
    throw error;
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
