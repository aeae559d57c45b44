import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { beforeAll, describe, expect, it } from 'vitest';
import { pad } from '../../src/core/crypto/padding';
import { KEY_PURPOSES } from '../../src/core/crypto/keyring';
import { openDatabase } from '../../src/core/storage/db';
import { SCHEMA_VERSION } from '../../src/core/storage/migrations';
import { loadSodium } from '../../src/core/crypto/sodium';
import { Vault } from '../../src/core/vault/vault';
import { expectCode } from '../bundles/helpers';
import { REPO_ROOT } from '../helpers/cli';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';
import {
  CONTEXTS,
  SpecError,
  headerMacInput,
  openDb,
  paddedLength,
  readAttachment,
  readIdentity,
  readPartners,
  readVocabulary,
  readReceived,
  readRecord,
  readRecoveryKey,
  unlock,
} from './spec-reader';

/**
 * docs/test-vectors/vault-v1 (made by scripts/make-vault-vectors.ts with the product's code),
 * read by the independent reader of tests/vault/spec-reader.ts, written from docs/crypto.md
 * alone; and the same vault read by the product. If the docs and the code disagree, one side
 * fails.
 */
const ROOT = join(REPO_ROOT, 'docs', 'test-vectors', 'vault-v1');
const V = JSON.parse(readFileSync(join(ROOT, 'vectors.json'), 'utf8')) as Vectors;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

interface Opened {
  ad: string;
  paddedLength: number;
  plaintext: string;
}
interface Vectors {
  passphrase: string;
  recoveryKey: string;
  recoveryKeyTyped: string;
  recovery: { secret: string; checksum: string; wrappingKey: string; wrapAd: string };
  passphraseKey: { salt: string; kek: string; wrapAd: string };
  masterKey: string;
  purposeKeys: Record<string, string>;
  headerMac: { input: string; mac: string };
  vaultId: string;
  schemaVersion: number;
  record: {
    id: string;
    kind: string;
    head: number;
    wrappedKeyAd: string;
    dataKey: string;
    revisions: ({ revision: number } & Opened)[];
    summary: Opened;
  };
  identity: Record<
    | 'ad'
    | 'plaintext'
    | 'ed25519SecretKey'
    | 'ed25519PublicKey'
    | 'x25519PublicKey'
    | 'x25519SecretKey',
    string
  >;
  partner: { id: string } & Opened;
  vocabulary: Opened;
  receivedBundle: { bundleId: string; idInput: string; id: string } & Opened;
  attachment: {
    id: string;
    recordId: string;
    keyAd: string;
    fileKey: string;
    meta: Opened;
    text: Opened | null;
    plaintext: string;
    sha256: string;
  };
  padding: { length: number; padded: number }[];
}

const vaults = useTestVaults();

/** SQLite writes next to the database even to read it: always work on a copy. */
function copy(): string {
  const dir = vaults.temp.path('vector-vault');
  cpSync(join(ROOT, 'vault'), dir, { recursive: true });
  return dir;
}

function specError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof SpecError) return error.code;
    throw error;
  }
  throw new Error('expected a SpecError');
}

beforeAll(async () => {
  await sodium.ready;
  await loadSodium();
});

