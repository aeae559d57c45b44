// Generates docs/test-vectors/vault-v1: a small vault folder (header, database, one blob) made
// by the product, with its passphrase, its recovery key and every intermediate value, so that
// someone writing an independent reader from docs/crypto.md can check it step by step.
//
//   node --import tsx scripts/make-vault-vectors.ts
//
// The vault uses deliberately weak, explicit Argon2id parameters (VECTOR_KDF below) so that a
// reader in any language opens it in milliseconds; never use them for a real vault. Keys, ids and
// nonces are random, so regenerating gives new bytes; tests/vault/test-vectors.test.ts checks
// whatever is committed.
import { createHash } from 'node:crypto';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { exportBundle } from '../src/core/bundles/export';
import { receiveBundle } from '../src/core/bundles/receive';
import libsodium from 'libsodium-wrappers-sumo';
import { open as openSealed } from '../src/core/crypto/aead';
import { associatedData } from '../src/core/crypto/associated-data';
import { type AnyKey, asKey, copyKey } from '../src/core/crypto/keys';
import { pad, unpad } from '../src/core/crypto/padding';
import { type KdfParams, deriveKeyFromPassphrase } from '../src/core/crypto/kdf';
import { KEY_PURPOSES, KeyRing, type KeyPurpose } from '../src/core/crypto/keyring';
import { parseRecoveryKey, recoveryWrappingKey } from '../src/core/crypto/recovery-key';
import { loadSodium } from '../src/core/crypto/sodium';
import { adFor } from '../src/core/records/codec';
import { SCHEMA_VERSION } from '../src/core/storage/migrations';
import { parseHeader } from '../src/core/vault/header';
import { Vault } from '../src/core/vault/vault';

const ROOT = join(import.meta.dirname, '..', 'docs', 'test-vectors', 'vault-v1');
const PASSPHRASE = 'correct horse battery staple – vault vector';
/** libsodium's minimum passes, 8 MiB: fast enough for any test suite. Never for real use. */
const VECTOR_KDF: KdfParams = { alg: 'argon2id13', opslimit: 1, memlimit: 8 * 1024 * 1024 };

await loadSodium();
await libsodium.ready;
// libsodium itself, for what the vault's port does not offer (base64, short BLAKE2b by name).
const s = libsodium;
const open = (key: AnyKey, sealed: Uint8Array, ad: Uint8Array, subject: string) =>
  openSealed({ key, sealed, ad, subject });
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const utf8 = new TextDecoder('utf-8', { fatal: true });
const b64 = (text: string) => s.from_base64(text, s.base64_variants.ORIGINAL);

