import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sodium from 'libsodium-wrappers-sumo';

/**
 * A second, independent vault reader written from docs/crypto.md (and, for blobs,
 * docs/attachments.md) alone, as someone would in another language: it imports nothing from
 * src/, uses the WebAssembly libsodium directly and any SQLite. If the docs and the product
 * disagree, the tests comparing the two fail.
 */
export class SpecError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const utf8 = new TextEncoder();
const fromUtf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
const b64 = (text: string) => sodium.from_base64(text, sodium.base64_variants.ORIGINAL);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** "u32 big-endian byte length || bytes" per part; every part is text (numbers as decimal). */
export function ad(...parts: (string | number)[]): Uint8Array {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const bytes = Buffer.from(typeof part === 'number' ? part.toString(10) : part, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    chunks.push(length, bytes);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** nonce (24) || ciphertext || tag (16), XChaCha20-Poly1305 IETF. */
export function openSealed(key: Uint8Array, sealed: Uint8Array, data: Uint8Array): Uint8Array {
  if (sealed.length < 40) throw new SpecError('INTEGRITY.FAILED');
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(24),
      data,
      sealed.subarray(0, 24),
      key,
    );
  } catch {
    throw new SpecError('INTEGRITY.FAILED');
  }
}

/** Removes trailing 0x00 bytes, then exactly one 0x80. */
export function unpad(padded: Uint8Array): Uint8Array {
  let end = padded.length;
  while (end > 0 && padded[end - 1] === 0x00) end -= 1;
  if (end === 0 || padded[end - 1] !== 0x80) throw new SpecError('INTEGRITY.FAILED');
  return padded.subarray(0, end - 1);
}

/** The padded length of an L-byte plaintext, by the rule in the docs. */
export function paddedLength(length: number): number {
  const n = length + 1;
  const block = n < 4096 ? 256 : 2 ** Math.ceil(Math.log2(n)) / 16;
  return block * (Math.floor(length / block) + 1);
}

/** Opens a padded value; returns the associated data used (hex), for comparing with vectors. */
export function openPadded(key: Uint8Array, sealed: Uint8Array, data: Uint8Array) {
  const padded = openSealed(key, sealed, data);
  return { ad: hex(data), paddedLength: padded.length, plaintext: fromUtf8(unpad(padded)) };
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The recovery key as typed -> its 32-byte secret; VAULT.WRONG_RECOVERY_KEY otherwise. */
export function readRecoveryKey(text: string) {
  const wrong = () => new SpecError('VAULT.WRONG_RECOVERY_KEY');
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!cleaned.startsWith('TV1')) throw wrong();
  const body = cleaned.slice(3);
  if (body.length !== 55) throw wrong();
  let bits = '';
  for (const ch of body) {
    const value = CROCKFORD.indexOf(ch);
    if (value < 0) throw wrong();
    bits += value.toString(2).padStart(5, '0');
  }
  if (/1/.test(bits.slice(272))) throw wrong();
  const payload = new Uint8Array(34);
  for (let i = 0; i < 34; i++) payload[i] = Number.parseInt(bits.slice(8 * i, 8 * i + 8), 2);
  const secret = payload.slice(0, 32);
  const checksum = sodium.crypto_generichash(2, secret, utf8.encode('tvault recovery checksum'));
  if (hex(checksum) !== hex(payload.subarray(32))) throw wrong();
  return {
    secret,
    checksum,
    wrappingKey: sodium.crypto_generichash(32, secret, utf8.encode('tvault recovery kek')),
  };
}

export const CONTEXTS = [
  'tvheader',
  'tvrecord',
  'tvattach',
  'tvsearch',
  'tvidenty',
  'tvpartnr',
  'tvrcvids',
  'tvrcvrow',
  'tvbundle',
  'tvcustdy',
  'tvcustix',
  'tvimpids',
  'tvimprow',
  'tvteamid',
  'tvteamrw',
  'tvvocabl',
] as const;
export type Context = (typeof CONTEXTS)[number];

export interface Header {
  format: string;
  version: number;
  vaultId: string;
  createdAt: string;
  kdf: { alg: string; opslimit: number; memlimit: number; salt: string };
  passphraseWrap: string;
  recoveryWrap: string;
  mac: string;
}

export function readHeader(dir: string): Header {
  const header = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8')) as Header;
  const { kdf } = header;
  if (
    header.format !== 'testimony-vault' ||
    header.version !== 1 ||
    !/^[0-9a-f]{32}$/.test(header.vaultId) ||
    kdf.alg !== 'argon2id13' ||
    kdf.opslimit < 1 ||
    kdf.opslimit > 64 ||
    kdf.memlimit < 8192 ||
    kdf.memlimit > 4 * 1024 ** 3 ||
    b64(kdf.salt).length !== 16
  )
    throw new SpecError('VAULT.CORRUPT');
  return header;
}

