import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../src/core/bundles/export';
import { inspectBundle } from '../../src/core/bundles/inspect';
import { receiveBundle } from '../../src/core/bundles/receive';
import { findInFolder } from '../helpers/scan';
import { marker } from '../helpers/scripts';
import { expectCode, network, readBytes, shareable, snapshot, useTestVaults } from './helpers';

async function* bytesOf(data: Uint8Array) {
  yield data;
}

describe('bundles: round trip between vaults', () => {
  const vaults = useTestVaults();

  it('carries records and attachments with ids, times, hashes and provenance', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const body = marker('body');
    const rec = a!.vault.addRecord(shareable({ title: 'First', body, warning: 'violence' }));
    const other = a!.vault.addRecord(shareable({ title: 'Second', lang: 'ar', tags: ['x'] }));
    const data = new Uint8Array(200_000).map((_, i) => (i * 7) % 251);
    const att = await a!.vault.attachments.attachStream(rec.id, bytesOf(data), {
      name: 'photo.jpg',
      description: 'taken on the day',
    });
    const empty = await a!.vault.attachments.attachStream(other.id, bytesOf(new Uint8Array(0)), {
      name: 'empty.txt',
    });
    const out = join(vaults.temp.make(), 'to-beta.tvb');
    const result = await exportBundle(a!.vault, { to: ['Beta'], all: true, out });
    expect(result).toMatchObject({ records: 2, attachments: 2, refused: [] });
    // The bundle is ciphertext: no marker of the body, title or file name in it.
    const bundleDir = join(out, '..');
    expect(findInFolder(bundleDir, body)).toEqual([]);
    expect(findInFolder(bundleDir, 'photo.jpg')).toEqual([]);

    const received = await receiveBundle(b!.vault, out);
    expect(received).toMatchObject({
      from: 'Alpha',
      records: 2,
      attachments: 2,
      duplicates: 0,
      alreadyReceived: false,
      bundleId: result.bundleId,
    });
    const got = b!.vault.records.get(rec.id);
    expect(got).toMatchObject({
      id: rec.id,
      title: 'First',
      body,
      warning: 'violence',
      createdAt: rec.createdAt,
      updatedAt: rec.updatedAt,
    });
    expect(got.provenance).toMatchObject({
      partner: 'Alpha',
      senderFingerprint: a!.vault.identity.fingerprint(),
      bundleId: result.bundleId,
    });
    const [gotAtt] = b!.vault.attachments.list(rec.id);
    expect(gotAtt).toMatchObject({
      id: att.id,
      name: 'photo.jpg',
      size: data.length,
      sha256: createHash('sha256').update(data).digest('hex'),
      description: 'taken on the day',
    });
    const chunks: Uint8Array[] = [];
    for await (const c of b!.vault.attachments.readStream(att.id)) chunks.push(c);
    expect(Buffer.concat(chunks).equals(Buffer.from(data))).toBe(true);
    expect(b!.vault.attachments.get(empty.id).size).toBe(0);
    // The received body is encrypted at rest in the recipient's vault too.
    expect(findInFolder(b!.dir, body)).toEqual([]);

    const report = await inspectBundle(b!.vault, out);
    expect(report).toMatchObject({
      recipient: true,
      from: 'Alpha',
      records: 2,
      attachments: 2,
      alreadyReceived: true,
      size: readBytes(out).length,
    });
  });

  it('a third vault cannot open it and learns only its size', async () => {
    const [a, , c] = await network(vaults, ['Alpha', 'Beta', 'Gamma']);
    a!.vault.addRecord(shareable());
    const out = join(vaults.temp.make(), 'b.tvb');
    await exportBundle(a!.vault, { to: ['Beta'], all: true, out });
    const before = snapshot(c!.vault);
    await expectCode(receiveBundle(c!.vault, out), 'BUNDLE.NOT_FOR_US');
    expect(snapshot(c!.vault)).toBe(before);
    expect(await inspectBundle(c!.vault, out)).toEqual({
      size: readBytes(out).length,
      recipient: false,
    });
  });

  it('a bundle to three partners opens for each of them', async () => {
    const [a, b, c, d] = await network(vaults, ['Alpha', 'Beta', 'Gamma', 'Delta']);
    const rec = a!.vault.addRecord(shareable());
    const out = join(vaults.temp.make(), 'three.tvb');
    await exportBundle(a!.vault, { to: ['Beta', 'gamma', 'Delta'], ids: [rec.id], out });
    for (const party of [b!, c!, d!]) {
      const result = await receiveBundle(party.vault, out);
      expect(result).toMatchObject({ from: 'Alpha', records: 1 });
      expect(party.vault.records.get(rec.id).title).toBe('Testimony');
    }
  });
});