const work = mkdtempSync(join(tmpdir(), 'tvault-vault-vectors-'));
try {
  // A partner vault, only to send this vault one bundle (so it holds a partner and a
  // received-bundle row).
  const partner = await Vault.create(join(work, 'partner'), PASSPHRASE, { kdf: VECTOR_KDF });
  const made = await Vault.create(join(work, 'vault'), PASSPHRASE, { kdf: VECTOR_KDF });
  const vault = made.vault;
  partner.vault.partners.add('Vector Vault', vault.identity.identityString());
  partner.vault.partners.verify('Vector Vault');
  vault.partners.add('Partner Collective', partner.vault.identity.identityString());
  vault.partners.verify('Partner Collective');
  vault.vocabulary.put({
    id: 'threats',
    prefLabel: { en: 'threats', es: 'amenazas', fr: 'menaces', ar: 'تهديد' },
    altLabel: { es: ['amenaza'] },
  });

  const record = vault.addRecord({
    title: 'Testimony / شهادة',
    body: 'What happened, in the narrator’s words.',
    lang: 'en',
    narrator: 'Narrator 1',
    date: '2024-11',
    tags: ['online-abuse'],
    consent: { status: 'given', scope: 'archive-only', date: '2024-12-01', note: '' },
  });
  vault.updateRecord(record.id, { warning: 'Describes threats of violence.' });
  const evidence = new TextEncoder().encode('Screenshot transcript: "we know where you live".\n');
  const attachment = await vault.attachments.attachStream(
    record.id,
    (async function* () {
      yield evidence;
    })(),
    { name: 'transcript.txt', mime: 'text/plain', modifiedAt: '2024-11-20T18:30:00.000Z' },
  );

  partner.vault.addRecord({
    title: 'Shared testimony',
    body: 'Received from a partner.',
    lang: 'en',
    consent: { status: 'given', scope: 'share-with-partners', date: null, note: '' },
  });
  const bundlePath = join(work, 'to-vector.tvb');
  const sent = await exportBundle(partner.vault, {
    to: ['Vector Vault'],
    all: true,
    out: bundlePath,
  });
  await receiveBundle(vault, bundlePath);

  // Every intermediate value, from the product's own functions.
  const header = parseHeader(readFileSync(join(work, 'vault', 'vault.json'), 'utf8'));
  const master = copyKey(vault.keys.masterKey());
  const purposeKeys = Object.fromEntries(
    (Object.keys(KEY_PURPOSES) as KeyPurpose[]).map((p) => [
      KEY_PURPOSES[p],
      hex(vault.keys.key(p)),
    ]),
  );
  const kek = await deriveKeyFromPassphrase(PASSPHRASE, b64(header.kdf.salt), header.kdf);
  const secret = parseRecoveryKey(made.recoveryKey);
  // The vault wipes its keys on close; a key ring of our own over a copy of the master key.
  const ring = new KeyRing(copyKey(master));
  const key = (p: KeyPurpose) => ring.key(p);
  const vaultId = vault.vaultId;
  vault.close();
  partner.vault.close();

  const db = new Database(join(work, 'vault', 'vault.db'), { readonly: true });
  const get = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
  const all = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];
  const opened = (k: AnyKey, sealed: Uint8Array, ad: Uint8Array) => {
    const padded = open(k, sealed, ad, 'vector');
    return {
      ad: hex(ad),
      paddedLength: padded.length,
      plaintext: utf8.decode(unpad(padded, 'vector')),
    };
  };

  const row = get<{ kind: string; head: number; wrapped_key: Uint8Array; summary: Uint8Array }>(
    'SELECT kind, head, wrapped_key, summary FROM records WHERE id = ?',
    record.id,
  );
  const dataKey = asKey(
    open(key('records'), row.wrapped_key, adFor.recordKey(vaultId, record.id, row.kind), 'k'),
    'record-data',
  );
  const revisions = all<{ revision: number; sealed: Uint8Array }>(
    'SELECT revision, sealed FROM revisions WHERE record_id = ? ORDER BY revision',
    record.id,
  ).map((r) => {
    const ad = adFor.revision(vaultId, record.id, row.kind, r.revision);
    return { revision: r.revision, ...opened(dataKey, r.sealed, ad) };
  });
  const summaryAd = adFor.summary(vaultId, record.id, row.kind, row.head);

  const identitySealed = get<{ value: Uint8Array }>(
    "SELECT value FROM meta WHERE key = 'identity'",
  ).value;
  const identityAd = associatedData('tvault-identity', vaultId, 1);
  const identityPlain = open(key('identity'), identitySealed, identityAd, 'identity');

  const partnerRow = get<{ id: string; sealed: Uint8Array }>('SELECT id, sealed FROM partners');
  const partnerAd = associatedData('tvault-partner', vaultId, partnerRow.id);

  const vocabularyRow = get<{ sealed: Uint8Array }>('SELECT sealed FROM vocabulary');
  const vocabularyAd = associatedData('tvault-vocabulary', vaultId, 1);

  const receivedInput = `tvault-received-bundle:${sent.bundleId}`;
  const receivedRow = get<{ id: string; sealed: Uint8Array }>(
    'SELECT id, sealed FROM received_bundles',
  );
  const receivedAd = associatedData('tvault-received-bundle', vaultId, receivedRow.id);

  const binding = [1, vaultId, attachment.id, record.id] as const;
  const attRow = get<{
    wrapped_key: Uint8Array;
    meta: Uint8Array;
    extracted_text: Uint8Array | null;
  }>('SELECT wrapped_key, meta, extracted_text FROM attachments WHERE id = ?', attachment.id);
  const keyAd = associatedData('tvault-attachment-key', ...binding);
  const metaAd = associatedData('tvault-attachment-meta', ...binding);
  const textAd = associatedData('tvault-attachment-text', ...binding);
  const fileKey = asKey(open(key('attachments'), attRow.wrapped_key, keyAd, 'file key'), 'file');
  db.close();

  const macInput = associatedData(
    'tvault-header-mac',
    header.format,
    header.version,
    header.vaultId,
    header.createdAt,
    header.kdf.alg,
    header.kdf.opslimit,
    header.kdf.memlimit,
    header.kdf.salt,
    header.passphraseWrap,
    header.recoveryWrap,
  );

  const vectors = {
    note: 'Test vectors for docs/crypto.md. Weak KDF parameters: never use them for a real vault.',
    passphrase: PASSPHRASE,
    recoveryKey: made.recoveryKey,
    // The same key as someone might type it: lower case, spaces instead of dashes, O for 0, l for 1.
    recoveryKeyTyped: made.recoveryKey
      .toLowerCase()
      .replace(/-/g, ' ')
      .replace(/0/g, 'o')
      .replace(/1/g, 'l'),
    recovery: {
      secret: hex(secret),
      checksum: hex(
        s.crypto_generichash(2, secret, new TextEncoder().encode('tvault recovery checksum')),
      ),
      wrappingKey: hex(recoveryWrappingKey(secret)),
      wrapAd: hex(associatedData('tvault-wrap-recovery', header.version, vaultId)),
    },
    passphraseKey: {
      salt: hex(b64(header.kdf.salt)),
      kek: hex(kek),
      wrapAd: hex(
        associatedData(
          'tvault-wrap-passphrase',
          header.version,
          vaultId,
          header.kdf.alg,
          header.kdf.opslimit,
          header.kdf.memlimit,
          header.kdf.salt,
        ),
      ),
    },
    masterKey: hex(master),
    purposeKeys,
    headerMac: { input: hex(macInput), mac: hex(b64(header.mac)) },
    vaultId,
    schemaVersion: SCHEMA_VERSION,
    record: {
      id: record.id,
      kind: row.kind,
      head: row.head,
      wrappedKeyAd: hex(adFor.recordKey(vaultId, record.id, row.kind)),
      dataKey: hex(dataKey),
      revisions,
      summary: opened(dataKey, row.summary, summaryAd),
    },
    identity: {
      ad: hex(identityAd),
      plaintext: hex(identityPlain),
      ed25519SecretKey: hex(identityPlain.subarray(1, 65)),
      ed25519PublicKey: hex(identityPlain.subarray(33, 65)),
      x25519PublicKey: hex(identityPlain.subarray(65, 97)),
      x25519SecretKey: hex(identityPlain.subarray(97, 129)),
    },
    partner: {
      id: partnerRow.id,
      ...opened(key('partners'), partnerRow.sealed, partnerAd),
    },
    vocabulary: opened(key('vocabulary'), vocabularyRow.sealed, vocabularyAd),
    receivedBundle: {
      bundleId: sent.bundleId,
      idInput: receivedInput,
      id: receivedRow.id,
      ...opened(key('receivedRows'), receivedRow.sealed, receivedAd),
    },
    attachment: {
      id: attachment.id,
      recordId: record.id,
      keyAd: hex(keyAd),
      fileKey: hex(fileKey),
      meta: opened(fileKey, attRow.meta, metaAd),
      text: attRow.extracted_text ? opened(fileKey, attRow.extracted_text, textAd) : null,
      plaintext: utf8.decode(evidence),
      sha256: createHash('sha256').update(evidence).digest('hex'),
    },
    // Padded lengths for plaintexts of these lengths (sodium_pad with the block rule).
    padding: [0, 1, 255, 256, 4094, 4095, 4096, 5000, 8191, 8192, 70000].map((length) => ({
      length,
      padded: pad(new Uint8Array(length)).length,
    })),
  };

  rmSync(ROOT, { recursive: true, force: true });
  mkdirSync(join(ROOT, 'vault'), { recursive: true });
  for (const name of ['vault.json', 'vault.db', 'blobs'])
    cpSync(join(work, 'vault', name), join(ROOT, 'vault', name), { recursive: true });
  writeFileSync(join(ROOT, 'vectors.json'), `${JSON.stringify(vectors, null, 2)}\n`);
  console.log(`Wrote ${ROOT}: ${readdirSync(join(ROOT, 'vault', 'blobs')).length} blob(s).`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