export function headerMacInput(h: Header): Uint8Array {
  return ad(
    'tvault-header-mac',
    h.format,
    h.version,
    h.vaultId,
    h.createdAt,
    h.kdf.alg,
    h.kdf.opslimit,
    h.kdf.memlimit,
    h.kdf.salt,
    h.passphraseWrap,
    h.recoveryWrap,
  );
}

export interface Unlocked {
  header: Header;
  kek: Uint8Array | null;
  masterKey: Uint8Array;
  keys: Record<Context, Uint8Array>;
}

export function unlock(
  dir: string,
  credentials: { passphrase: string } | { recoveryKey: string },
): Unlocked {
  const header = readHeader(dir);
  const { kdf, vaultId } = header;
  let kek: Uint8Array | null = null;
  let masterKey: Uint8Array;
  if ('passphrase' in credentials) {
    kek = sodium.crypto_pwhash(
      32,
      utf8.encode(credentials.passphrase.normalize('NFC')),
      b64(kdf.salt),
      kdf.opslimit,
      kdf.memlimit,
      sodium.crypto_pwhash_ALG_ARGON2ID13,
    );
    const data = ad(
      'tvault-wrap-passphrase',
      1,
      vaultId,
      kdf.alg,
      kdf.opslimit,
      kdf.memlimit,
      kdf.salt,
    );
    try {
      masterKey = openSealed(kek, b64(header.passphraseWrap), data);
    } catch {
      throw new SpecError('VAULT.WRONG_PASSPHRASE');
    }
  } else {
    const { wrappingKey } = readRecoveryKey(credentials.recoveryKey);
    try {
      masterKey = openSealed(
        wrappingKey,
        b64(header.recoveryWrap),
        ad('tvault-wrap-recovery', 1, vaultId),
      );
    } catch {
      throw new SpecError('VAULT.WRONG_RECOVERY_KEY');
    }
  }
  if (masterKey.length !== 32) throw new SpecError('VAULT.CORRUPT');
  const keys = Object.fromEntries(
    CONTEXTS.map((context) => [
      context,
      sodium.crypto_kdf_derive_from_key(32, 1, context, masterKey),
    ]),
  ) as Record<Context, Uint8Array>;
  const mac = sodium.crypto_generichash(32, headerMacInput(header), keys.tvheader);
  const stored = b64(header.mac);
  if (stored.length !== 32 || !sodium.memcmp(mac, stored)) throw new SpecError('VAULT.CORRUPT');
  return { header, kek, masterKey, keys };
}

/** SQLite access to a vault copy (SQLite writes -wal/-shm files next to the database). */
export function openDb(dir: string, vault: Unlocked): Database.Database {
  const db = new Database(join(dir, 'vault.db'), { readonly: true, fileMustExist: true });
  const row = db.prepare("SELECT value FROM meta WHERE key = 'vault_id'").get() as
    { value: string } | undefined;
  if (row?.value !== vault.header.vaultId) {
    db.close();
    throw new SpecError('VAULT.CORRUPT');
  }
  return db;
}

export function readRecord(db: Database.Database, vault: Unlocked, recordId: string) {
  const vaultId = vault.header.vaultId;
  const row = db
    .prepare('SELECT kind, head, wrapped_key, summary FROM records WHERE id = ?')
    .get(recordId) as { kind: string; head: number; wrapped_key: Uint8Array; summary: Uint8Array };
  const wrappedKeyAd = ad('tvault-record-key', vaultId, recordId, row.kind);
  const dataKey = openSealed(vault.keys.tvrecord, row.wrapped_key, wrappedKeyAd);
  const revisions = (
    db
      .prepare('SELECT revision, sealed FROM revisions WHERE record_id = ? ORDER BY revision')
      .all(recordId) as { revision: number; sealed: Uint8Array }[]
  ).map((r) => ({
    revision: r.revision,
    ...openPadded(
      dataKey,
      r.sealed,
      ad('tvault-revision', vaultId, recordId, row.kind, r.revision),
    ),
  }));
  if (
    revisions.map((r) => r.revision).join() !==
    Array.from({ length: row.head }, (_, i) => i + 1).join()
  )
    throw new SpecError('INTEGRITY.FAILED');
  const summary = openPadded(
    dataKey,
    row.summary,
    ad('tvault-summary', vaultId, recordId, row.kind, row.head),
  );
  return {
    kind: row.kind,
    head: row.head,
    wrappedKeyAd: hex(wrappedKeyAd),
    dataKey,
    revisions,
    summary,
  };
}