describe('vault test vectors, read from the docs alone', () => {
  it('the passphrase unwraps the master key; every purpose key and the header MAC match', () => {
    const vault = unlock(copy(), { passphrase: V.passphrase });
    expect(hex(vault.kek!)).toBe(V.passphraseKey.kek);
    expect(hex(vault.masterKey)).toBe(V.masterKey);
    expect(Object.keys(V.purposeKeys).sort()).toEqual([...CONTEXTS].sort());
    for (const context of CONTEXTS)
      expect(hex(vault.keys[context]), context).toBe(V.purposeKeys[context]);
    expect(hex(headerMacInput(vault.header))).toBe(V.headerMac.input);
    expect(vault.header.vaultId).toBe(V.vaultId);
  });

  it('the recovery key, as printed and as typed, reads to the same secret and unwraps it', () => {
    for (const text of [V.recoveryKey, V.recoveryKeyTyped]) {
      const read = readRecoveryKey(text);
      expect(hex(read.secret)).toBe(V.recovery.secret);
      expect(hex(read.checksum)).toBe(V.recovery.checksum);
      expect(hex(read.wrappingKey)).toBe(V.recovery.wrappingKey);
      expect(hex(unlock(copy(), { recoveryKey: text }).masterKey)).toBe(V.masterKey);
    }
    // One character changed: the checksum (or the padding bits) catch it before any unwrap.
    const typo = V.recoveryKey.replace(/-(.)/, (_, c: string) => `-${c === 'A' ? 'B' : 'A'}`);
    expect(specError(() => readRecoveryKey(typo))).toBe('VAULT.WRONG_RECOVERY_KEY');
    expect(specError(() => readRecoveryKey(V.recoveryKey.slice(0, -1)))).toBe(
      'VAULT.WRONG_RECOVERY_KEY',
    );
  });

  it('a changed header field fails the MAC; a wrong passphrase fails the unwrap', () => {
    const dir = copy();
    expect(specError(() => unlock(dir, { passphrase: `${V.passphrase}!` }))).toBe(
      'VAULT.WRONG_PASSPHRASE',
    );
    const header = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'));
    header.createdAt = '2020-01-01T00:00:00.000Z';
    writeFileSync(join(dir, 'vault.json'), JSON.stringify(header));
    expect(specError(() => unlock(dir, { passphrase: V.passphrase }))).toBe('VAULT.CORRUPT');
  });

  it("a record's revisions and summary decrypt, with the documented padding", () => {
    const dir = copy();
    const vault = unlock(dir, { passphrase: V.passphrase });
    const db = openDb(dir, vault);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(V.schemaVersion);
      const record = readRecord(db, vault, V.record.id);
      expect(record.kind).toBe(V.record.kind);
      expect(record.head).toBe(V.record.head);
      expect(record.wrappedKeyAd).toBe(V.record.wrappedKeyAd);
      expect(hex(record.dataKey)).toBe(V.record.dataKey);
      expect(record.revisions).toEqual(V.record.revisions);
      expect(record.summary).toEqual(V.record.summary);
      for (const opened of [...record.revisions, record.summary])
        expect(opened.paddedLength).toBe(paddedLength(Buffer.byteLength(opened.plaintext)));
      const head = JSON.parse(record.revisions.at(-1)!.plaintext);
      expect(head).toMatchObject({
        v: 1,
        fields: { title: 'Testimony / شهادة' },
        provenance: null,
      });
      expect(JSON.parse(record.summary.plaintext)).toMatchObject({
        v: 1,
        title: head.fields.title,
        hasWarning: true,
      });
    } finally {
      db.close();
    }
  });

  it('the identity row, the partner, the received bundle and the attachment decrypt', () => {
    const dir = copy();
    const vault = unlock(dir, { passphrase: V.passphrase });
    const db = openDb(dir, vault);
    try {
      const identity = readIdentity(db, vault);
      expect(identity.ad).toBe(V.identity.ad);
      for (const field of Object.keys(V.identity) as (keyof Vectors['identity'])[])
        if (field !== 'ad') expect(hex(identity[field]), field).toBe(V.identity[field]);
      // The layout is right if the public keys follow from the secret ones.
      expect(hex(sodium.crypto_sign_ed25519_sk_to_pk(identity.ed25519SecretKey))).toBe(
        V.identity.ed25519PublicKey,
      );
      expect(hex(sodium.crypto_scalarmult_base(identity.x25519SecretKey))).toBe(
        V.identity.x25519PublicKey,
      );

      expect(readPartners(db, vault)).toEqual([V.partner]);
      const vocabulary = readVocabulary(db, vault)!;
      expect(vocabulary).toEqual(V.vocabulary);
      expect(JSON.parse(vocabulary.plaintext).concepts[0].prefLabel.ar).toBe('تهديد');
      const { bundleId, idInput: _input, ...received } = V.receivedBundle;
      expect(readReceived(db, vault, bundleId)).toEqual(received);
      expect(readReceived(db, vault, '0'.repeat(32))).toBeNull();

      const attachment = readAttachment(db, dir, vault, V.attachment.id);
      expect(attachment.recordId).toBe(V.attachment.recordId);
      expect(attachment.keyAd).toBe(V.attachment.keyAd);
      expect(hex(attachment.fileKey)).toBe(V.attachment.fileKey);
      expect(attachment.meta).toEqual(V.attachment.meta);
      expect(attachment.text).toEqual(V.attachment.text);
      expect(attachment.bytes.toString('utf8')).toBe(V.attachment.plaintext);
      expect(attachment.sha256).toBe(V.attachment.sha256);
      expect(JSON.parse(attachment.meta.plaintext).sha256).toBe(attachment.sha256);
    } finally {
      db.close();
    }
  });

  it('the padding rule of the docs gives the lengths of the vectors and of the code', () => {
    for (const { length, padded } of V.padding)
      expect(paddedLength(length), `L=${length}`).toBe(padded);
    const lengths = [0, 1, 254, 255, 256, 511, 512, 4093, 4094, 4095, 4096, 4097, 8190, 8191, 8192];
    for (const length of [...lengths, 12_345, 65_535, 65_536, 100_000, 1_000_000])
      expect(pad(new Uint8Array(length)).length, `L=${length}`).toBe(paddedLength(length));
  });
});

