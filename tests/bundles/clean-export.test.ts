import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import exifr from 'exifr';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { exportBundle, previewExport } from '../../src/core/bundles/export';
import { receiveBundle } from '../../src/core/bundles/receive';
import { verifyBundle } from '../../src/core/bundles/verify';
import type { Vault } from '../../src/core/vault/vault';
import { specRead } from './spec-reader';
import { expectCode, network, shareable, snapshot, useTestVaults } from './helpers';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/metadata/${name}`, import.meta.url)));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function* bytesOf(data: Uint8Array) {
  yield data;
}

async function read(vault: Vault, id: string): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of vault.attachments.readStream(id)) parts.push(part);
  return Buffer.concat(parts);
}

describe('export sends cleaned copies of files by default', () => {
  const vaults = useTestVaults();

  async function senderWithFiles(files: Record<string, Uint8Array>) {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const record = a!.vault.addRecord(shareable({ title: 'Photos' }));
    const ids: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(files)) {
      ids[name] = (await a!.vault.attachments.attachStream(record.id, bytesOf(bytes), { name })).id;
    }
    return { a: a!, b: b!, record, ids };
  }

  it('a JPEG with GPS arrives without it; the sender keeps the original and both hashes', async () => {
    const photo = fixture('photo-gps.jpg');
    const { a, b, record, ids } = await senderWithFiles({ 'photo.jpg': photo });
    const id = ids['photo.jpg']!;
    const preview = previewExport(a.vault, { to: ['Beta'], ids: [record.id] });
    expect(preview.files[0]).toMatchObject({
      sending: 'cleaned',
      identifying: expect.arrayContaining(['gps.latitude']),
    });

    const out = join(vaults.temp.make(), 'b.tvb');
    await exportBundle(a.vault, { to: ['Beta'], ids: [record.id], out });
    const verified = await verifyBundle(b.vault, out, { requireKnownSender: true });
    const entry = verified.manifest.entries.find((e) => e.kind === 'attachment')!;
    expect(entry).toMatchObject({
      originalSha256: sha256(photo),
      originalSize: photo.length,
      metadataRemoved: expect.arrayContaining(['exif', 'xmp']),
    });

    // The reader written from docs/bundle-format.md alone reads it too.
    const file = new Uint8Array(readFileSync(out));
    const opened = b.vault.identity.openSealedBoxes([file.subarray(10, 90)]);
    const spec = await specRead(file, { fileKey: opened!.content });
    expect(spec.manifest.entries[1]).toEqual(entry);
    expect(sha256(spec.entries[1]!.bytes)).toBe(entry.sha256);

    await receiveBundle(b.vault, out);
    const received = await read(b.vault, id);
    expect(await exifr.gps(received).catch(() => undefined)).toBeUndefined();
    expect(received.includes('Amina')).toBe(false);
    expect(entry.sha256).toBe(sha256(received));
    expect(b.vault.attachments.get(id)).toMatchObject({ sha256: sha256(received) });
    // The sender's vault is unchanged: the original with its GPS.
    expect(sha256(await read(a.vault, id))).toBe(sha256(photo));
    const logged = [...a.vault.custody.entries()].find((e) => e.action === 'bundle.exported')!;
    expect(logged.detail.cleaned).toEqual([
      `${id} original=${sha256(photo)} sent=${sha256(received)} removed=${(entry.metadataRemoved ?? []).join(',')}`,
    ]);
    expect(logged.detail.uncleaned).toEqual([]);
  });

  it('PNG, WebP and PDF are cleaned too; other files go as they are, listed', async () => {
    const files = {
      'p.png': fixture('photo-gps.png'),
      'w.webp': fixture('photo-gps.webp'),
      'l.pdf': fixture('letter-author.pdf'),
      'notes.txt': new TextEncoder().encode('Amina said so'),
    };
    const { a, b, record, ids } = await senderWithFiles(files);
    const preview = previewExport(a.vault, { to: ['Beta'], ids: [record.id] });
    expect(Object.fromEntries(preview.files.map((f) => [f.name, f.sending]))).toEqual({
      'p.png': 'cleaned',
      'w.webp': 'cleaned',
      'l.pdf': 'cleaned',
      'notes.txt': 'format',
    });
    const out = join(vaults.temp.make(), 'b.tvb');
    await exportBundle(a.vault, { to: ['Beta'], ids: [record.id], out });
    await receiveBundle(b.vault, out);
    for (const name of ['p.png', 'w.webp', 'l.pdf']) {
      const got = await read(b.vault, ids[name]!);
      expect(got.includes('Amina'), name).toBe(false);
      expect(sha256(got)).not.toBe(sha256(files[name as keyof typeof files]));
    }
    expect((await PDFDocument.load(await read(b.vault, ids['l.pdf']!))).getPageCount()).toBe(1);
    expect(sha256(await read(b.vault, ids['notes.txt']!))).toBe(sha256(files['notes.txt']));
    const logged = [...a.vault.custody.entries()].find((e) => e.action === 'bundle.exported')!;
    expect(logged.detail.cleaned).toHaveLength(3);
    expect(logged.detail.uncleaned).toEqual([`${ids['notes.txt']} format`]);
  });

  it('keepMetadata sends originals, and the review lists what they carry', async () => {
    const photo = fixture('photo-gps.jpg');
    const { a, b, record, ids } = await senderWithFiles({ 'photo.jpg': photo });
    const preview = previewExport(a.vault, { to: ['Beta'], ids: [record.id], keepMetadata: true });
    expect(preview.files[0]!.sending).toBe('kept');
    expect(preview.files[0]!.identifying).toEqual(
      expect.arrayContaining(['gps.latitude', 'ifd0.Artist']),
    );
    const out = join(vaults.temp.make(), 'b.tvb');
    await exportBundle(a.vault, { to: ['Beta'], ids: [record.id], out, keepMetadata: true });
    const verified = await verifyBundle(b.vault, out, { requireKnownSender: true });
    expect(verified.manifest.entries[1]).not.toHaveProperty('originalSha256');
    await receiveBundle(b.vault, out);
    expect(sha256(await read(b.vault, ids['photo.jpg']!))).toBe(sha256(photo));
  });

  it('a damaged JPEG stops the export with a typed error naming it; nothing is written', async () => {
    const broken = fixture('photo-gps.jpg').subarray(0, 3000);
    const { a, record, ids } = await senderWithFiles({ 'broken.jpg': broken });
    const dir = vaults.temp.make();
    const out = join(dir, 'b.tvb');
    const before = snapshot(a.vault);
    const error = await expectCode(
      exportBundle(a.vault, { to: ['Beta'], ids: [record.id], out }),
      'EXPORT.REFUSED',
    );
    expect(error.details.refused).toEqual([{ id: ids['broken.jpg'], reason: 'cannot-clean' }]);
    expect(snapshot(a.vault)).toBe(before);
    // Left out, or sent knowingly with its metadata, it goes.
    await exportBundle(a.vault, { to: ['Beta'], ids: [record.id], out, keepMetadata: true });
  });
});
