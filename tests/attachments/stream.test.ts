import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type FileKey, asKey } from '../../src/core/crypto/keys';
import { type SodiumPort, loadSodium, sodium, sodiumBackends } from '../../src/core/crypto/sodium';
import { loadSodiumNative } from '../../src/core/crypto/sodium-native';
import {
  STREAM_CHUNK_BYTES,
  StreamCodec,
  streamChunkCount,
  streamChunkPlainLength,
  streamSealedLength,
  writeStreamNonce,
} from '../../src/core/crypto/stream';

// At the top: the STREAM suites seal their fixtures while the tests are being collected.
await loadSodium();

const [nativePort, wasmPort] = await sodiumBackends();
if (nativePort?.backend !== 'sodium-native') throw new Error('sodium-native must load here');
const native = () => nativePort;
const wasmChunkCipher = () => wasmPort!;

function codecOf(port: SodiumPort, key: Uint8Array, ad: Uint8Array): StreamCodec {
  return new StreamCodec({ sodium: port, key: asKey(key, 'file') satisfies FileKey, ad });
}

/** ChaCha20-Poly1305 (RFC 8439) by node:crypto (OpenSSL): an independent implementation. */
function referenceSeal(key: Uint8Array, nonce: Uint8Array, ad: Uint8Array, plain: Uint8Array) {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  cipher.setAAD(ad, { plaintextLength: plain.length });
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function sealAll(codec: StreamCodec, plain: Uint8Array): Uint8Array[] {
  const count = streamChunkCount(plain.length);
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const part = plain.subarray(i * STREAM_CHUNK_BYTES, (i + 1) * STREAM_CHUNK_BYTES);
    const out = new Uint8Array(part.length + 16);
    codec.seal({ out, plain: part, counter: i, last: i === count - 1 });
    chunks.push(out);
  }
  return chunks;
}

describe('STREAM nonce (age spec: 11-byte big-endian counter || last flag)', () => {
  it('lays out the counter and the flag', () => {
    const nonce = new Uint8Array(12);
    expect([...writeStreamNonce({ out: nonce, counter: 0, last: false })]).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect([...writeStreamNonce({ out: nonce, counter: 1, last: true })]).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
    ]);
    expect([...writeStreamNonce({ out: nonce, counter: 258, last: false })]).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0,
    ]);
    expect([...writeStreamNonce({ out: nonce, counter: 2 ** 40 + 5, last: false })]).toEqual([
      0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 5, 0,
    ]);
    expect(() => writeStreamNonce({ out: nonce, counter: -1, last: false })).toThrow(RangeError);
    expect(() => writeStreamNonce({ out: nonce, counter: 1.5, last: false })).toThrow(RangeError);
  });

  it('counts chunks: an empty stream is one empty final chunk', () => {
    expect(streamChunkCount(0)).toBe(1);
    expect(streamChunkCount(1)).toBe(1);
    expect(streamChunkCount(STREAM_CHUNK_BYTES)).toBe(1);
    expect(streamChunkCount(STREAM_CHUNK_BYTES + 1)).toBe(2);
    expect(streamChunkPlainLength(STREAM_CHUNK_BYTES + 1, 1)).toBe(1);
    expect(streamChunkPlainLength(0, 0)).toBe(0);
    expect(streamSealedLength(0)).toBe(16);
    expect(streamSealedLength(STREAM_CHUNK_BYTES * 2 + 3)).toBe(STREAM_CHUNK_BYTES * 2 + 3 + 48);
  });
});