describe('the product and the spec reader agree', () => {
  it('the product opens the vector vault (both credentials) and sees what the spec reader reads', async () => {
    const dir = copy();
    const byRecovery = await vaults.open(dir, { recoveryKey: V.recoveryKeyTyped });
    byRecovery.close();
    const vault = await vaults.open(dir, { passphrase: V.passphrase });
    const head = JSON.parse(V.record.revisions.at(-1)!.plaintext);
    expect(vault.records.get(V.record.id)).toMatchObject({
      ...head.fields,
      revision: V.record.head,
    });
    expect(hex(vault.identity.publicIdentity().signingKey)).toBe(V.identity.ed25519PublicKey);
    expect(hex(vault.identity.publicIdentity().boxKey)).toBe(V.identity.x25519PublicKey);
    expect(vault.partners.list().map((p) => p.id)).toEqual([V.partner.id]);
    expect(vault.attachments.get(V.attachment.id).sha256).toBe(V.attachment.sha256);
  });

  it('the spec reader opens a vault the product writes now', async () => {
    const { vault, dir, recoveryKey } = await vaults.create(TEST_PASSPHRASE);
    const written = vault.addRecord({ title: 'Written now', body: 'x'.repeat(5000), lang: 'en' });
    vault.updateRecord(written.id, { title: 'Written now, edited' });
    const identity = vault.identity.publicIdentity();
    vault.close();
    const spec = unlock(dir, { recoveryKey });
    const db = openDb(dir, spec);
    try {
      const record = readRecord(db, spec, written.id);
      expect(record.revisions.map((r) => JSON.parse(r.plaintext).fields.title)).toEqual([
        'Written now',
        'Written now, edited',
      ]);
      expect(record.revisions[0]!.paddedLength).toBe(
        paddedLength(Buffer.byteLength(record.revisions[0]!.plaintext)),
      );
      expect(JSON.parse(record.summary.plaintext).title).toBe('Written now, edited');
      expect(hex(readIdentity(db, spec).ed25519PublicKey)).toBe(hex(identity.signingKey));
    } finally {
      db.close();
    }
  });

  it('a header the spec reader refuses, the product refuses too', async () => {
    const dir = copy();
    const header = JSON.parse(readFileSync(join(dir, 'vault.json'), 'utf8'));
    header.kdf.opslimit = 2;
    writeFileSync(join(dir, 'vault.json'), JSON.stringify(header));
    expect(specError(() => unlock(dir, { passphrase: V.passphrase }))).toBe(
      'VAULT.WRONG_PASSPHRASE',
    );
    await expectCode(Vault.open(dir, { passphrase: V.passphrase }), 'VAULT.WRONG_PASSPHRASE');
  });
});

describe('docs/crypto.md lists what the code has', () => {
  const docs = readFileSync(join(REPO_ROOT, 'docs', 'crypto.md'), 'utf8');
  const section = (title: string) => {
    const start = docs.indexOf(`\n## ${title}\n`);
    return docs.slice(start, docs.indexOf('\n## ', start + 1));
  };

  it('every purpose key (and the spec reader and the vectors know them all)', () => {
    const documented = [...section('Keys').matchAll(/^ {4}(tv[a-z]{6}) /gm)].map((m) => m[1]);
    const product = Object.values(KEY_PURPOSES);
    expect(new Set(documented)).toEqual(new Set(product));
    expect(new Set<string>(CONTEXTS)).toEqual(new Set(product));
    expect(new Set(Object.keys(V.purposeKeys))).toEqual(new Set(product));
  });

  it('every table of the schema, and its version', () => {
    const text = section('The database (vault.db)');
    const documented = new Set(
      [
        ...text.matchAll(/^\| `([a-z_]+)\./gm),
        ...text.matchAll(/`(received_bundles_to_reseal|custody_index_to_retag)`/g),
      ].map((m) => m[1]),
    );
    const db = openDatabase(join(vaults.temp.make(), 'vault.db'));
    try {
      const tables = (
        db
          .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
          .all() as { name: string }[]
      ).map((t) => t.name);
      expect(documented).toEqual(new Set(tables));
    } finally {
      db.close();
    }
    expect(text).toContain(`schema version (${SCHEMA_VERSION} today`);
    expect(V.schemaVersion).toBe(SCHEMA_VERSION);
  });
});
