import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asKey } from '../../src/core/crypto/keys';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { loadSodium } from '../../src/core/crypto/sodium';
import {
  type VaultHeader,
  buildHeader,
  parseHeader,
  serializeHeader,
  verifyHeaderMac,
} from '../../src/core/vault/header';
import { VaultError } from '../../src/shared/errors';
import { memberReplaced, mutationOf } from './mutations';

/**
 * Issue 11, the property tests of parsers of outside data: vault.json. Whatever is in the file,
 * parseHeader returns a header or throws a typed error; a header that parses but differs from
 * the one written is caught by the header MAC (VAULT.CORRUPT) before it is used.
 */
const RUNS = 200;
const CODES = ['VAULT.CORRUPT', 'VAULT.UNSUPPORTED_VERSION'];
const headerKey = asKey(new Uint8Array(randomBytes(32)), 'header');
let header: VaultHeader;
let text: Uint8Array;

beforeAll(async () => {
  await loadSodium();
  header = await buildHeader({
    vaultId: 'ab'.repeat(16),
    masterKey: asKey(new Uint8Array(randomBytes(32)), 'master'),
    headerKey,
    passphrase: 'a passphrase',
    kdf: TEST_KDF,
    recoverySecret: new Uint8Array(randomBytes(32)),
    createdAt: '2026-01-02T03:04:05.000Z',
  });
  text = new TextEncoder().encode(serializeHeader(header));
});

/** The header parsed from `input`, or null after checking the refusal is typed. */
function parsedOrRefused(input: string): VaultHeader | null {
  try {
    return parseHeader(input);
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    expect(CODES, (error as VaultError).code).toContain((error as VaultError).code);
    return null;
  }
}

/** A parsed header other than the one written must fail the MAC check, with VAULT.CORRUPT. */
function macCatches(parsed: VaultHeader): void {
  if (JSON.stringify(parsed) === JSON.stringify(header)) {
    verifyHeaderMac(parsed, headerKey);
    return;
  }
  let caught: unknown = null;
  try {
    verifyHeaderMac(parsed, headerKey);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(VaultError);
  expect((caught as VaultError).code).toBe('VAULT.CORRUPT');
}

describe('property: the vault header (vault.json)', () => {
  it('the header as written parses and its MAC checks', () => {
    const parsed = parseHeader(new TextDecoder().decode(text));
    expect(parsed).toEqual(header);
    verifyHeaderMac(parsed, headerKey);
  });

  it('byte mutations (cut, flip, extend, overwrite): refused or caught by the MAC', () => {
    fc.assert(
      fc.property(mutationOf(text), (bytes) => {
        const parsed = parsedOrRefused(new TextDecoder().decode(bytes));
        if (parsed) macCatches(parsed);
      }),
      { numRuns: RUNS },
    );
  });

  it('a member replaced by any JSON value: refused or caught by the MAC', () => {
    const members = fc.oneof(
      memberReplaced(header as unknown as Record<string, unknown>),
      memberReplaced(header.kdf as unknown as Record<string, unknown>).map((kdf) => ({
        ...header,
        kdf,
      })),
    );
    fc.assert(
      fc.property(members, (value) => {
        const parsed = parsedOrRefused(JSON.stringify(value));
        if (parsed) macCatches(parsed);
      }),
      { numRuns: RUNS },
    );
  });

  it('random text and JSON: a header or a typed refusal, never a crash', () => {
    // Objects with the header's member names and any values, so that checks past the first run.
    const headerShaped = fc
      .dictionary(fc.constantFrom(...Object.keys(header), 'shares'), fc.jsonValue({ maxDepth: 2 }))
      .map((members) => JSON.stringify({ format: 'testimony-vault', version: 1, ...members }));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), headerShaped), (input) => {
        const parsed = parsedOrRefused(input);
        if (parsed) macCatches(parsed);
      }),
      { numRuns: RUNS },
    );
  });
});
