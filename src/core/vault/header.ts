import {
  UnsupportedVersionError,
  VaultCorruptError,
  WrongPassphraseError,
  WrongRecoveryKeyError,
} from '../../shared/errors';
import { open, seal } from '../crypto/aead';
import { associatedData } from '../crypto/associated-data';
import {
  type KdfParams,
  SALT_BYTES,
  deriveKeyFromPassphrase,
  validateKdfParams,
} from '../crypto/kdf';
import { parseRecoveryKey, recoveryWrappingKey } from '../crypto/recovery-key';
import {
  type HeaderKey,
  type MasterKey,
  type PassphraseKey,
  type RecoveryWrapKey,
  type SharesWrapKey,
  asKey,
} from '../crypto/keys';
import { randomBytes, sodium, wipe } from '../crypto/sodium';
import { sharesWrappingKey } from '../crypto/recovery-shares';

/**
 * vault.json: the only file of the vault that is not entirely ciphertext. It holds what is
 * needed to unlock: the Argon2id parameters and salt, and the master key wrapped twice (under
 * the passphrase key and under the recovery key). Each wrap's associated data binds the vault id
 * and the KDF parameters, so weakening the stored parameters makes unlocking fail; a BLAKE2b MAC
 * under a key derived from the master key covers the whole header once unlocked.
 */
export const HEADER_FILE = 'vault.json';
export const HEADER_VERSION = 1;

export interface WrappedKey {
  nonceAndCiphertext: string; // base64
}

export interface VaultHeader {
  format: 'testimony-vault';
  version: number;
  vaultId: string;
  createdAt: string;
  kdf: KdfParams & { salt: string };
  passphraseWrap: string;
  recoveryWrap: string;
  /** Shared recovery (docs/custody.md): present once shares were made; a new split replaces it. */
  shares?: SharesWrap;
  mac: string;
}

export interface SharesWrap {
  splitId: string;
  threshold: number;
  count: number;
  wrap: string;
}

/** Standard base64 with padding (RFC 4648 section 4); decoding accepts only canonical text. */
const b64 = {
  encode: (bytes: Uint8Array) => Buffer.from(bytes).toString('base64'),
  decode(text: string): Uint8Array {
    const bytes = Buffer.from(text, 'base64');
    if (bytes.toString('base64') !== text) throw new RangeError('not canonical base64');
    return new Uint8Array(bytes);
  },
};

function passphraseAd(vaultId: string, kdf: VaultHeader['kdf']): Uint8Array {
  return associatedData(
    'tvault-wrap-passphrase',
    HEADER_VERSION,
    vaultId,
    kdf.alg,
    kdf.opslimit,
    kdf.memlimit,
    kdf.salt,
  );
}

function recoveryAd(vaultId: string): Uint8Array {
  return associatedData('tvault-wrap-recovery', HEADER_VERSION, vaultId);
}

function sharesAd(vaultId: string, shares: Omit<SharesWrap, 'wrap'>): Uint8Array {
  return associatedData(
    'tvault-wrap-shares',
    HEADER_VERSION,
    vaultId,
    shares.splitId,
    shares.threshold,
    shares.count,
  );
}

function macInput(header: Omit<VaultHeader, 'mac'>): Uint8Array {
  const { kdf, shares } = header;
  // Headers without shares keep their original MAC input (vaults made before shares existed).
  const sharesParts = shares
    ? ['shares', shares.splitId, shares.threshold, shares.count, shares.wrap]
    : [];
  return associatedData(
    'tvault-header-mac',
    header.format,
    header.version,
    header.vaultId,
    header.createdAt,
    kdf.alg,
    kdf.opslimit,
    kdf.memlimit,
    kdf.salt,
    header.passphraseWrap,
    header.recoveryWrap,
    ...sharesParts,
  );
}

function headerMac(headerKey: HeaderKey, header: Omit<VaultHeader, 'mac'>): Uint8Array {
  return sodium().blake2b({ length: 32, message: macInput(header), key: headerKey });
}

/** The header with some fields replaced and its MAC computed anew over the result. */
function withFields(
  header: VaultHeader,
  headerKey: HeaderKey,
  fields: Partial<Omit<VaultHeader, 'mac'>>,
): VaultHeader {
  const { mac: _mac, ...rest } = header;
  const partial = { ...rest, ...fields };
  return { ...partial, mac: b64.encode(headerMac(headerKey, partial)) };
}

/**
 * Opens one wrap of the master key and wipes its key-encryption key whatever happens. Any
 * failure is `failure()`: a wrong secret and a tampered wrap must look the same to the caller.
 */
