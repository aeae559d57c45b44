import { codeOf } from '../../../tests/helpers/errors';
import { describe, expect, it } from 'vitest';
import { findInFolder, windowsOf } from '../../../tests/helpers/scan';
import { useTestVaults } from '../../../tests/helpers/vault';
import { base32Decode, base32Encode } from '../crypto/base32';
import {
  fingerprintOf,
  formatIdentity,
  normaliseFingerprint,
  parseIdentity,
} from './public-identity';

describe('vault identity', () => {
  const vaults = useTestVaults();

  it('is created with the vault, stable across unlocks, and formatted with a checksum', async () => {
    const { vault, dir } = await vaults.create();
    const identity = vault.identity.identityString();
    const fingerprint = vault.identity.fingerprint();
    expect(identity).toMatch(/^TVID1-[0-9A-HJKMNP-TV-Z]{109}$/);
    expect(fingerprint).toMatch(/^\d{5}( \d{5}){5}$/);
    vault.close();
    const again = await vaults.open(dir);
    expect(again.identity.identityString()).toBe(identity);
    expect(again.identity.fingerprint()).toBe(fingerprint);
    expect(fingerprintOf(parseIdentity(identity))).toBe(fingerprint);
  });

  it('differs between vaults', async () => {
    const a = await vaults.create();
    const b = await vaults.create();
    expect(a.vault.identity.identityString()).not.toBe(b.vault.identity.identityString());
    expect(a.vault.identity.fingerprint()).not.toBe(b.vault.identity.fingerprint());
  });

  it('keeps its secret keys sealed on disk', async () => {
    const { vault, dir } = await vaults.create();
    const message = new TextEncoder().encode('to sign');
    const signature = vault.identity.sign(message);
    expect(signature).toHaveLength(64);
    // The public keys are not secret, but not even they are stored in clear: the whole key
    // material is one sealed value in the meta table.
    const { signingKey, boxKey } = vault.identity.publicIdentity();
    vault.checkpoint();
    for (const window of [...windowsOf(signingKey, 16), ...windowsOf(boxKey, 16)]) {
      expect(findInFolder(dir, window)).toEqual([]);
    }
  });

  it('opens only boxes sealed to it', async () => {
    const { vault } = await vaults.create();
    const { default: sodiumModule } = await import('libsodium-wrappers-sumo');
    // Ready only once its WebAssembly is compiled (the vault no longer loads it where
    // sodium-native works, so nothing else has waited for it in this process).
    await sodiumModule.ready;
    const secret = new Uint8Array(32).fill(9);
    const mine = sodiumModule.crypto_box_seal(secret, vault.identity.publicIdentity().boxKey);
    const other = sodiumModule.crypto_box_seal(secret, sodiumModule.crypto_box_keypair().publicKey);
    expect(vault.identity.openSealedBoxes([other])).toBeNull();
    const opened = vault.identity.openSealedBoxes([other, mine]);
    expect(opened?.index).toBe(1);
    expect(opened?.content).toEqual(secret);
  });

  it('rejects mistyped, truncated, extended or foreign identity strings', async () => {
    const { vault } = await vaults.create();
    const identity = vault.identity.identityString();
    const body = identity.slice('TVID1-'.length);
    // Forgiving: case, spaces, line breaks, dashes.
    expect(formatIdentity(parseIdentity(identity.toLowerCase()))).toBe(identity);
    expect(formatIdentity(parseIdentity(`  TVID1-${body.slice(0, 50)}\n${body.slice(50)} `))).toBe(
      identity,
    );
    const wrongChar = body[10] === 'A' ? 'B' : 'A';
    const cases = [
      '',
      'TVID1-',
      identity.slice(0, -1),
      `${identity}0`,
      `TVID1-${body.slice(0, 10)}${wrongChar}${body.slice(11)}`,
      `TVID2-${body}`,
      `XXXX1-${body}`,
      `TVID1-${body.slice(0, -1)}U`,
      'TVID1-' + '0'.repeat(109),
      'x'.repeat(5000),
    ];
    for (const text of cases) expect(codeOf(() => parseIdentity(text))).toBe('IDENTITY.INVALID');
  });

  it('normalises fingerprints as people type them', () => {
    expect(normaliseFingerprint('12345-67890 12345 67890 12345 67890')).toBe(
      '12345 67890 12345 67890 12345 67890',
    );
    expect(normaliseFingerprint('123456789012345678901234567890')).toBe(
      '12345 67890 12345 67890 12345 67890',
    );
    expect(normaliseFingerprint('1234')).toBeNull();
    expect(normaliseFingerprint('abcde 67890 12345 67890 12345 67890')).toBeNull();
  });

  it('base32 round-trips and refuses bad padding', () => {
    for (const length of [0, 1, 2, 5, 31, 68]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) % 256);
      expect(base32Decode(base32Encode(bytes), length)).toEqual(bytes);
    }
    const text = base32Encode(new Uint8Array([0xff]));
    expect(text).toBe('ZW');
    expect(base32Decode('ZZ', 1)).toBeNull(); // non-zero padding bits
    expect(base32Decode('Z', 1)).toBeNull();
  });
});