export function readIdentity(db: Database.Database, vault: Unlocked) {
  const { value } = db.prepare("SELECT value FROM meta WHERE key = 'identity'").get() as {
    value: Uint8Array;
  };
  const data = ad('tvault-identity', vault.header.vaultId, 1);
  const plain = openSealed(vault.keys.tvidenty, value, data);
  if (plain.length !== 129 || plain[0] !== 0x01) throw new SpecError('VAULT.CORRUPT');
  return {
    ad: hex(data),
    plaintext: plain,
    ed25519SecretKey: plain.slice(1, 65),
    ed25519PublicKey: plain.slice(33, 65),
    x25519PublicKey: plain.slice(65, 97),
    x25519SecretKey: plain.slice(97, 129),
  };
}

export function readPartners(db: Database.Database, vault: Unlocked) {
  const rows = db.prepare('SELECT id, sealed FROM partners').all() as {
    id: string;
    sealed: Uint8Array;
  }[];
  return rows.map((row) => ({
    id: row.id,
    ...openPadded(
      vault.keys.tvpartnr,
      row.sealed,
      ad('tvault-partner', vault.header.vaultId, row.id),
    ),
  }));
}

/** The vocabulary row (docs/crypto.md, "The vocabulary"), or null when there is none. */
export function readVocabulary(db: Database.Database, vault: Unlocked) {
  const row = db.prepare('SELECT sealed FROM vocabulary WHERE slot = 1').get() as
    { sealed: Uint8Array } | undefined;
  if (!row) return null;
  return openPadded(
    vault.keys.tvvocabl,
    row.sealed,
    ad('tvault-vocabulary', vault.header.vaultId, 1),
  );
}

/** The receipt of bundle `bundleId`, found by its keyed row id; null when not received. */
export function readReceived(db: Database.Database, vault: Unlocked, bundleId: string) {
  const id = hex(
    sodium.crypto_generichash(
      32,
      utf8.encode(`tvault-received-bundle:${bundleId}`),
      vault.keys.tvrcvids,
    ),
  );
  const row = db.prepare('SELECT sealed FROM received_bundles WHERE id = ?').get(id) as
    { sealed: Uint8Array } | undefined;
  if (!row) return null;
  return {
    id,
    ...openPadded(
      vault.keys.tvrcvrow,
      row.sealed,
      ad('tvault-received-bundle', vault.header.vaultId, id),
    ),
  };
}

/** An attachment's row and blob (docs/attachments.md), with the SHA-256 of its bytes. */
export function readAttachment(db: Database.Database, dir: string, vault: Unlocked, id: string) {
  const row = db
    .prepare('SELECT record_id, wrapped_key, meta, extracted_text FROM attachments WHERE id = ?')
    .get(id) as {
    record_id: string;
    wrapped_key: Uint8Array;
    meta: Uint8Array;
    extracted_text: Uint8Array | null;
  };
  const binding = [1, vault.header.vaultId, id, row.record_id] as const;
  const keyAd = ad('tvault-attachment-key', ...binding);
  const fileKey = openSealed(vault.keys.tvattach, row.wrapped_key, keyAd);
  const meta = openPadded(fileKey, row.meta, ad('tvault-attachment-meta', ...binding));
  const text = row.extracted_text
    ? openPadded(fileKey, row.extracted_text, ad('tvault-attachment-text', ...binding))
    : null;
  const { size } = JSON.parse(meta.plaintext) as { size: number };
  const blob = new Uint8Array(readFileSync(join(dir, 'blobs', id)));
  const header = blob.subarray(0, 16);
  if (hex(header) !== '5456424c4f4201010001000000000000') throw new SpecError('INTEGRITY.FAILED');
  const chunks = Math.max(1, Math.ceil(size / 65536));
  if (blob.length !== 16 + size + 16 * chunks) throw new SpecError('INTEGRITY.FAILED');
  const chunkAd = ad('tvault-attachment-chunk', 1, id, hex(header));
  const parts: Uint8Array[] = [];
  for (let i = 0; i < chunks; i++) {
    const start = 16 + 65552 * i;
    const end = Math.min(start + 65552, blob.length);
    const nonce = new Uint8Array(12);
    new DataView(nonce.buffer).setBigUint64(3, BigInt(i));
    nonce[11] = i === chunks - 1 ? 1 : 0;
    try {
      parts.push(
        sodium.crypto_aead_chacha20poly1305_ietf_decrypt(
          null,
          blob.subarray(start, end),
          chunkAd,
          nonce,
          fileKey,
        ),
      );
    } catch {
      throw new SpecError('INTEGRITY.FAILED');
    }
  }
  const bytes = Buffer.concat(parts);
  return {
    recordId: row.record_id,
    keyAd: hex(keyAd),
    fileKey,
    meta,
    text,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
