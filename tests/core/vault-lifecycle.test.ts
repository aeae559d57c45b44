import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { SCHEMA_VERSION } from '../../src/core/storage/migrations';
import { Vault } from '../../src/core/vault/vault';
import { withRawDb } from '../helpers/raw-db';
import { readFolder } from '../helpers/scan';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();

/** Snapshot of every file's bytes, to assert that a failed operation changed nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, bytes] of readFolder(dir)) out[file] = bytes.toString('base64');
  return out;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<Error> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error, `expected ${code}`).not.toBeNull();
  expect((error as unknown as { code: string }).code).toBe(code);
  return error!;
}

describe('create, lock, unlock', () => {
  it('creates a vault folder with owner-only permissions and reopens it', async () => {
    const { dir, vault } = await vaults.create();
    const record = vault.addRecord({ title: 'first' });
    if (process.platform !== 'win32') {
      // While open, the WAL holds the latest pages: owner-only too.
      expect(statSync(join(dir, 'vault.db-wal')).mode & 0o777).toBe(0o600);
    }
    vault.close();
    expect(vault.isOpen).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['blobs', 'vault.db', 'vault.json']);
    if (process.platform !== 'win32') {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'blobs')).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, 'vault.db')).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'vault.json')).mode & 0o777).toBe(0o600);
    }
    const again = await vaults.open(dir);
    expect(again.vaultId).toBe(vault.vaultId);
    expect(again.records.get(record.id).title).toBe('first');
  });

  it('tightens the permissions of an existing empty folder it is asked to use', async () => {
    const dir = join(vaults.temp.make(), 'loose');
    mkdirSync(dir, { mode: 0o755 });
    const { vault } = await Vault.create(dir, TEST_PASSPHRASE, { kdf: TEST_KDF });
    vaults.track(vault);
    if (process.platform !== 'win32') expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it.skipIf(process.env.TVAULT_SODIUM === 'wasm')(
    'touches the disk only once the key is derived: quitting during the derivation leaves nothing',
    async () => {
      const dir = vaults.temp.path();
      const creating = Vault.create(dir, TEST_PASSPHRASE, {
        kdf: { alg: 'argon2id13', opslimit: 2, memlimit: 64 * 1024 * 1024 },
      });
      // The derivation runs off this thread (about 0.2 s): look at the disk meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(existsSync(dir)).toBe(false);
      vaults.track((await creating).vault);
      expect(readdirSync(dir).sort()).toEqual(['blobs', 'vault.db', 'vault.db-wal', 'vault.json']);
    },
  );

  it('refuses a short passphrase and creates nothing', async () => {
    const dir = vaults.temp.path();
    await expectCode(Vault.create(dir, 'short', { kdf: TEST_KDF }), 'INPUT.INVALID');
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses to create over an existing vault or a non-empty folder, touching nothing', async () => {
    const { dir, vault } = await vaults.create();
    vault.addRecord({ title: 'keep me' });
    vault.close();
    const before = snapshot(dir);
    await expectCode(Vault.create(dir, TEST_PASSPHRASE, { kdf: TEST_KDF }), 'VAULT.ALREADY_EXISTS');
    expect(snapshot(dir)).toEqual(before);

    const other = vaults.temp.make();
    writeFileSync(join(other, 'notes.txt'), 'someone else’s file');
    await expectCode(
      Vault.create(other, TEST_PASSPHRASE, { kdf: TEST_KDF }),
      'VAULT.ALREADY_EXISTS',
    );
    expect(readdirSync(other)).toEqual(['notes.txt']);
  });

  it('refuses a path that is a file, with a typed error', async () => {
    const file = join(vaults.temp.make(), 'a-file');
    writeFileSync(file, 'not a folder');
    await expectCode(Vault.create(file, TEST_PASSPHRASE, { kdf: TEST_KDF }), 'INPUT.INVALID');
    expect(readFileSync(file, 'utf8')).toBe('not a folder');
    await expectCode(Vault.open(file, { passphrase: TEST_PASSPHRASE }), 'VAULT.NOT_FOUND');
  });

  it('says VAULT.NOT_FOUND for a missing folder and for a folder without a vault', async () => {
    const missing = vaults.temp.path('nothing-here');
    await expectCode(Vault.open(missing, { passphrase: TEST_PASSPHRASE }), 'VAULT.NOT_FOUND');
    expect(existsSync(missing)).toBe(false);
    const empty = vaults.temp.make();
    await expectCode(Vault.open(empty, { passphrase: TEST_PASSPHRASE }), 'VAULT.NOT_FOUND');
    expect(readdirSync(empty)).toEqual([]);
  });

  it('a vault whose vault.db is missing is VAULT.CORRUPT and no empty database is created', async () => {
    const { dir, vault } = await vaults.create();
    vault.close();
    rmSync(join(dir, 'vault.db'));
    await expectCode(Vault.open(dir, { passphrase: TEST_PASSPHRASE }), 'VAULT.CORRUPT');
    await expectCode(Vault.open(dir, { passphrase: 'wrong passphrase!' }), 'VAULT.CORRUPT');
    expect(existsSync(join(dir, 'vault.db'))).toBe(false);
  });

  it('a truncated vault.db is refused with a typed error, never a crash', async () => {
    const { dir, vault } = await vaults.create();
    for (let i = 0; i < 50; i++) vault.addRecord({ title: `record ${i}`, body: 'x'.repeat(3000) });
    vault.close();
    const path = join(dir, 'vault.db');
    const full = readFileSync(path);
    for (const size of [Math.floor(full.length / 2), 4096, 100, 0]) {
      writeFileSync(path, full.subarray(0, size));
      const error = await Vault.open(dir, { passphrase: TEST_PASSPHRASE }).then(
        (v) => {
          v.close();
          return null;
        },
        (e: unknown) => e as { code?: string },
      );
      expect(error?.code, `truncated to ${size} bytes`).toMatch(
        /^(VAULT\.CORRUPT|INTEGRITY\.FAILED)$/,
      );
    }
  });

  it('a database from a newer version is refused with VAULT.UNSUPPORTED_VERSION', async () => {
    const { dir, vault } = await vaults.create();
    vault.close();
    withRawDb(dir, (db) => db.pragma(`user_version = ${SCHEMA_VERSION + 1}`));
    await expectCode(Vault.open(dir, { passphrase: TEST_PASSPHRASE }), 'VAULT.UNSUPPORTED_VERSION');
  });

  it('a vault.db that is not a database is VAULT.CORRUPT', async () => {
    const { dir, vault } = await vaults.create();
    vault.close();
    writeFileSync(join(dir, 'vault.db'), Buffer.alloc(8192, 0x41));
    await expectCode(Vault.open(dir, { passphrase: TEST_PASSPHRASE }), 'VAULT.CORRUPT');
  });

  it('after lock every use is VAULT.LOCKED, and close is idempotent', async () => {
    const { vault } = await vaults.create();
    const { id } = vault.addRecord({ title: 'x' });
    vault.close();
    vault.close();
    const locked = expect.objectContaining({ code: 'VAULT.LOCKED' });
    expect(() => vault.records.get(id)).toThrow(locked);
    expect(() => vault.records.list()).toThrow(locked);
    expect(() => vault.addRecord({ title: 'y' })).toThrow(locked);
    expect(() => vault.deleteRecord(id)).toThrow(locked);
    expect(() => vault.keys).toThrow(locked);
    expect(() => vault.db).toThrow(locked);
  });
});

describe('wrong passphrase and the recovery key', () => {
  it('a wrong passphrase is VAULT.WRONG_PASSPHRASE and changes nothing', async () => {
    const { dir, vault } = await vaults.create();
    vault.addRecord({ title: 'kept' });
    vault.close();
    const before = snapshot(dir);
    for (const wrong of ['correct horse battery stapl', `${TEST_PASSPHRASE} `, 'ЖЖЖЖЖЖЖЖЖЖ']) {
      const error = await expectCode(
        Vault.open(dir, { passphrase: wrong }),
        'VAULT.WRONG_PASSPHRASE',
      );
      expect(error.message).not.toContain(wrong);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('the recovery key unlocks, forgiving lower case and spaces', async () => {
    const { dir, vault, recoveryKey } = await vaults.create();
    const { id } = vault.addRecord({ title: 'recover me' });
    vault.close();
    const exact = await Vault.open(dir, { recoveryKey });
    expect(exact.records.get(id).title).toBe('recover me');
    exact.close();
    const sloppy = ` ${recoveryKey.toLowerCase().replace(/-/g, ' ')} `;
    const again = vaults.track(await Vault.open(dir, { recoveryKey: sloppy }));
    expect(again.records.get(id).title).toBe('recover me');
  });

  it('a mistyped or foreign recovery key is VAULT.WRONG_RECOVERY_KEY', async () => {
    const { dir, vault, recoveryKey } = await vaults.create();
    vault.close();
    const other = await vaults.create();
    const i = recoveryKey.length - 3;
    const typo =
      recoveryKey.slice(0, i) + (recoveryKey[i] === 'A' ? 'B' : 'A') + recoveryKey.slice(i + 1);
    await expectCode(Vault.open(dir, { recoveryKey: typo }), 'VAULT.WRONG_RECOVERY_KEY');
    await expectCode(
      Vault.open(dir, { recoveryKey: other.recoveryKey }),
      'VAULT.WRONG_RECOVERY_KEY',
    );
    await expectCode(Vault.open(dir, { recoveryKey: TEST_PASSPHRASE }), 'VAULT.WRONG_RECOVERY_KEY');
  });

  it('changing the passphrase: the old one fails, the new one and the recovery key work, records intact', async () => {
    const { dir, vault, recoveryKey } = await vaults.create();
    const ids = [
      vault.addRecord({ title: 'one', body: 'شهادة' }).id,
      vault.addRecord({ title: 'two' }).id,
    ];
    vault.updateRecord(ids[0]!, { title: 'one, edited' });
    const newPassphrase = 'a new and longer passphrase ✊🏿';
    await vault.changePassphrase(newPassphrase, TEST_KDF);
    vault.close();
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    await expectCode(Vault.open(dir, { passphrase: TEST_PASSPHRASE }), 'VAULT.WRONG_PASSPHRASE');
    const reopened = await Vault.open(dir, { passphrase: newPassphrase });
    expect(reopened.records.get(ids[0]!).title).toBe('one, edited');
    expect(reopened.records.get(ids[0]!, 1).title).toBe('one');
    expect(reopened.records.get(ids[0]!).body).toBe('شهادة');
    expect(reopened.records.get(ids[1]!).title).toBe('two');
    reopened.close();
    const recovered = vaults.track(await Vault.open(dir, { recoveryKey }));
    expect(recovered.records.count()).toBe(2);
    await expectCode(recovered.changePassphrase('short'), 'INPUT.INVALID');
  });
});

describe('verifyPassphrase', () => {
  it('accepts the current passphrase, refuses another, and follows a passphrase change', async () => {
    const { vault } = await vaults.create();
    await vault.verifyPassphrase(TEST_PASSPHRASE);
    await expectCode(vault.verifyPassphrase('not the passphrase'), 'VAULT.WRONG_PASSPHRASE');
    await vault.changePassphrase('a brand new passphrase', TEST_KDF);
    await vault.verifyPassphrase('a brand new passphrase');
    await expectCode(vault.verifyPassphrase(TEST_PASSPHRASE), 'VAULT.WRONG_PASSPHRASE');
  });

  it('overlapping passphrase changes apply in the order asked, whatever their derivation times', async () => {
    const { dir, vault } = await vaults.create();
    // The first is slower to derive: run side by side, it would finish last and win.
    const first = vault.changePassphrase('the first new passphrase', {
      alg: 'argon2id13',
      opslimit: 2,
      memlimit: 32 * 1024 * 1024,
    });
    const second = vault.changePassphrase('the second new passphrase', TEST_KDF);
    await Promise.all([first, second]);
    vault.close();
    await expectCode(
      Vault.open(dir, { passphrase: 'the first new passphrase' }),
      'VAULT.WRONG_PASSPHRASE',
    );
    vaults.track(await Vault.open(dir, { passphrase: 'the second new passphrase' })).close();
  });

  it('a lock during the derivation of the new key writes nothing and wipes nothing it should not', async () => {
    const { dir, vault, recoveryKey } = await vaults.create();
    const id = vault.addRecord({ title: 'kept' }).id;
    const before = readFileSync(join(dir, 'vault.json'), 'utf8');
    const change = vault.changePassphrase('a brand new passphrase', TEST_KDF);
    vault.close(); // the panic shortcut, while the key is being derived
    await expectCode(change, 'VAULT.LOCKED');
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).toBe(before);
    const reopened = vaults.track(await Vault.open(dir, { passphrase: TEST_PASSPHRASE }));
    expect(reopened.records.get(id).title).toBe('kept');
    reopened.close();
    vaults.track(await Vault.open(dir, { recoveryKey })).close();
  });
});
