import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/core/bundles/bundle-reader';
import { writeBundle } from '../../src/core/bundles/bundle-writer';
import {
  CHUNK_BYTES,
  KDF_CONTEXT,
  SUBKEY_MAC,
  SUBKEY_PAYLOAD,
  deriveBundleKey,
} from '../../src/core/bundles/format';
import { asKey } from '../../src/core/crypto/keys';
import { loadSodium, sodiumBackends } from '../../src/core/crypto/sodium';
import { libsodium } from '../helpers/libsodium';
import { useTempDirs } from '../helpers/temp-dirs';
import { expectCode } from './helpers';
import {
  type RawParty,
  concat,
  craft,
  formatSplit,
  manifestFor,
  rawParty,
  recordContent,
  save,
  sha256,
} from './raw';

const ID1 = '11'.repeat(16);
const ID2 = '22'.repeat(16);
const ATT = 'aa'.repeat(16);

async function readAll(path: string, opener: RawParty['opener']) {
  const bundle = await openBundle(path, opener);
  const out: { kind: string; id: string; bytes: Uint8Array }[] = [];
  try {
    for await (const { entry, content } of bundle.entries()) {
      const pieces: Uint8Array[] = [];
      for await (const piece of content) pieces.push(piece);
      out.push({ kind: entry.kind, id: entry.id, bytes: concat(...pieces) });
    }
  } finally {
    await bundle.close();
  }
  return { bundle, entries: out };
}

describe('bundle format: primitives', () => {
  it('derives subkeys exactly as docs/bundle-format.md says (BLAKE2b, salt, personal)', async () => {
    await loadSodium();
    const s = await libsodium();
    const fileKey = asKey(
      Uint8Array.from({ length: 32 }, (_, i) => i),
      'bundle-file',
    );
    for (const id of [SUBKEY_MAC, SUBKEY_PAYLOAD] as const) {
      const salt = new Uint8Array(16);
      salt[0] = id; // little-endian 64-bit id, then zeros
      const personal = new Uint8Array(16);
      personal.set(new TextEncoder().encode(KDF_CONTEXT));
      const manual = s.crypto_generichash_blake2b_salt_personal(32, fileKey, salt, personal);
      expect(deriveBundleKey(fileKey, id)).toEqual(manual);
    }
  });

  it('the native and WebAssembly secretstreams read each other', async () => {
    const backends = await sodiumBackends();
    expect(backends.map((b) => b.backend)).toEqual(['sodium-native', 'libsodium-wrappers-sumo']);
    const key = (await libsodium()).randombytes_buf(32);
    const messages = [new Uint8Array(CHUNK_BYTES).fill(1), new Uint8Array(5).fill(2)];
    for (const writer of backends) {
      for (const reader of backends) {
        const { header, pusher } = writer.secretStreamPush(key);
        const sealed = messages.map((m, i) => pusher.push(m, i === messages.length - 1));
        const puller = reader.secretStreamPull({ header, key })!;
        const opened = sealed.map((c) => puller.pull(c));
        expect(opened.map((o) => o?.tag)).toEqual([0, 3]);
        opened.forEach((o, i) => expect(Buffer.from(o!.plain).equals(messages[i]!)).toBe(true));
        const tampered = Uint8Array.from(sealed[0]!);
        tampered[20]! ^= 1;
        expect(reader.secretStreamPull({ header, key })!.pull(tampered)).toBeNull();
      }
    }
  });
});

/** A record whose bundle payload (manifest, signature, content) is exactly `chunks` chunks. */
function exactRecord(sender: RawParty, chunks: number) {
  let body = 'y';
  for (let i = 0; i < 3; i++) {
    const probe = recordContent(ID1, 1, { body });
    const manifest = new TextEncoder().encode(
      JSON.stringify({ sender: sender.identity, ...manifestFor([probe.entry]) }),
    );
    const total = 4 + manifest.length + 64 + probe.bytes.length;
    body = 'y'.repeat(body.length + chunks * CHUNK_BYTES - total);
  }
  return recordContent(ID1, 1, { body });
}