function openMasterKey(
  kek: PassphraseKey | RecoveryWrapKey | SharesWrapKey,
  sealed: Uint8Array,
  ad: Uint8Array,
  failure: () => Error,
): MasterKey {
  try {
    return asKey(open({ key: kek, sealed, ad, subject: 'vault header' }), 'master');
  } catch {
    throw failure();
  } finally {
    wipe(kek);
  }
}

export async function buildHeader(args: {
  vaultId: string;
  masterKey: MasterKey;
  headerKey: HeaderKey;
  passphrase: string;
  kdf: KdfParams;
  recoverySecret: Uint8Array;
  createdAt: string;
}): Promise<VaultHeader> {
  validateKdfParams(args.kdf);
  const kdf = { ...args.kdf, salt: b64.encode(randomBytes(SALT_BYTES)) };
  const kek = await deriveKeyFromPassphrase(args.passphrase, b64.decode(kdf.salt), args.kdf);
  const recoveryKek = recoveryWrappingKey(args.recoverySecret);
  try {
    const partial: Omit<VaultHeader, 'mac'> = {
      format: 'testimony-vault',
      version: HEADER_VERSION,
      vaultId: args.vaultId,
      createdAt: args.createdAt,
      kdf,
      passphraseWrap: b64.encode(
        seal({ key: kek, plain: args.masterKey, ad: passphraseAd(args.vaultId, kdf) }),
      ),
      recoveryWrap: b64.encode(
        seal({ key: recoveryKek, plain: args.masterKey, ad: recoveryAd(args.vaultId) }),
      ),
    };
    return { ...partial, mac: b64.encode(headerMac(args.headerKey, partial)) };
  } finally {
    wipe(kek, recoveryKek);
  }
}

/** Replaces the passphrase wrap (new salt, possibly new parameters); the master key is unchanged. */
export async function rewrapPassphrase(
  header: VaultHeader,
  masterKey: MasterKey,
  headerKey: HeaderKey,
  passphrase: string,
  params: KdfParams,
): Promise<VaultHeader> {
  validateKdfParams(params);
  const kdf = { ...params, salt: b64.encode(randomBytes(SALT_BYTES)) };
  const kek = await deriveKeyFromPassphrase(passphrase, b64.decode(kdf.salt), params);
  try {
    return withFields(header, headerKey, {
      kdf,
      passphraseWrap: b64.encode(
        seal({ key: kek, plain: masterKey, ad: passphraseAd(header.vaultId, kdf) }),
      ),
    });
  } finally {
    wipe(kek);
  }
}

export async function unwrapWithPassphrase(
  header: VaultHeader,
  passphrase: string,
): Promise<MasterKey> {
  // Decoded before the try: a malformed field is VAULT.CORRUPT, not a wrong passphrase.
  const salt = decodeField(header.kdf.salt, 'salt');
  const wrap = decodeField(header.passphraseWrap, 'wrap');
  const kek = await deriveKeyFromPassphrase(passphrase, salt, header.kdf);
  return openMasterKey(
    kek,
    wrap,
    passphraseAd(header.vaultId, header.kdf),
    () => new WrongPassphraseError(),
  );
}

export function unwrapWithRecovery(header: VaultHeader, recoverySecret: Uint8Array): MasterKey {
  const wrap = decodeField(header.recoveryWrap, 'wrap');
  const kek = recoveryWrappingKey(recoverySecret);
  return openMasterKey(kek, wrap, recoveryAd(header.vaultId), () => new WrongRecoveryKeyError());
}

/** Parses the recovery key as typed and unwraps with it; the parsed secret is wiped after. */
export function unwrapWithRecoveryKey(header: VaultHeader, recoveryKey: string): MasterKey {
  const secret = parseRecoveryKey(recoveryKey);
  try {
    return unwrapWithRecovery(header, secret);
  } finally {
    wipe(secret);
  }
}

/** A header whose recovery wrap is under a new recovery secret (the old key stops working). */
export function withRecoverySecret(
  header: VaultHeader,
  masterKey: MasterKey,
  headerKey: HeaderKey,
  secret: Uint8Array,
): VaultHeader {
  const kek = recoveryWrappingKey(secret);
  try {
    return withFields(header, headerKey, {
      recoveryWrap: b64.encode(
        seal({ key: kek, plain: masterKey, ad: recoveryAd(header.vaultId) }),
      ),
    });
  } finally {
    wipe(kek);
  }
}

