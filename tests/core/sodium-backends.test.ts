import { beforeAll, describe, expect, it } from 'vitest';
import { open, seal } from '../../src/core/crypto/aead';
import { associatedData } from '../../src/core/crypto/associated-data';
import { asKey } from '../../src/core/crypto/keys';
import { type SodiumPort, loadSodium, sodium, sodiumBackends } from '../../src/core/crypto/sodium';
import { loadSodiumNative } from '../../src/core/crypto/sodium-native';
import { libsodium } from '../helpers/libsodium';

/**
 * The libsodium port has two implementations (sodium-native, libsodium-wrappers-sumo): both must
 * compute exactly what libsodium computes, so that whatever one build wrote, the other reads.
 * Each function is checked against libsodium-wrappers-sumo called directly.
 */
let ports: SodiumPort[] = [];
let lib: Awaited<ReturnType<typeof libsodium>>;

beforeAll(async () => {
  await loadSodium();
  ports = await sodiumBackends();
  lib = await libsodium();
});

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('the libsodium port', () => {
  it('has both builds here, and the process uses the one TVAULT_SODIUM selects', () => {
    expect(ports.map((p) => p.backend)).toEqual(['sodium-native', 'libsodium-wrappers-sumo']);
    expect(sodium().backend).toBe(
      process.env.TVAULT_SODIUM === 'wasm' ? 'libsodium-wrappers-sumo' : 'sodium-native',
    );
  });

  it('falls back when sodium-native cannot load or lacks a function', () => {
    const noPrebuild = () => {
      throw new Error('No native build was found for platform=plan9');
    };
    expect(loadSodiumNative(noPrebuild)).toBeNull();
    expect(loadSodiumNative(() => ({}))).toBeNull();
  });

  it('XChaCha20-Poly1305 and ChaCha20-Poly1305: identical output, each opens the other', () => {
    const key = lib.randombytes_buf(32);
    const ad = associatedData('tvault-test', 'abc', 3);
    for (const length of [0, 1, 255, 4097, 70_000]) {
      const plain = lib.randombytes_buf(length);
      const xnonce = lib.randombytes_buf(24);
      const nonce = lib.randombytes_buf(12);
      const xref = lib.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, ad, null, xnonce, key);
      const ref = lib.crypto_aead_chacha20poly1305_ietf_encrypt(plain, ad, null, nonce, key);
      for (const port of ports) {
        const out = new Uint8Array(length + 16);
        port.xchachaSeal({ out, plain, ad, nonce: xnonce, key });
        expect(hex(out)).toBe(hex(xref));
        port.chachaSeal({ out, plain, ad, nonce, key });
        expect(hex(out)).toBe(hex(ref));
        const back = new Uint8Array(length);
        expect(port.xchachaOpen({ out: back, sealed: xref, ad, nonce: xnonce, key })).toBe(true);
        expect(hex(back)).toBe(hex(plain));
        const flipped = Uint8Array.from(ref);
        flipped[0]! ^= 1;
        expect(port.chachaOpen({ out: back, sealed: flipped, ad, nonce, key })).toBe(false);
        expect(back.every((b) => b === 0)).toBe(true);
      }
    }
  });

  it('refuses AEAD output buffers of the wrong size', () => {
    for (const port of ports) {
      const args = { plain: new Uint8Array(3), ad: new Uint8Array(0), key: new Uint8Array(32) };
      expect(() =>
        port.chachaSeal({ ...args, out: new Uint8Array(18), nonce: new Uint8Array(12) }),
      ).toThrow(RangeError);
    }
  });

  it('KDF, BLAKE2b, Argon2id: identical to libsodium', async () => {
    const key = lib.randombytes_buf(32);
    const message = lib.randombytes_buf(100);
    const salt = lib.randombytes_buf(16);
    const passphrase = new TextEncoder().encode('caf\u00e9 passphrase');
    const argon = lib.crypto_pwhash(
      32,
      passphrase,
      salt,
      1,
      8 << 20,
      lib.crypto_pwhash_ALG_ARGON2ID13,
    );
    for (const port of ports) {
      expect(hex(port.deriveKey({ length: 32, key, subkeyId: 1, context: 'tvrecord' }))).toBe(
        hex(lib.crypto_kdf_derive_from_key(32, 1, 'tvrecord', key)),
      );
      expect(hex(port.blake2b({ length: 32, message, key }))).toBe(
        hex(lib.crypto_generichash(32, message, key)),
      );
      expect(hex(port.blake2b({ length: 2, message, key }))).toBe(
        hex(lib.crypto_generichash(2, message, key)),
      );
      expect(hex(port.blake2b({ length: 2, message }))).toBe(
        hex(lib.crypto_generichash(2, message, null)),
      );
      const derived = await port.argon2id({
        length: 32,
        passphrase,
        salt,
        opslimit: 1,
        memlimit: 8 << 20,
      });
      expect(hex(derived)).toBe(hex(argon));
      expect(port.pwhashLimits.opsMin).toBe(lib.crypto_pwhash_OPSLIMIT_MIN);
      expect(port.pwhashLimits.memMin).toBe(lib.crypto_pwhash_MEMLIMIT_MIN);
    }
  });

  it('pad and unpad agree with libsodium, and both refuse malformed padding', () => {
    for (const port of ports) {
      for (const length of [0, 1, 255, 256, 1000]) {
        const plain = lib.randombytes_buf(length);
        const padded = port.pad(plain, 256);
        expect(hex(padded)).toBe(hex(lib.pad(plain, 256)));
        expect(hex(port.unpad(padded, padded.length)!)).toBe(hex(plain));
      }
      expect(port.unpad(new Uint8Array(256), 256)).toBeNull();
      expect(port.unpad(new Uint8Array(0), 0)).toBeNull();
      const trailing = port.pad(new Uint8Array([1, 2]), 256);
      trailing[255] = 7;
      expect(port.unpad(trailing, 256)).toBeNull();
      // The marker outside the last block is not padding.
      const early = new Uint8Array(512);
      early[10] = 0x80;
      expect(port.unpad(early, 256)).toBeNull();
    }
  });

  it('sealed boxes and Ed25519 signatures work across builds', () => {
    const message = new TextEncoder().encode('شهادة — testimony');
    for (const writer of ports) {
      for (const reader of ports) {
        const box = reader.boxKeyPair();
        const sealed = writer.boxSeal({ message, publicKey: box.publicKey });
        expect(hex(reader.boxSealOpen({ sealed, ...box })!)).toBe(hex(message));
        const other = reader.boxKeyPair();
        expect(reader.boxSealOpen({ sealed, ...other })).toBeNull();
        expect(reader.boxSealOpen({ sealed: sealed.subarray(0, 10), ...box })).toBeNull();

        const signer = writer.signKeyPair();
        const signature = writer.signDetached({ message, secretKey: signer.secretKey });
        expect(reader.verifyDetached({ signature, message, publicKey: signer.publicKey })).toBe(
          true,
        );
        const forged = Uint8Array.from(signature);
        forged[5]! ^= 1;
        expect(
          reader.verifyDetached({ signature: forged, message, publicKey: signer.publicKey }),
        ).toBe(false);
        expect(reader.isValidEd25519Point(signer.publicKey)).toBe(true);
        expect(reader.isValidEd25519Point(new Uint8Array(32))).toBe(false);
      }
    }
    // Ed25519 is deterministic: the same secret key signs alike in both builds.
    const pair = lib.crypto_sign_keypair();
    const signatures = ports.map((p) =>
      hex(p.signDetached({ message, secretKey: pair.privateKey })),
    );
    expect(signatures[0]).toBe(signatures[1]);
    expect(signatures[0]).toBe(hex(lib.crypto_sign_detached(message, pair.privateKey)));
  });

  it('constant-time equality: false for other lengths or contents', () => {
    for (const port of ports) {
      expect(port.equal(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
      expect(port.equal(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
      expect(port.equal(new Uint8Array([1, 2]), new Uint8Array([1]))).toBe(false);
    }
  });
});

describe('seal / open over the port', () => {
  it('what seal makes opens with libsodium directly, and the reverse', () => {
    const key = asKey(lib.randombytes_buf(32), 'test');
    const ad = associatedData('tvault-test', 'record', 1);
    const plain = new TextEncoder().encode('شهادة — testimony');
    const sealed = seal({ key, plain, ad });
    const opened = lib.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(24),
      ad,
      sealed.subarray(0, 24),
      key,
    );
    expect(new TextDecoder().decode(opened)).toBe('شهادة — testimony');

    const nonce = lib.randombytes_buf(24);
    const libSealed = new Uint8Array([
      ...nonce,
      ...lib.crypto_aead_xchacha20poly1305_ietf_encrypt(plain, ad, null, nonce, key),
    ]);
    expect(new TextDecoder().decode(open({ key, sealed: libSealed, ad, subject: 'test' }))).toBe(
      'شهادة — testimony',
    );
  });

  it('a flipped byte or other associated data fails with INTEGRITY.FAILED naming the subject', () => {
    const key = asKey(lib.randombytes_buf(32), 'test');
    const ad = associatedData('tvault-test', 'record', 1);
    const sealed = seal({ key, plain: new Uint8Array([1, 2, 3]), ad });
    for (let i = 0; i < sealed.length; i++) {
      const copy = sealed.slice();
      copy[i]! ^= 0x01;
      expect(() => open({ key, sealed: copy, ad, subject: 'record abc' })).toThrowError(
        /record abc/,
      );
    }
    expect(() =>
      open({ key, sealed, ad: associatedData('tvault-test', 'record', 2), subject: 'record abc' }),
    ).toThrowError(expect.objectContaining({ code: 'INTEGRITY.FAILED' }));
  });
});