describe('libsodium backends for the chunk AEAD', () => {
  it('selects sodium-native here', () => {
    expect(sodium().backend).toBe(
      process.env.TVAULT_SODIUM === 'wasm' ? 'libsodium-wrappers-sumo' : 'sodium-native',
    );
  });

  it('falls back when sodium-native cannot load', () => {
    expect(
      loadSodiumNative(() => {
        throw new Error('No native build was found for platform=plan9');
      }),
    ).toBeNull();
    expect(loadSodiumNative(() => ({}))).toBeNull();
  });

  it('sodium-native and WebAssembly write byte-identical chunks, equal to RFC 8439 ChaCha20-Poly1305', () => {
    const key = randomBytes(32);
    const ad = randomBytes(40);
    const plain = randomBytes(STREAM_CHUNK_BYTES * 2 + 777);
    const a = sealAll(codecOf(native(), key, ad), plain);
    const b = sealAll(codecOf(wasmChunkCipher(), key, ad), plain);
    expect(a.length).toBe(3);
    const nonce = new Uint8Array(12);
    for (let i = 0; i < a.length; i++) {
      expect(Buffer.from(a[i]!).equals(Buffer.from(b[i]!))).toBe(true);
      const part = plain.subarray(i * STREAM_CHUNK_BYTES, (i + 1) * STREAM_CHUNK_BYTES);
      const reference = referenceSeal(
        key,
        writeStreamNonce({ out: nonce, counter: i, last: i === 2 }),
        ad,
        part,
      );
      expect(Buffer.from(a[i]!).equals(reference)).toBe(true);
    }
    // Each backend opens what the other sealed.
    for (const [writer, reader] of [
      [a, wasmChunkCipher()],
      [b, native()],
    ] as const) {
      const codec = codecOf(reader, key, ad);
      const out = new Uint8Array(STREAM_CHUNK_BYTES);
      expect(codec.open({ out, sealed: writer[0]!, counter: 0, last: false })).toBe(true);
      expect(Buffer.from(out).equals(plain.subarray(0, STREAM_CHUNK_BYTES))).toBe(true);
    }
  });

  it('an empty final chunk is the tag alone, and opens', () => {
    for (const cipher of [native(), wasmChunkCipher()]) {
      const codec = codecOf(cipher, randomBytes(32), new Uint8Array(0));
      const [sealed] = sealAll(codec, new Uint8Array(0));
      expect(sealed!.length).toBe(16);
      expect(codec.open({ out: new Uint8Array(0), sealed: sealed!, counter: 0, last: true })).toBe(
        true,
      );
      expect(codec.open({ out: new Uint8Array(0), sealed: sealed!, counter: 0, last: false })).toBe(
        false,
      );
    }
  });
});

describe('STREAM detects', () => {
  for (const make of [native, wasmChunkCipher]) {
    const key = randomBytes(32);
    const ad = new TextEncoder().encode('attachment-a');
    const plain = randomBytes(STREAM_CHUNK_BYTES * 3 + 10);
    const chunks = sealAll(codecOf(make(), key, ad), plain);
    const codec = codecOf(make(), key, ad);
    const out = (sealed: Uint8Array) => new Uint8Array(sealed.length - 16);

    it(`reordering (${make().backend})`, () => {
      expect(
        codec.open({ out: out(chunks[1]!), sealed: chunks[1]!, counter: 1, last: false }),
      ).toBe(true);
      expect(
        codec.open({ out: out(chunks[1]!), sealed: chunks[1]!, counter: 2, last: false }),
      ).toBe(false);
      expect(
        codec.open({ out: out(chunks[2]!), sealed: chunks[2]!, counter: 1, last: false }),
      ).toBe(false);
    });

    it(`truncation at a chunk boundary and appended chunks (${make().backend})`, () => {
      // Chunk 2 read as if it were the end: it was not sealed as last.
      expect(codec.open({ out: out(chunks[2]!), sealed: chunks[2]!, counter: 2, last: true })).toBe(
        false,
      );
      // The real final chunk read as if more followed.
      expect(
        codec.open({ out: out(chunks[3]!), sealed: chunks[3]!, counter: 3, last: false }),
      ).toBe(false);
      expect(codec.open({ out: out(chunks[3]!), sealed: chunks[3]!, counter: 3, last: true })).toBe(
        true,
      );
      // A copy of the final chunk appended after it.
      expect(codec.open({ out: out(chunks[3]!), sealed: chunks[3]!, counter: 4, last: true })).toBe(
        false,
      );
    });

    it(`flips, another key, another attachment's data (${make().backend})`, () => {
      const flipped = Uint8Array.from(chunks[0]!);
      flipped[100] = flipped[100]! ^ 0x80;
      const buffer = out(flipped);
      expect(codec.open({ out: buffer, sealed: flipped, counter: 0, last: false })).toBe(false);
      expect(buffer.every((b) => b === 0)).toBe(true);
      const tag = Uint8Array.from(chunks[0]!);
      tag[tag.length - 1] = tag[tag.length - 1]! ^ 1;
      expect(codec.open({ out: out(tag), sealed: tag, counter: 0, last: false })).toBe(false);
      const wrongKey = codecOf(make(), randomBytes(32), ad);
      expect(
        wrongKey.open({ out: out(chunks[0]!), sealed: chunks[0]!, counter: 0, last: false }),
      ).toBe(false);
      const other = codecOf(make(), key, new TextEncoder().encode('attachment-b'));
      expect(
        other.open({ out: out(chunks[0]!), sealed: chunks[0]!, counter: 0, last: false }),
      ).toBe(false);
    });
  }
});