/** A header with the master key wrapped under a new split's secret; the previous split is gone. */
export function withShares(
  header: VaultHeader,
  masterKey: MasterKey,
  headerKey: HeaderKey,
  split: { splitId: string; threshold: number; count: number; secret: Uint8Array },
): VaultHeader {
  const kek = sharesWrappingKey(split.secret);
  try {
    const meta = { splitId: split.splitId, threshold: split.threshold, count: split.count };
    return withFields(header, headerKey, {
      shares: {
        ...meta,
        wrap: b64.encode(seal({ key: kek, plain: masterKey, ad: sharesAd(header.vaultId, meta) })),
      },
    });
  } finally {
    wipe(kek);
  }
}

/** Unwraps the master key with a secret rebuilt from shares. */
export function unwrapWithShares(header: VaultHeader, secret: Uint8Array): MasterKey {
  if (!header.shares) throw new WrongRecoveryKeyError();
  const wrap = decodeField(header.shares.wrap, 'shares');
  const kek = sharesWrappingKey(secret);
  return openMasterKey(
    kek,
    wrap,
    sharesAd(header.vaultId, header.shares),
    () => new WrongRecoveryKeyError(),
  );
}

/** Checks the header MAC after unlocking: detects any edit of the header's other fields. */
export function verifyHeaderMac(header: VaultHeader, headerKey: HeaderKey): void {
  const { mac, ...rest } = header;
  const expected = headerMac(headerKey, rest);
  const stored = decodeField(mac, 'mac');
  // A shortened MAC is VAULT.CORRUPT too (equal() is false for other lengths).
  if (!sodium().equal(expected, stored)) {
    throw new VaultCorruptError('the vault header was modified', { file: HEADER_FILE });
  }
}

function decodeField(value: string, name: string): Uint8Array {
  try {
    return b64.decode(value);
  } catch {
    throw new VaultCorruptError(`the vault header field ${name} is not valid`, {
      file: HEADER_FILE,
    });
  }
}

/** Parses vault.json defensively: any shape error is a clear VAULT.CORRUPT, never a crash. */
export function parseHeader(text: string): VaultHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new VaultCorruptError('the vault header is not valid JSON', { file: HEADER_FILE });
  }
  const h = value as Partial<VaultHeader> | null;
  if (!h || typeof h !== 'object' || h.format !== 'testimony-vault') {
    throw new VaultCorruptError('the vault header is not a Testimony Vault header', {
      file: HEADER_FILE,
    });
  }
  if (typeof h.version !== 'number') throw new VaultCorruptError('the vault header has no version');
  if (h.version > HEADER_VERSION)
    throw new UnsupportedVersionError('Vault header', h.version, HEADER_VERSION);
  const kdf = h.kdf;
  const ok =
    typeof h.vaultId === 'string' &&
    /^[0-9a-f]{32}$/.test(h.vaultId) &&
    typeof h.createdAt === 'string' &&
    kdf !== undefined &&
    kdf !== null &&
    typeof kdf === 'object' &&
    kdf.alg === 'argon2id13' &&
    typeof kdf.opslimit === 'number' &&
    typeof kdf.memlimit === 'number' &&
    typeof kdf.salt === 'string' &&
    typeof h.passphraseWrap === 'string' &&
    typeof h.recoveryWrap === 'string' &&
    typeof h.mac === 'string';
  if (!ok) throw new VaultCorruptError('the vault header is incomplete', { file: HEADER_FILE });
  const shares = h.shares as Partial<SharesWrap> | undefined;
  if (
    shares !== undefined &&
    (shares === null ||
      typeof shares !== 'object' ||
      typeof shares.splitId !== 'string' ||
      !/^[0-9a-f]{8}$/.test(shares.splitId) ||
      !Number.isInteger(shares.threshold) ||
      !Number.isInteger(shares.count) ||
      typeof shares.wrap !== 'string')
  )
    throw new VaultCorruptError('the vault header has invalid recovery shares', {
      file: HEADER_FILE,
    });
  try {
    validateKdfParams(kdf);
  } catch {
    throw new VaultCorruptError('the vault header has invalid key-derivation parameters', {
      file: HEADER_FILE,
    });
  }
  // libsodium throws a plain error on a salt of the wrong size: say VAULT.CORRUPT instead.
  if (decodeField(kdf.salt, 'salt').length !== SALT_BYTES) {
    throw new VaultCorruptError('the vault header field salt is not valid', { file: HEADER_FILE });
  }
  return h as VaultHeader;
}

export function serializeHeader(header: VaultHeader): string {
  return `${JSON.stringify(header, null, 2)}\n`;
}