describe('bundle format: the reader enforces every rule', () => {
  const temp = useTempDirs();

  async function parties() {
    return { alice: await rawParty(), bob: await rawParty() };
  }

  it('reads a hand-made bundle that follows the rules', async () => {
    const { alice, bob } = await parties();
    const r = recordContent(ID1);
    const file = new TextEncoder().encode('evidence');
    const att = {
      kind: 'attachment',
      id: ATT,
      recordId: ID1,
      size: file.length,
      sha256: sha256(file),
      name: 'e.txt',
      mime: 'text/plain',
      modifiedAt: null,
      addedAt: '2025-03-01T09:00:00.000Z',
      description: '',
    };
    const bytes = craft({
      sender: alice,
      recipients: [bob],
      manifest: manifestFor([r.entry, att]),
      contents: [r.bytes, file],
    });
    const { bundle, entries } = await readAll(save(temp.make(), 'ok.tvb', bytes), bob.opener);
    expect(bundle.manifest.sender).toBe(alice.identity);
    expect(entries.map((e) => e.kind)).toEqual(['record', 'attachment']);
    expect(new TextDecoder().decode(entries[1]!.bytes)).toBe('evidence');
  });

  it('refuses chunking and tag violations', async () => {
    const { alice, bob } = await parties();
    const dir = temp.make();
    const big = exactRecord(alice, 2);
    const base = {
      sender: alice,
      recipients: [bob],
      manifest: manifestFor([big.entry]),
      contents: [big.bytes],
    };
    const cases: [string, (p: Uint8Array) => { plain: Uint8Array; tag: number }[], string][] = [
      // The last full chunk not final, and nothing after it.
      [
        'no final at a boundary',
        (p) => formatSplit(p).map((c) => ({ ...c, tag: 0 })),
        'BUNDLE.INTEGRITY',
      ],
      // An empty final chunk after full ones.
      [
        'empty final',
        (p) => [
          ...formatSplit(p).map((c) => ({ ...c, tag: 0 })),
          { plain: new Uint8Array(0), tag: 3 },
        ],
        'BUNDLE.MALFORMED',
      ],
      // TAG_PUSH and TAG_REKEY are not part of the format.
      [
        'push tag',
        (p) => formatSplit(p).map((c, i) => (i === 0 ? { ...c, tag: 1 } : c)),
        'BUNDLE.MALFORMED',
      ],
      // A short chunk that is not the last.
      [
        'short middle',
        (p) => [
          { plain: p.subarray(0, 100), tag: 0 },
          { plain: p.subarray(100), tag: 3 },
        ],
        'BUNDLE.INTEGRITY',
      ],
      // No final tag at all.
      ['no final', (p) => formatSplit(p).map((c) => ({ ...c, tag: 0 })), 'BUNDLE.INTEGRITY'],
      // The final tag too early: the payload ends before the manifest's entries.
      ['final too early', (p) => formatSplit(p).map((c) => ({ ...c, tag: 3 })), 'BUNDLE.'],
    ];
    for (const [name, split, code] of cases) {
      const path = save(dir, `${name}.tvb`, craft({ ...base, split }));
      const error = await expectCode(readAll(path, bob.opener), code);
      expect(error.code.startsWith(code), name).toBe(true);
    }
    // The same content with the format's own chunking reads.
    await readAll(save(dir, 'fine.tvb', craft(base)), bob.opener);
  });

  it('refuses data after a full final chunk as trailing data', async () => {
    const { alice, bob } = await parties();
    const r = exactRecord(alice, 2);
    const good = craft({
      sender: alice,
      recipients: [bob],
      manifest: manifestFor([r.entry]),
      contents: [r.bytes],
    });
    const dir = temp.make();
    await readAll(save(dir, 'exact.tvb', good), bob.opener);
    const path = save(dir, 'more.tvb', concat(good, new Uint8Array(40)));
    const error = await expectCode(readAll(path, bob.opener), 'BUNDLE.INTEGRITY');
    expect(error.details.reason).toBe('data follows the final chunk');
  });

  it('refuses manifests that break the structure rules, and contents that do not match', async () => {
    const { alice, bob } = await parties();
    const dir = temp.make();
    const r1 = recordContent(ID1);
    const r1b = recordContent(ID1, 2);
    const r2 = recordContent(ID2);
    const file = new Uint8Array([1, 2, 3]);
    const att = (recordId: string) => ({
      kind: 'attachment',
      id: ATT,
      recordId,
      size: 3,
      sha256: sha256(file),
      name: 'f',
      mime: 'application/octet-stream',
      modifiedAt: null,
      addedAt: '2025-03-01T09:00:00.000Z',
      description: '',
    });
    const cases: [string, Partial<Parameters<typeof craft>[0]>, string][] = [
      [
        'attachment first',
        { manifest: manifestFor([att(ID1), r1.entry]), contents: [file, r1.bytes] },
        'BUNDLE.MALFORMED',
      ],
      [
        'record twice',
        {
          manifest: manifestFor([r1.entry, r2.entry, r1.entry]),
          contents: [r1.bytes, r2.bytes, r1.bytes],
        },
        'BUNDLE.MALFORMED',
      ],
      [
        'revisions backwards',
        { manifest: manifestFor([r1b.entry, r1.entry]), contents: [r1b.bytes, r1.bytes] },
        'BUNDLE.MALFORMED',
      ],
      ['no entries', { manifest: manifestFor([]), contents: [] }, 'BUNDLE.MALFORMED'],
      [
        'attachment only',
        { manifest: manifestFor([att(ID2)]), contents: [file] },
        'BUNDLE.MALFORMED',
      ],
      [
        'unknown field',
        { manifest: manifestFor([r1.entry], { extra: 1 }), contents: [r1.bytes] },
        'BUNDLE.MALFORMED',
      ],
      [
        'version 2',
        { manifest: manifestFor([r1.entry], { version: 2 }), contents: [r1.bytes] },
        'BUNDLE.MALFORMED',
      ],
      [
        'not json',
        { manifestBytes: new TextEncoder().encode(`{"sender":"x"`), contents: [] },
        'BUNDLE.MALFORMED',
      ],
      [
        'invalid utf-8',
        { manifestBytes: Uint8Array.from([0x7b, 0xff, 0x7d]), contents: [] },
        'BUNDLE.MALFORMED',
      ],
      [
        'wrong hash',
        {
          manifest: manifestFor([{ ...r1.entry, sha256: sha256(r2.bytes) }]),
          contents: [r1.bytes],
        },
        'BUNDLE.INTEGRITY',
      ],
      [
        'extra plaintext',
        {
          manifest: manifestFor([r1.entry]),
          contents: [r1.bytes],
          extraPlaintext: new Uint8Array(3),
        },
        'BUNDLE.MALFORMED',
      ],
      [
        'short content',
        {
          manifest: manifestFor([{ ...r1.entry, size: r1.bytes.length + 5 }]),
          contents: [r1.bytes],
        },
        'BUNDLE.',
      ],
      [
        'signed by another key',
        { manifest: manifestFor([r1.entry]), contents: [r1.bytes], signer: bob },
        'BUNDLE.BAD_SIGNATURE',
      ],
    ];
    for (const [name, patch, code] of cases) {
      const bytes = craft({
        sender: alice,
        recipients: [bob],
        manifest: manifestFor([r1.entry]),
        contents: [r1.bytes],
        ...patch,
      });
      await expectCode(readAll(save(dir, `${name}.tvb`, bytes), bob.opener), code);
    }
    // A manifest length out of range.
    const huge = craft({
      sender: alice,
      recipients: [bob],
      manifest: manifestFor([r1.entry]),
      contents: [r1.bytes],
      split: (p) => {
        const copy = Uint8Array.from(p);
        copy.set([0xff, 0xff, 0xff, 0xff], 0);
        return formatSplit(copy);
      },
    });
    await expectCode(readAll(save(dir, 'len.tvb', huge), bob.opener), 'BUNDLE.MALFORMED');
  });

  it('writes what it reads back, in constant-size chunks, for any recipient order', async () => {
    const { alice, bob } = await parties();
    const carol = await rawParty();
    const dir = temp.make();
    const r = recordContent(ID1);
    const out = join(dir, 'w.tvb');
    const { size } = await writeBundle({
      out,
      recipients: [bob.boxKey, carol.boxKey],
      signer: { identity: alice.identity, sign: alice.sign },
      bundleId: ID2,
      createdAt: '2025-03-08T10:00:00.000Z',
      redacted: true,
      history: false,
      entries: [r.entry],
      content: async function* () {
        yield r.bytes;
      },
    });
    expect(size).toBeGreaterThan(0);
    for (const party of [bob, carol]) {
      const { entries } = await readAll(out, party.opener);
      expect(entries[0]!.bytes).toEqual(r.bytes);
    }
    // A writer whose content does not match its manifest entry leaves no file behind.
    await expectCode(
      writeBundle({
        out: join(dir, 'lie.tvb'),
        recipients: [bob.boxKey],
        signer: { identity: alice.identity, sign: alice.sign },
        bundleId: ID2,
        createdAt: '2025-03-08T10:00:00.000Z',
        redacted: true,
        history: false,
        entries: [r.entry],
        content: async function* () {
          yield r.bytes.subarray(1);
        },
      }),
      'INTEGRITY.FAILED',
    );
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual(['w.tvb']);
  });
});
