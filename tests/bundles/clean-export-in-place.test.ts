import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import exifr from 'exifr';
import { describe, expect, it } from 'vitest';
import { exportBundle, previewExport } from '../../src/core/bundles/export';
import { receiveBundle } from '../../src/core/bundles/receive';
import { verifyBundle } from '../../src/core/bundles/verify';
import type { Vault } from '../../src/core/vault/vault';
import { opusFile, vorbisFile } from '../helpers/ogg';
import { expectCode, network, shareable, snapshot, useTestVaults } from './helpers';
import { specRead } from './spec-reader';

// TIFF and HEIF/AVIF files cleaned in place on export (fixtures: scripts/make-metadata-fixtures.ts).

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

describe('export cleans TIFF and HEIF files in place', () => {
  const vaults = useTestVaults();

  async function senderWithFiles(files: Record<string, Uint8Array>) {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const record = a!.vault.addRecord(shareable({ title: 'Scans' }));
    const ids: Record<string, string> = {};
    for (const [name, bytes] of Object.entries(files))
      ids[name] = (await a!.vault.attachments.attachStream(record.id, bytesOf(bytes), { name })).id;
    return { a: a!, b: b!, record, ids };
  }

  it('a TIFF scan and a HEIC photo arrive without GPS or names, same size; both hashes kept', async () => {
    const files = {
      'scan.tif': fixture('photo-gps.tif'),
      'photo.heic': fixture('photo-gps.heic'),
      'photo.avif': fixture('photo-gps.avif'),
    };
    const { a, b, record, ids } = await senderWithFiles(files);
    const preview = previewExport(a.vault, { to: ['Beta'], ids: [record.id] });
    for (const file of preview.files) expect(file.sending, file.name).toBe('cleaned');
    expect(preview.files.find((f) => f.name === 'scan.tif')!.identifying).toEqual(
      expect.arrayContaining(['gps.latitude', 'ifd0.Artist']),
    );

    const out = join(vaults.temp.make(), 'b.tvb');
    await exportBundle(a.vault, { to: ['Beta'], ids: [record.id], out });
    const verified = await verifyBundle(b.vault, out, { requireKnownSender: true });
    const entries = verified.manifest.entries.filter((e) => e.kind === 'attachment');
    const byName = Object.fromEntries(entries.map((e) => [e.name, e]));
    expect(byName['scan.tif']).toMatchObject({
      originalSha256: sha256(files['scan.tif']),
      size: files['scan.tif'].length,
      metadataRemoved: ['exif', 'iptc', 'tiff-tags', 'xmp'],
    });
    expect(byName['photo.heic']).toMatchObject({ metadataRemoved: ['exif', 'xmp'] });
    const file = new Uint8Array(readFileSync(out));
    const opened = b.vault.identity.openSealedBoxes([file.subarray(10, 90)]);
    const spec = await specRead(file, { fileKey: opened!.content });
    expect(spec.manifest.entries.filter((e) => e.kind === 'attachment')).toEqual(entries);

    await receiveBundle(b.vault, out);
    for (const [name, original] of Object.entries(files)) {
      const received = await read(b.vault, ids[name]!);
      expect(received.length, name).toBe(original.length);
      expect(received.includes('Amina'), name).toBe(false);
      expect(sha256(received)).toBe(byName[name]!.sha256);
      expect(sha256(await read(a.vault, ids[name]!))).toBe(sha256(original));
    }
    expect(await exifr.gps(await read(b.vault, ids['scan.tif']!)).catch(() => undefined)).toBe(
      undefined,
    );
    expect(await exifr.orientation(await read(b.vault, ids['scan.tif']!))).toBe(6);
    const logged = [...a.vault.custody.entries()].find((e) => e.action === 'bundle.exported')!;
    expect(logged.detail.cleaned).toHaveLength(3);
  });

  it('a video with GPS and voice recordings arrive without their tags; samples unchanged', async () => {
    const files = {
      'voice.mov': fixture('voice-gps.mov'),
      'voice.mp3': fixture('voice.mp3'),
      'voice.wav': fixture('voice.wav'),
      'voice.flac': fixture('voice.flac'),
      'voice.opus': new Uint8Array(opusFile({ maxSegments: 4 })),
      'voice.ogg': new Uint8Array(vorbisFile()),
    };
    const { a, b, record, ids } = await senderWithFiles(files);
    const preview = previewExport(a.vault, { to: ['Beta'], ids: [record.id] });
    for (const file of preview.files) expect(file.sending, file.name).toBe('cleaned');
    const out = join(vaults.temp.make(), 'b.tvb');
    await exportBundle(a.vault, { to: ['Beta'], ids: [record.id], out });
    const verified = await verifyBundle(b.vault, out, { requireKnownSender: true });
    for (const entry of verified.manifest.entries.filter((e) => e.kind === 'attachment'))
      expect(entry, entry.kind === 'attachment' ? entry.name : '').toMatchObject({
        metadataRemoved: ['media-tags'],
      });
    await receiveBundle(b.vault, out);
    for (const [name, original] of Object.entries(files)) {
      const received = await read(b.vault, ids[name]!);
      for (const text of ['Amina', 'Oran', '+35.69'])
        expect(received.includes(text), name).toBe(false);
      expect(sha256(received), name).toBe(
        verified.manifest.entries.find((e) => e.kind === 'attachment' && e.name === name)!.sha256,
      );
      expect(sha256(await read(a.vault, ids[name]!))).toBe(sha256(original));
    }
    expect((await read(b.vault, ids['voice.mov']!)).length).toBe(files['voice.mov'].length);
  });

  it('a damaged TIFF, HEIC, MOV or Opus file stops the export naming it; nothing is written', async () => {
    for (const [name, broken] of [
      ['broken.tif', fixture('photo-gps.tif').subarray(0, 1500)],
      ['broken.heic', fixture('photo-gps.heic').subarray(0, 600)],
      ['broken.mov', fixture('voice-gps.mov').subarray(0, 4200)],
      ['broken.opus', opusFile({ maxSegments: 4 }).subarray(0, 900)],
    ] as const) {
      const { a, record, ids } = await senderWithFiles({ [name]: broken });
      const out = join(vaults.temp.make(), 'b.tvb');
      const before = snapshot(a.vault);
      const error = await expectCode(
        exportBundle(a.vault, { to: ['Beta'], ids: [record.id], out }),
        'EXPORT.REFUSED',
      );
      expect(error.details.refused).toEqual([{ id: ids[name], reason: 'cannot-clean' }]);
      expect(existsSync(out)).toBe(false);
      expect(snapshot(a.vault)).toBe(before);
    }
  });
});
