import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/core/bundles/bundle-reader';
import { writeBundle } from '../../src/core/bundles/bundle-writer';
import { exportBundle } from '../../src/core/bundles/export';
import {
  FILE_KEY_BYTES,
  PREFIX_BYTES,
  SEALED_CHUNK_BYTES,
  STANZA_BYTES,
  buildHeader,
  headerLength,
} from '../../src/core/bundles/format';
import { receiveBundle } from '../../src/core/bundles/receive';
import { asKey } from '../../src/core/crypto/keys';
import { formatIdentity } from '../../src/core/identity/public-identity';
import { VaultError } from '../../src/shared/errors';
import {
  type Party,
  expectCode,
  network,
  readBytes,
  shareable,
  snapshot,
  useTestVaults,
  writeVariant,
} from './helpers';

async function* bytesOf(data: Uint8Array) {
  yield data;
}

/** A small bundle from a to b with one record and one small attachment. */
async function smallBundle(a: Party, dir: string, to = ['Beta']): Promise<string> {
  const rec = a.vault.addRecord(shareable({ title: 'T', body: 'short' }));
  await a.vault.attachments.attachStream(rec.id, bytesOf(new Uint8Array(40).fill(7)), {
    name: 'a.bin',
  });
  const out = join(dir, `small-${to.join('-')}.tvb`);
  await exportBundle(a.vault, { to, ids: [rec.id], out });
  return out;
}

