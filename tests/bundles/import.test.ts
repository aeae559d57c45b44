import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEALED_CHUNK_BYTES, headerLength } from '../../src/core/bundles/format';
import { exportBundle } from '../../src/core/bundles/export';
import { receiveBundle } from '../../src/core/bundles/receive';
import { expectCode, network, readBytes, shareable, snapshot, useTestVaults } from './helpers';

async function* bytesOf(data: Uint8Array) {
  yield data;
}

describe('bundles: import', () => {
  const vaults = useTestVaults();

  it('importing the same bundle twice does not duplicate anything', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const rec = a!.vault.addRecord(shareable());
    await a!.vault.attachments.attachStream(rec.id, bytesOf(new Uint8Array(10)), { name: 'x' });
    a!.vault.addRecord(shareable({ title: 'two' }));
    const out = join(vaults.temp.make(), 'twice.tvb');
    await exportBundle(a!.vault, { to: ['Beta'], all: true, out });
    const first = await receiveBundle(b!.vault, out);
    expect(first).toMatchObject({ records: 2, attachments: 1, duplicates: 0 });
    const after = snapshot(b!.vault);
    const again = await receiveBundle(b!.vault, out);
    expect(again).toMatchObject({
      records: 0,
      attachments: 0,
      duplicates: 2,
      alreadyReceived: true,
    });
    expect(snapshot(b!.vault)).toBe(after);
    // A record deleted after import (say, consent withdrawn) does not come back from the
    // same bundle.
    b!.vault.deleteRecord(rec.id);
    expect((await receiveBundle(b!.vault, out)).alreadyReceived).toBe(true);
    expect(b!.vault.records.exists(rec.id)).toBe(false);
  });

  it('adds newer revisions of records already held and counts the rest as duplicates', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const rec = a!.vault.addRecord(shareable({ title: 'v1' }));
    const same = a!.vault.addRecord(shareable({ title: 'unchanged' }));
    const dir = vaults.temp.make();
    await exportBundle(a!.vault, { to: ['Beta'], all: true, out: join(dir, '1.tvb') });
    await receiveBundle(b!.vault, join(dir, '1.tvb'));
    await new Promise((r) => setTimeout(r, 5));
    a!.vault.updateRecord(rec.id, { title: 'v2' });
    await exportBundle(a!.vault, { to: ['Beta'], all: true, out: join(dir, '2.tvb') });
    const second = await receiveBundle(b!.vault, join(dir, '2.tvb'));
    expect(second).toMatchObject({ records: 1, duplicates: 1, alreadyReceived: false });
    const got = b!.vault.records.get(rec.id);
    expect(got.title).toBe('v2');
    expect(got.revision).toBe(2);
    expect(got.provenance?.bundleId).toBe(second.bundleId);
    expect(b!.vault.records.history(rec.id).map((h) => h.title)).toEqual(['v1', 'v2']);
    expect(b!.vault.records.get(same.id).revision).toBe(1);
  });

  it('leaves the vault unchanged when the file changes between verification and import', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    // A first record with a small file (complete and stored before the damage is met), then a
    // second with a file spanning several chunks, damaged at its end.
    const rec = a!.vault.addRecord(shareable());
    await a!.vault.attachments.attachStream(rec.id, bytesOf(new Uint8Array(100)), {
      name: 'first.bin',
    });
    const second = a!.vault.addRecord(shareable({ title: 'later' }));
    // Larger than the reader's read-ahead (16 chunks), so the end is read after the damage.
    const data = new Uint8Array(40 * 65536).map((_, i) => (i * 13) % 256);
    await a!.vault.attachments.attachStream(second.id, bytesOf(data), { name: 'video.bin' });
    const out = join(vaults.temp.make(), 'race.tvb');
    await exportBundle(a!.vault, { to: ['Beta'], ids: [rec.id, second.id], out });
    const good = readBytes(out);
    const before = snapshot(b!.vault);
    let damaged = false;
    const error = await expectCode(
      receiveBundle(b!.vault, out, {
        onProgress(phase, done) {
          // Once the import has stored the first record and its file and is streaming the
          // second file, damage the last chunk on disk, as a failing disk or a concurrent
          // writer would.
          if (
            phase === 'import' &&
            !damaged &&
            done > headerLength(1) + 2 * SEALED_CHUNK_BYTES &&
            done < headerLength(1) + 16 * SEALED_CHUNK_BYTES
          ) {
            damaged = true;
            const bad = Uint8Array.from(good);
            bad[bad.length - 5]! ^= 0xff;
            writeFileSync(out, bad);
          }
        },
      }),
      'BUNDLE.INTEGRITY',
    );
    expect(damaged).toBe(true);
    expect(error.code).toBe('BUNDLE.INTEGRITY');
    expect(snapshot(b!.vault)).toBe(before);
    // Restored, it imports completely.
    writeFileSync(out, good);
    expect(await receiveBundle(b!.vault, out)).toMatchObject({ records: 2, attachments: 2 });
  });

  it('rejects unknown senders unless their fingerprint is explicitly accepted', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    b!.vault.partners.remove('Alpha');
    const rec = a!.vault.addRecord(shareable());
    const out = join(vaults.temp.make(), 'unknown.tvb');
    await exportBundle(a!.vault, { to: ['Beta'], all: true, out });
    const before = snapshot(b!.vault);
    const error = await expectCode(receiveBundle(b!.vault, out), 'BUNDLE.UNKNOWN_SENDER');
    expect(error.message).toContain(a!.vault.identity.fingerprint());
    await expectCode(
      receiveBundle(b!.vault, out, { acceptUnknownSender: 'not a fingerprint' }),
      'BUNDLE.UNKNOWN_SENDER',
    );
    expect(snapshot(b!.vault)).toBe(before);
    const result = await receiveBundle(b!.vault, out, {
      acceptUnknownSender: a!.vault.identity.fingerprint(),
    });
    expect(result.records).toBe(1);
    expect(b!.vault.records.get(rec.id).provenance).toMatchObject({
      partner: 'unknown sender',
      senderFingerprint: a!.vault.identity.fingerprint(),
    });
  });
});
