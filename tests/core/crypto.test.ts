import { beforeAll, describe, expect, it } from 'vitest';
import { open, seal, NONCE_BYTES, TAG_BYTES } from '../../src/core/crypto/aead';
import { associatedData, associatedDataWithPrefix } from '../../src/core/crypto/associated-data';
import { asKey } from '../../src/core/crypto/keys';
import { pad, padBlockSize, unpad } from '../../src/core/crypto/padding';
import {
  DEFAULT_KDF,
  TEST_KDF,
  deriveKeyFromPassphrase,
  kdfFromEnvironment,
  validateKdfParams,
} from '../../src/core/crypto/kdf';
import { KeyRing } from '../../src/core/crypto/keyring';
import {
  formatRecoveryKey,
  generateRecoverySecret,
  parseRecoveryKey,
} from '../../src/core/crypto/recovery-key';
import { loadSodium, randomBytes, sodium } from '../../src/core/crypto/sodium';
import { libsodium } from '../helpers/libsodium';
import { IntegrityError, VaultError } from '../../src/shared/errors';

beforeAll(async () => {
  await loadSodium();
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('associated data', () => {
  it('with a prefix built once, is the same bytes as built whole, whichever prefix came last', () => {
    const ad = associatedDataWithPrefix((vaultId: string) => ['tvault-custody-entry', vaultId]);
    for (const [vaultId, seq] of [
      ['vault-a', 1],
      ['vault-a', 65],
      ['vault-b', 65],
      ['vault-a', 12345678],
      ['ünïcødé', 2],
    ] as const) {
      expect(Buffer.from(ad(vaultId, seq))).toEqual(
        Buffer.from(associatedData('tvault-custody-entry', vaultId, seq)),
      );
      expect(Buffer.from(ad(vaultId))).toEqual(
        Buffer.from(associatedData('tvault-custody-entry', vaultId)),
      );
    }
    // The cached prefix is not handed out: changing a result leaves the next one intact.
    ad('vault-a').fill(0);
    expect(Buffer.from(ad('vault-a'))).toEqual(
      Buffer.from(associatedData('tvault-custody-entry', 'vault-a')),
    );
  });
});

describe('seal / open (XChaCha20-Poly1305)', () => {
  it('round-trips and uses a fresh nonce every time', () => {
    const key = asKey(randomBytes(32), 'test');
    const ad = associatedData('test', 1);
    const a = seal({ key, plain: bytes('same plaintext'), ad });
    const b = seal({ key, plain: bytes('same plaintext'), ad });
    expect(a.length).toBe(NONCE_BYTES + 'same plaintext'.length + TAG_BYTES);
    expect(Buffer.from(a.subarray(0, NONCE_BYTES))).not.toEqual(
      Buffer.from(b.subarray(0, NONCE_BYTES)),
    );
    expect(
      new TextDecoder().decode(open({ key: key, sealed: a, ad: ad, subject: 'thing 1' })),
    ).toBe('same plaintext');
  });

  it('rejects every flipped byte, a wrong key, a wrong AD and truncation, naming the subject', () => {
    const key = asKey(randomBytes(32), 'test');
    const ad = associatedData('test', 1);
    const sealed = seal({ key, plain: bytes('secret words'), ad });
    for (let i = 0; i < sealed.length; i++) {
      const bad = Uint8Array.from(sealed);
      bad[i] = bad[i]! ^ 0x80;
      expect(() => open({ key: key, sealed: bad, ad: ad, subject: 'thing 7' })).toThrow(
        IntegrityError,
      );
    }
    const other = asKey(randomBytes(32), 'test');
    expect(() => open({ key: other, sealed, ad, subject: 'thing 7' })).toThrow(/thing 7/);
    expect(() => open({ key, sealed, ad: associatedData('test', 2), subject: 'thing 7' })).toThrow(
      IntegrityError,
    );
    expect(() =>
      open({ key, sealed: sealed.subarray(0, sealed.length - 1), ad, subject: 'thing 7' }),
    ).toThrow(IntegrityError);
    expect(() => open({ key, sealed: sealed.subarray(0, 10), ad, subject: 'thing 7' })).toThrow(
      IntegrityError,
    );
    try {
      open({ key: other, sealed, ad, subject: 'thing 7' });
    } catch (error) {
      expect((error as VaultError).code).toBe('INTEGRITY.FAILED');
      expect((error as Error).message).not.toContain('secret');
    }
  });

  it('associatedData is length-prefixed: shifting a boundary changes it', () => {
    const a = Buffer.from(associatedData('ab', 'c'));
    const b = Buffer.from(associatedData('a', 'bc'));
    const c = Buffer.from(associatedData('abc'));
    expect(a.equals(b)).toBe(false);
    expect(a.equals(c)).toBe(false);
    expect(Buffer.from(associatedData('x', 1)).equals(Buffer.from(associatedData('x', '1')))).toBe(
      true,
    );
  });
});

describe('pad / unpad', () => {
  it('hides lengths within a size class and round-trips', () => {
    for (const length of [0, 1, 255, 256, 1000, 4095, 4096, 5000, 100_000]) {
      const plain = randomBytes(length);
      const padded = pad(plain);
      expect(padded.length % padBlockSize(length + 1)).toBe(0);
      expect(padded.length).toBeGreaterThan(length);
      expect(Buffer.from(unpad(padded, 'x')).equals(Buffer.from(plain))).toBe(true);
    }
    expect(pad(bytes('a')).length).toBe(pad(bytes('a'.repeat(200))).length);
  });

  it('rejects a buffer without the padding marker as an integrity failure', () => {
    expect(() => unpad(new Uint8Array(256), 'record x')).toThrow(IntegrityError);
  });
});

describe('key derivation', () => {
  it('defaults are at least libsodium MODERATE; the test setting is only taken from TVAULT_TEST_KDF=1', () => {
    expect(DEFAULT_KDF.opslimit).toBeGreaterThanOrEqual(sodium().pwhashLimits.opsModerate);
    expect(DEFAULT_KDF.memlimit).toBeGreaterThanOrEqual(sodium().pwhashLimits.memModerate);
    expect(kdfFromEnvironment({})).toBeUndefined();
    expect(kdfFromEnvironment({ TVAULT_TEST_KDF: 'yes' })).toBeUndefined();
    expect(kdfFromEnvironment({ TVAULT_TEST_KDF: '1' })).toBe(TEST_KDF);
  });

  it('NFC-normalises the passphrase and depends on salt and parameters', async () => {
    const salt = new Uint8Array(16).fill(7);
    const nfc = await deriveKeyFromPassphrase('caf\u00e9 passphrase', salt, TEST_KDF);
    const nfd = await deriveKeyFromPassphrase('cafe\u0301 passphrase', salt, TEST_KDF);
    expect(Buffer.from(nfc).equals(Buffer.from(nfd))).toBe(true);
    const otherSalt = await deriveKeyFromPassphrase(
      'caf\u00e9 passphrase',
      new Uint8Array(16),
      TEST_KDF,
    );
    expect(Buffer.from(nfc).equals(Buffer.from(otherSalt))).toBe(false);
    const otherOps = await deriveKeyFromPassphrase('caf\u00e9 passphrase', salt, {
      ...TEST_KDF,
      opslimit: 2,
    });
    expect(Buffer.from(nfc).equals(Buffer.from(otherOps))).toBe(false);
  });

  it("is libsodium's Argon2id13 whichever build computes it (native or WebAssembly)", async () => {
    const salt = new Uint8Array(16).map((_, i) => i * 11);
    const params = { ...TEST_KDF, opslimit: 2 };
    const key = await deriveKeyFromPassphrase('caf\u00e9 ✊🏿 passphrase', salt, params);
    const s = await libsodium();
    const reference = s.crypto_pwhash(
      32,
      new TextEncoder().encode('caf\u00e9 ✊🏿 passphrase'),
      salt,
      params.opslimit,
      params.memlimit,
      s.crypto_pwhash_ALG_ARGON2ID13,
    );
    expect(Buffer.from(key).toString('hex')).toBe(Buffer.from(reference).toString('hex'));
  });

  it.skipIf(process.env.TVAULT_SODIUM === 'wasm')(
    'derives off the calling thread: its event loop keeps turning meanwhile',
    async () => {
      let ticks = 0;
      const timer = setInterval(() => (ticks += 1), 5);
      try {
        // About 0.2 s here: long enough for the timer to fire many times if the thread is free.
        await deriveKeyFromPassphrase('a passphrase', new Uint8Array(16), {
          alg: 'argon2id13',
          opslimit: 2,
          memlimit: 64 * 1024 * 1024,
        });
      } finally {
        clearInterval(timer);
      }
      expect(ticks).toBeGreaterThan(3);
    },
  );

  it('refuses unsupported parameters', () => {
    for (const bad of [
      { ...TEST_KDF, alg: 'scrypt' },
      { ...TEST_KDF, opslimit: 0 },
      { ...TEST_KDF, opslimit: 1.5 },
      { ...TEST_KDF, memlimit: 1024 },
      { ...TEST_KDF, memlimit: 64 * 1024 ** 3 },
      { ...TEST_KDF, opslimit: 1000 },
    ]) {
      expect(() => validateKdfParams(bad as never)).toThrow(VaultError);
    }
  });
});

describe('recovery key', () => {
  it('round-trips and forgives case, spaces and O/I/L for 0/1', () => {
    const secret = generateRecoverySecret();
    const key = formatRecoveryKey(secret);
    expect(key).toMatch(/^TV1(-[0-9A-HJKMNP-TV-Z]{1,4})+$/);
    expect(Buffer.from(parseRecoveryKey(key)).equals(Buffer.from(secret))).toBe(true);
    const sloppy = `  ${key.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')}  `;
    expect(Buffer.from(parseRecoveryKey(sloppy)).equals(Buffer.from(secret))).toBe(true);
    expect(Buffer.from(parseRecoveryKey(key.replace(/-/g, ''))).equals(Buffer.from(secret))).toBe(
      true,
    );
  });

  it('rejects a mistyped key (checksum), a truncated one and garbage', () => {
    const key = formatRecoveryKey(generateRecoverySecret());
    // Change one character of the payload to another valid base32 character.
    const i = 10;
    const swapped = key.slice(0, i) + (key[i] === 'A' ? 'B' : 'A') + key.slice(i + 1);
    for (const bad of [swapped, key.slice(0, -5), 'TV1-', '', 'not a key at all', `${key}X`]) {
      expect(() => parseRecoveryKey(bad)).toThrow(
        expect.objectContaining({ code: 'VAULT.WRONG_RECOVERY_KEY' }),
      );
    }
  });
});

describe('KeyRing', () => {
  it('derives distinct purpose keys and wipes them', () => {
    const ring = new KeyRing(asKey(randomBytes(32), 'master'));
    const records = ring.key('records');
    const search = ring.key('search');
    expect(Buffer.from(records).equals(Buffer.from(search))).toBe(false);
    expect(ring.key('records')).toBe(records);
    ring.wipe();
    expect(ring.isOpen).toBe(false);
    expect(records.every((b) => b === 0)).toBe(true);
    expect(() => ring.key('records')).toThrow(expect.objectContaining({ code: 'VAULT.LOCKED' }));
  });
});
