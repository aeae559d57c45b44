import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { Vault } from '../../src/core/vault/vault';
import { editHeader } from '../helpers/raw-db';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';

/**
 * vault.json is the one file that is not all ciphertext. Any change to it must stop the vault
 * from opening with a typed error (a weakened KDF can only show up as a wrong passphrase: the
 * key derived with other parameters does not unwrap the master key), and must not damage
 * vault.db.
 */
const vaults = useTestVaults();

/** Stronger than TEST_KDF, so that the test can lower both parameters. */
const KDF = { ...TEST_KDF, opslimit: 2, memlimit: 16 * 1024 * 1024 };

async function setup() {
  const { dir, vault, recoveryKey } = await vaults.create(TEST_PASSPHRASE, { kdf: KDF });
  const { id } = vault.addRecord({ title: 'still here' });
  vault.close();
  return { dir, recoveryKey, id, db: readFileSync(join(dir, 'vault.db')) };
}

async function codeOf(promise: Promise<Vault>): Promise<string> {
  try {
    (await promise).close();
    return 'OPENED';
  } catch (error) {
    return (error as { code?: string }).code ?? `untyped: ${String(error)}`;
  }
}

interface Case {
  what: string;
  edit: (h: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
  passphrase: string;
  recovery: string;
}

const flipChar = (text: string, i: number) =>
  text.slice(0, i) + (text[i] === 'A' ? 'B' : 'A') + text.slice(i + 1);

const CASES: Case[] = [
  {
    what: 'opslimit lowered',
    edit: (h) => (h.kdf.opslimit = 1),
    passphrase: 'VAULT.WRONG_PASSPHRASE',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'memlimit lowered',
    edit: (h) => (h.kdf.memlimit = 8 * 1024 * 1024),
    passphrase: 'VAULT.WRONG_PASSPHRASE',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'salt changed',
    edit: (h) => (h.kdf.salt = flipChar(h.kdf.salt, 3)),
    passphrase: 'VAULT.WRONG_PASSPHRASE',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'salt of the wrong length',
    edit: (h) => (h.kdf.salt = 'AAAA'),
    passphrase: 'VAULT.CORRUPT',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'mac altered',
    edit: (h) => (h.mac = flipChar(h.mac, 5)),
    passphrase: 'VAULT.CORRUPT',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'mac shortened',
    edit: (h) => (h.mac = h.mac.slice(0, 12)),
    passphrase: 'VAULT.CORRUPT',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'mac not base64',
    edit: (h) => (h.mac = '%%%not base64%%%'),
    passphrase: 'VAULT.CORRUPT',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'vault id changed',
    edit: (h) => (h.vaultId = h.vaultId.replace(/^./, (c: string) => (c === 'a' ? 'b' : 'a'))),
    passphrase: 'VAULT.WRONG_PASSPHRASE',
    recovery: 'VAULT.WRONG_RECOVERY_KEY',
  },
  {
    what: 'createdAt changed',
    edit: (h) => (h.createdAt = '2000-01-01T00:00:00.000Z'),
    passphrase: 'VAULT.CORRUPT',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'passphrase wrap altered',
    edit: (h) => (h.passphraseWrap = flipChar(h.passphraseWrap, 40)),
    passphrase: 'VAULT.WRONG_PASSPHRASE',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'recovery wrap altered',
    edit: (h) => (h.recoveryWrap = flipChar(h.recoveryWrap, 40)),
    passphrase: 'VAULT.CORRUPT',
    recovery: 'VAULT.WRONG_RECOVERY_KEY',
  },
  {
    what: 'version lowered',
    edit: (h) => (h.version = 0),
    passphrase: 'VAULT.CORRUPT',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'version from the future',
    edit: (h) => (h.version = 99),
    passphrase: 'VAULT.UNSUPPORTED_VERSION',
    recovery: 'VAULT.UNSUPPORTED_VERSION',
  },
  {
    what: 'unknown algorithm',
    edit: (h) => (h.kdf.alg = 'md5'),
    passphrase: 'VAULT.CORRUPT',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'a field missing',
    edit: (h) => delete h.recoveryWrap,
    passphrase: 'VAULT.CORRUPT',
    recovery: 'VAULT.CORRUPT',
  },
  {
    what: 'wrong format name',
    edit: (h) => (h.format = 'something-else'),
    passphrase: 'VAULT.CORRUPT',
    recovery: 'VAULT.CORRUPT',
  },
];

describe('header tampering is detected', () => {
  it('the setup really is stronger than what the tests lower it to', () => {
    expect(KDF.opslimit).toBeGreaterThan(1);
    expect(KDF.memlimit).toBeGreaterThan(8 * 1024 * 1024);
  });

  for (const c of CASES) {
    it(`${c.what}: passphrase -> ${c.passphrase}, recovery key -> ${c.recovery}; vault.db untouched`, async () => {
      const s = await setup();
      editHeader(s.dir, c.edit);
      expect(await codeOf(Vault.open(s.dir, { passphrase: TEST_PASSPHRASE }))).toBe(c.passphrase);
      expect(await codeOf(Vault.open(s.dir, { recoveryKey: s.recoveryKey }))).toBe(c.recovery);
      expect(readFileSync(join(s.dir, 'vault.db')).equals(s.db)).toBe(true);
    });
  }

  for (const [what, content] of [
    ['empty', ''],
    ['not JSON', '{"format": "testimony-vault", '],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['JSON null', 'null'],
    ['a JSON array', '[1, 2]'],
  ] as const) {
    it(`a header that is ${what} is VAULT.CORRUPT`, async () => {
      const s = await setup();
      writeFileSync(join(s.dir, 'vault.json'), content);
      expect(await codeOf(Vault.open(s.dir, { passphrase: TEST_PASSPHRASE }))).toBe(
        'VAULT.CORRUPT',
      );
    });
  }

  it('the header of another vault (same passphrase) is refused: the database is not its own', async () => {
    const a = await setup();
    const b = await setup();
    writeFileSync(join(a.dir, 'vault.json'), readFileSync(join(b.dir, 'vault.json')));
    expect(await codeOf(Vault.open(a.dir, { passphrase: TEST_PASSPHRASE }))).toBe('VAULT.CORRUPT');
  });

  it('a header restored unchanged opens again (the failures came from the edits)', async () => {
    const s = await setup();
    const original = readFileSync(join(s.dir, 'vault.json'));
    editHeader(s.dir, (h) => (h.mac = flipChar(h.mac as string, 5)));
    expect(await codeOf(Vault.open(s.dir, { passphrase: TEST_PASSPHRASE }))).toBe('VAULT.CORRUPT');
    writeFileSync(join(s.dir, 'vault.json'), original);
    const vault = await vaults.open(s.dir);
    expect(vault.records.get(s.id).title).toBe('still here');
  });
});
