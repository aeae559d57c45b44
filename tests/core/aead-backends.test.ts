import { beforeAll, describe, expect, it } from 'vitest';
import { associatedData, open, seal } from '../../src/core/crypto/aead';
import { loadSodium, sodium, sodiumNative } from '../../src/core/crypto/sodium';

beforeAll(async () => {
  await loadSodium();
});

describe('record AEAD backends (sodium-native and libsodium-wrappers-sumo)', () => {
  it('the native build is loaded here, so the fast path is what the tests exercise', () => {
    expect(sodiumNative()).not.toBeNull();
  });

  it('both builds produce byte-identical XChaCha20-Poly1305 output for the same nonce', () => {
    const native = sodiumNative()!;
    const key = sodium().randombytes_buf(32);
    const ad = associatedData('tvault-test', 'abc', 3);
    for (const length of [0, 1, 255, 256, 4097, 70_000]) {
      const plaintext = sodium().randombytes_buf(length);
      const nonce = sodium().randombytes_buf(24);
      const fromWasm = sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(
        plaintext,
        ad,
        null,
        nonce,
        key,
      );
      const fromNative = new Uint8Array(length + 16);
      native.crypto_aead_xchacha20poly1305_ietf_encrypt(
        fromNative,
        plaintext,
        ad,
        null,
        nonce,
        key,
      );
      expect(Buffer.from(fromNative).equals(Buffer.from(fromWasm))).toBe(true);
    }
  });

  it('what seal makes opens with the WebAssembly build, and the reverse', () => {
    const key = sodium().randombytes_buf(32);
    const ad = associatedData('tvault-test', 'record', 1);
    const plaintext = new TextEncoder().encode('شهادة — testimony');
    const sealed = seal(key, plaintext, ad);
    const opened = sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(24),
      ad,
      sealed.subarray(0, 24),
      key,
    );
    expect(new TextDecoder().decode(opened)).toBe('شهادة — testimony');

    const nonce = sodium().randombytes_buf(24);
    const wasmSealed = new Uint8Array([
      ...nonce,
      ...sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key),
    ]);
    expect(new TextDecoder().decode(open(key, wasmSealed, ad, 'test'))).toBe('شهادة — testimony');
  });

  it('a flipped byte or other associated data fails with INTEGRITY.FAILED naming the subject', () => {
    const key = sodium().randombytes_buf(32);
    const ad = associatedData('tvault-test', 'record', 1);
    const sealed = seal(key, new Uint8Array([1, 2, 3]), ad);
    for (let i = 0; i < sealed.length; i++) {
      const copy = sealed.slice();
      copy[i]! ^= 0x01;
      expect(() => open(key, copy, ad, 'record abc')).toThrowError(/record abc/);
    }
    expect(() =>
      open(key, sealed, associatedData('tvault-test', 'record', 2), 'record abc'),
    ).toThrowError(expect.objectContaining({ code: 'INTEGRITY.FAILED' }));
  });
});
