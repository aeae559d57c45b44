import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { associatedData } from '../../src/core/crypto/associated-data';
import { libsodium, readyLibsodium } from '../helpers/libsodium';
import { SCHEMA_VERSION } from '../../src/core/storage/migrations';
import { expectCode } from '../bundles/helpers';
import { withRawDb } from '../helpers/raw-db';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';

/**
 * Received-bundle rows used to be keyed (BLAKE2b) and sealed (XChaCha20-Poly1305) with one and
 * the same key, `tvbundle`. Migration 3 gives each use its own key and re-seals the rows at the
 * first unlock. The fixture is a real vault written by the code before that change.
 */
const FIXTURE = join(import.meta.dirname, 'fixtures', 'vault-schema-2');
const FIXTURE_RECOVERY = readFileSync(join(FIXTURE, 'README.md'), 'utf8').match(
  /recovery key: `(TV1-[0-9A-Z-]+)`/,
)![1]!;
const BUNDLE_ID = '92c6950273e901ec88ea76fa2f804b3b';
const OLD_ROW_ID = '53e2b3a18062e8d442d7a882254f83ddd1df9faed00e519320e5c135ba3613c4';

const vaults = useTestVaults();

function copyFixture(): string {
  const dir = vaults.temp.path('old-vault');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function tables(dir: string): string[] {
  return withRawDb(dir, (db) =>
    (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((t) => t.name),
  );
}

function rows(dir: string): { id: string; sealed: Uint8Array }[] {
  return withRawDb(
    dir,
    (db) =>
      db.prepare('SELECT id, sealed FROM received_bundles').all() as {
        id: string;
        sealed: Uint8Array;
      }[],
  );
}

function derive(master: Uint8Array, context: string): Uint8Array {
  return readyLibsodium().crypto_kdf_derive_from_key(32, 1, context, master);
}

describe('received-bundle rows: one key per use (migration 3)', () => {
  it('a vault made by the old code opens, and its row is re-keyed and re-sealed', async () => {
    const dir = copyFixture();
    expect(rows(dir).map((r) => r.id)).toEqual([OLD_ROW_ID]);
    const vault = await vaults.open(dir);
    const s = await libsodium();
    const master = vault.keys.masterKey();
    const idKey = derive(master, 'tvrcvids');
    const rowKey = derive(master, 'tvrcvrow');
    const oldKey = derive(master, 'tvbundle');
    expect(vault.keys.key('receivedIds')).toEqual(idKey);
    expect(vault.keys.key('receivedRows')).toEqual(rowKey);
    // Still known as received: re-importing the old bundle stays refused.
    expect(vault.receivedBundles.find(BUNDLE_ID)).toMatchObject({
      bundleId: BUNDLE_ID,
      partner: 'Alpha',
      records: 1,
      attachments: 0,
    });
    vault.close();

    expect(tables(dir)).not.toContain('received_bundles_to_reseal');
    expect(withRawDb(dir, (db) => db.pragma('user_version', { simple: true }))).toBe(
      SCHEMA_VERSION,
    );
    const [row, ...more] = rows(dir);
    expect(more).toEqual([]);
    const newId = s.to_hex(
      s.crypto_generichash(
        32,
        new TextEncoder().encode(`tvault-received-bundle:${BUNDLE_ID}`),
        idKey,
      ),
    );
    expect(row!.id).toBe(newId);
    expect(row!.id).not.toBe(OLD_ROW_ID);
    const ad = associatedData('tvault-received-bundle', vault.vaultId, row!.id);
    const nonce = row!.sealed.subarray(0, 24);
    const body = row!.sealed.subarray(24);
    const open = (key: Uint8Array) =>
      s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, body, ad, nonce, key);
    expect(() => open(oldKey)).toThrow();
    const plain = s.unpad(open(rowKey), 256);
    expect(JSON.parse(new TextDecoder().decode(plain))).toMatchObject({ bundleId: BUNDLE_ID });
  });

  it('a wrong passphrase writes nothing (no migration before the unlock), and the next unlock (recovery key) upgrades', async () => {
    const dir = copyFixture();
    const tablesBefore = tables(dir);
    await expectCode(
      vaults.open(dir, { passphrase: 'not the passphrase at all' }),
      'VAULT.WRONG_PASSPHRASE',
    );
    // Migrations run only once the header and the passphrase have been checked (a failing
    // open never writes), so the old schema and its row are exactly as they were.
    expect(tables(dir)).toEqual(tablesBefore);
    expect(tables(dir)).not.toContain('received_bundles_to_reseal');
    expect(rows(dir).map((r) => r.id)).toEqual([OLD_ROW_ID]);
    const vault = await vaults.open(dir, { recoveryKey: FIXTURE_RECOVERY });
    expect(vault.receivedBundles.find(BUNDLE_ID)?.partner).toBe('Alpha');
  });

  it('a tampered old row refuses the unlock with INTEGRITY.FAILED and loses nothing', async () => {
    const dir = copyFixture();
    withRawDb(dir, (db) => {
      const { sealed } = db.prepare('SELECT sealed FROM received_bundles').get() as {
        sealed: Uint8Array;
      };
      const bad = Uint8Array.from(sealed);
      bad[40] = bad[40]! ^ 1;
      db.prepare('UPDATE received_bundles SET sealed = ?').run(bad);
    });
    const error = await expectCode(vaults.open(dir), 'INTEGRITY.');
    expect(error.message).toContain('received bundle');
    expect(error.message).not.toContain(BUNDLE_ID);
    const waiting = withRawDb(
      dir,
      (db) => db.prepare('SELECT id FROM received_bundles_to_reseal').all() as { id: string }[],
    );
    expect(waiting).toEqual([{ id: OLD_ROW_ID }]);
  });

  it('a new vault has no table left to re-seal, and its keys are all distinct', async () => {
    const { vault, dir } = await vaults.create(TEST_PASSPHRASE);
    const keys = ['receivedIds', 'receivedRows', 'header', 'records', 'partners'] as const;
    const hex = new Set(keys.map((k) => Buffer.from(vault.keys.key(k)).toString('hex')));
    expect(hex.size).toBe(keys.length);
    vault.close();
    expect(tables(dir)).not.toContain('received_bundles_to_reseal');
    expect(tables(dir)).toContain('received_bundles');
  });
});