describe('bundles: tampering is always rejected with a typed BUNDLE error', () => {
  const vaults = useTestVaults();

  it('rejects every single-byte flip, at every offset, leaving the vault unchanged', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const dir = vaults.temp.make();
    const good = readBytes(await smallBundle(a!, dir));
    const before = snapshot(b!.vault);
    const codes = new Map<string, number>();
    for (let offset = 0; offset < good.length; offset++) {
      const flipped = Uint8Array.from(good);
      flipped[offset]! ^= 0x01 << (offset % 8);
      const path = writeVariant(dir, 'flipped.tvb', flipped);
      const error = await expectCode(receiveBundle(b!.vault, path), 'BUNDLE.');
      codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
      if (offset % 97 === 0) expect(snapshot(b!.vault)).toBe(before);
    }
    expect(snapshot(b!.vault)).toBe(before);
    // Every region was exercised: the magic, the stanza, the MAC and the payload.
    expect(codes.get('BUNDLE.MALFORMED')).toBeGreaterThan(0);
    expect(codes.get('BUNDLE.NOT_FOR_US')).toBeGreaterThan(0);
    expect(codes.get('BUNDLE.INTEGRITY')).toBeGreaterThan(0);
    // And the untouched bundle still imports.
    const ok = await receiveBundle(b!.vault, writeVariant(dir, 'good.tvb', good));
    expect(ok.records).toBe(1);
  });

  it('rejects truncation at every chunk boundary and inside chunks, and appended data', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const dir = vaults.temp.make();
    const rec = a!.vault.addRecord(shareable());
    const data = new Uint8Array(3 * 65536 + 1234).map((_, i) => i % 256);
    await a!.vault.attachments.attachStream(rec.id, bytesOf(data), { name: 'big.bin' });
    const out = join(dir, 'multi.tvb');
    await exportBundle(a!.vault, { to: ['Beta'], all: true, out });
    const good = readBytes(out);
    const headerEnd = headerLength(1);
    const chunks = Math.ceil((good.length - headerEnd) / SEALED_CHUNK_BYTES);
    expect(chunks).toBeGreaterThanOrEqual(4);
    const before = snapshot(b!.vault);
    const cuts = [0, 5, PREFIX_BYTES, headerEnd - 1];
    for (let k = 0; k < chunks; k++) {
      const boundary = headerEnd + k * SEALED_CHUNK_BYTES;
      cuts.push(boundary, boundary + 1, boundary + 17, boundary + 100);
    }
    cuts.push(good.length - 1);
    for (const cut of cuts.filter((c) => c < good.length)) {
      const path = writeVariant(dir, 'cut.tvb', good.subarray(0, cut));
      await expectCode(receiveBundle(b!.vault, path), 'BUNDLE.');
    }
    // An appended copy of a chunk, of the final chunk, and of a single byte.
    const firstChunk = good.subarray(headerEnd, headerEnd + SEALED_CHUNK_BYTES);
    const lastChunk = good.subarray(headerEnd + (chunks - 1) * SEALED_CHUNK_BYTES);
    for (const extra of [firstChunk, lastChunk, new Uint8Array([0])]) {
      const path = writeVariant(dir, 'long.tvb', Buffer.concat([good, extra]));
      // The final chunk is short, so what follows it changes the last ciphertext read: either
      // it no longer authenticates, or trailing data is found after it.
      await expectCode(receiveBundle(b!.vault, path), 'BUNDLE.INTEGRITY');
    }
    // A chunk dropped from the middle, and two chunks swapped.
    const drop = Buffer.concat([
      good.subarray(0, headerEnd + SEALED_CHUNK_BYTES),
      good.subarray(headerEnd + 2 * SEALED_CHUNK_BYTES),
    ]);
    await expectCode(
      receiveBundle(b!.vault, writeVariant(dir, 'drop.tvb', drop)),
      'BUNDLE.INTEGRITY',
    );
    const c1 = good.subarray(headerEnd + SEALED_CHUNK_BYTES, headerEnd + 2 * SEALED_CHUNK_BYTES);
    const c2 = good.subarray(
      headerEnd + 2 * SEALED_CHUNK_BYTES,
      headerEnd + 3 * SEALED_CHUNK_BYTES,
    );
    const swap = Buffer.concat([
      good.subarray(0, headerEnd + SEALED_CHUNK_BYTES),
      c2,
      c1,
      good.subarray(headerEnd + 3 * SEALED_CHUNK_BYTES),
    ]);
    await expectCode(
      receiveBundle(b!.vault, writeVariant(dir, 'swap.tvb', swap)),
      'BUNDLE.INTEGRITY',
    );
    expect(snapshot(b!.vault)).toBe(before);
    expect((await receiveBundle(b!.vault, out)).attachments).toBe(1);
  });

  it('rejects swapped and replaced recipient stanzas, and a re-made header', async () => {
    const [a, b, c] = await network(vaults, ['Alpha', 'Beta', 'Gamma']);
    const dir = vaults.temp.make();
    const both = readBytes(await smallBundle(a!, dir, ['Beta', 'Gamma']));
    const other = readBytes(await smallBundle(a!, dir, ['Beta']));
    const before = snapshot(b!.vault);
    const s0 = both.subarray(PREFIX_BYTES, PREFIX_BYTES + STANZA_BYTES);
    const s1 = both.subarray(PREFIX_BYTES + STANZA_BYTES, PREFIX_BYTES + 2 * STANZA_BYTES);
    // The two stanzas in the other order: the header MAC no longer matches.
    const swapped = Buffer.concat([
      both.subarray(0, PREFIX_BYTES),
      s1,
      s0,
      both.subarray(PREFIX_BYTES + 2 * STANZA_BYTES),
    ]);
    await expectCode(
      receiveBundle(b!.vault, writeVariant(dir, 's.tvb', swapped)),
      'BUNDLE.INTEGRITY',
    );
    // Beta's stanza from another bundle: it opens, to the wrong file key.
    const foreign = Buffer.concat([
      both.subarray(0, PREFIX_BYTES),
      other.subarray(PREFIX_BYTES, PREFIX_BYTES + STANZA_BYTES),
      other.subarray(PREFIX_BYTES, PREFIX_BYTES + STANZA_BYTES),
      both.subarray(PREFIX_BYTES + 2 * STANZA_BYTES),
    ]);
    await expectCode(
      receiveBundle(b!.vault, writeVariant(dir, 'f.tvb', foreign)),
      'BUNDLE.INTEGRITY',
    );

    // Gamma, a legitimate co-recipient, knows the file key and re-makes the header for Beta
    // alone with a valid MAC, keeping the signed payload: the signature covers the original
    // header, so Beta rejects it.
    const opened = c!.vault.identity.openSealedBoxes([s0, s1]);
    expect(opened).not.toBeNull();
    const fileKey = opened!.content;
    expect(fileKey.length).toBe(FILE_KEY_BYTES);
    const streamHeaderAt = PREFIX_BYTES + 2 * STANZA_BYTES;
    const remade = buildHeader({
      fileKey: asKey(fileKey, 'bundle-file'),
      recipientBoxKeys: [b!.vault.identity.publicIdentity().boxKey],
      streamHeader: both.subarray(streamHeaderAt, streamHeaderAt + 24),
    });
    const forged = Buffer.concat([remade, both.subarray(headerLength(2))]);
    await expectCode(
      receiveBundle(b!.vault, writeVariant(dir, 'remade.tvb', forged)),
      'BUNDLE.BAD_SIGNATURE',
    );
    expect(snapshot(b!.vault)).toBe(before);
  });

  it('rejects a manifest signed by another key, whoever it claims to be', async () => {
    const [a, b, e] = await network(vaults, ['Alpha', 'Beta', 'Eve']);
    b!.vault.partners.remove('Eve');
    const dir = vaults.temp.make();
    const rec = a!.vault.addRecord(shareable());
    const body = new TextEncoder().encode(
      JSON.stringify({ ...a!.vault.records.get(rec.id), provenance: null }),
    );
    const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    const write = (identity: string, out: string) =>
      writeBundle({
        out: join(dir, out),
        recipients: [b!.vault.identity.publicIdentity().boxKey],
        signer: { identity, sign: (m) => e!.vault.identity.sign(m) },
        bundleId: 'ab'.repeat(16),
        createdAt: new Date().toISOString(),
        redacted: true,
        history: false,
        entries: [
          { kind: 'record', id: rec.id, revision: 1, size: body.length, sha256: sha(body) },
        ],
        content: () => bytesOf(body),
      });
    const before = snapshot(b!.vault);
    // Eve signs but claims to be Alpha.
    await write(a!.vault.identity.identityString(), 'claims-alpha.tvb');
    await expectCode(
      receiveBundle(b!.vault, join(dir, 'claims-alpha.tvb')),
      'BUNDLE.BAD_SIGNATURE',
    );
    // Eve signs as herself: a valid signature, but not a partner of Beta.
    await write(e!.vault.identity.identityString(), 'as-eve.tvb');
    const error = await expectCode(
      receiveBundle(b!.vault, join(dir, 'as-eve.tvb')),
      'BUNDLE.UNKNOWN_SENDER',
    );
    expect(error.details.fingerprint).toBe(e!.vault.identity.fingerprint());
    // Accepting another fingerprint does not help; accepting hers explicitly does.
    await expectCode(
      receiveBundle(b!.vault, join(dir, 'as-eve.tvb'), {
        acceptUnknownSender: a!.vault.identity.fingerprint(),
      }),
      'BUNDLE.UNKNOWN_SENDER',
    );
    expect(snapshot(b!.vault)).toBe(before);
    const accepted = await receiveBundle(b!.vault, join(dir, 'as-eve.tvb'), {
      acceptUnknownSender: e!.vault.identity.fingerprint().replace(/ /g, ''),
    });
    expect(accepted.from).toBe(e!.vault.identity.fingerprint());
    expect(b!.vault.records.get(rec.id).provenance?.partner).toBe('unknown sender');
    // The identity string format stays what the partner store expects.
    expect(formatIdentity(e!.vault.identity.publicIdentity())).toBe(
      e!.vault.identity.identityString(),
    );
  });

  it('reports garbage, empty and huge-header files as malformed, never a crash', async () => {
    const [, b] = await network(vaults, ['Alpha', 'Beta']);
    const dir = vaults.temp.make();
    const cases: Uint8Array[] = [
      new Uint8Array(0),
      new TextEncoder().encode('TVBUNDLE'),
      new TextEncoder().encode('hello, this is not a bundle at all'),
      Uint8Array.from([...new TextEncoder().encode('TVBUNDLE'), 2, 1]),
      Uint8Array.from([...new TextEncoder().encode('TVBUNDLE'), 1, 0]),
      Uint8Array.from([...new TextEncoder().encode('TVBUNDLE'), 1, 255, 1, 2, 3]),
    ];
    for (const bytes of cases) {
      await expectCode(
        receiveBundle(b!.vault, writeVariant(dir, 'g.tvb', bytes)),
        'BUNDLE.MALFORMED',
      );
    }
    const missing = await receiveBundle(b!.vault, join(dir, 'nope.tvb')).catch((e: unknown) => e);
    expect((missing as VaultError).code).toBe('FILE.IO');
    expect(readdirSync(b!.vault.blobsDir)).toEqual([]);
  });

  it('opens with its own reader only after the signature is checked', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const dir = vaults.temp.make();
    const out = await smallBundle(a!, dir);
    const bundle = await openBundle(out, b!.vault.identity);
    try {
      expect(bundle.senderFingerprint).toBe(a!.vault.identity.fingerprint());
      expect(bundle.counts).toMatchObject({ records: 1, attachments: 1 });
    } finally {
      await bundle.close();
    }
  });
});
