import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImageMetadata } from '../../src/core/attachments/metadata/read-metadata';
import { runCli, runCliJson, vaultWithAttachmentByCli } from '../helpers/cli';
import { findInFolder } from '../helpers/scan';
import { useTempDirs } from '../helpers/temp-dirs';
import { useTestVaults } from '../helpers/vault';
import { collect, fromBuffer, sha256Hex } from './helpers';

const vaults = useTestVaults();
const temp = useTempDirs();
// Made with exiftool from an OCR fixture: GPS position, Artist, SerialNumber, XMP dc:creator,
// IPTC By-line, camera make and model, DateTimeOriginal.
const FIXTURE = new URL('../fixtures/metadata/photo-gps.jpg', import.meta.url);
const photo = readFileSync(FIXTURE);

describe('metadata read at attach time (PDFs)', () => {
  it('the information dictionary and XMP are kept sealed, author and creator flagged', async () => {
    const { vault, dir } = await vaults.create();
    const record = vault.addRecord({ title: 'r' });
    const pdf = readFileSync(new URL('../fixtures/metadata/letter-author.pdf', import.meta.url));
    const info = await vault.attachments.attachStream(record.id, fromBuffer(pdf, 65536), {
      name: 'letter.pdf',
    });
    const fields = vault.attachments.get(info.id).metadata!.fields;
    expect(fields).toContainEqual({
      group: 'pdf',
      name: 'Author',
      value: 'Amina B. Salah',
      flag: 'person',
    });
    expect(fields).toContainEqual({
      group: 'pdf',
      name: 'Creator',
      value: 'Scanner SN-4417-XK',
      flag: 'person',
    });
    expect(fields).toContainEqual(
      expect.objectContaining({ group: 'dc', name: 'creator', flag: 'person' }),
    );
    expect(fields.find((f) => f.name === 'Title')).toMatchObject({ value: 'Letter' });
    expect(fields.find((f) => f.name === 'Title')!.flag).toBeUndefined();
    expect(fields.some((f) => f.name === 'PDFFormatVersion')).toBe(false);
    expect(findInFolder(dir, 'Amina B. Salah')).toEqual([]);
  });

  it('a damaged PDF is stored without metadata, never refused', async () => {
    const { vault } = await vaults.create();
    const record = vault.addRecord({ title: 'r' });
    const bytes = Buffer.from('%PDF-1.7\n1 0 obj << /Author (x) >> garbage');
    const info = await vault.attachments.attachStream(record.id, fromBuffer(bytes), {
      name: 'broken.pdf',
    });
    expect(vault.attachments.get(info.id).metadata).toBeNull();
  });
});

describe('metadata read at attach time (images)', () => {
  it('is kept sealed with the file, identifying fields flagged', async () => {
    const { vault, dir } = await vaults.create();
    const record = vault.addRecord({ title: 'r' });
    const info = await vault.attachments.attachStream(record.id, fromBuffer(photo, 65536), {
      name: 'photo.jpg',
    });
    const fields = vault.attachments.get(info.id).metadata!.fields;
    const field = (name: string) => fields.find((f) => f.name === name);
    expect(field('latitude')).toEqual({
      group: 'gps',
      name: 'latitude',
      value: '36.8065',
      flag: 'location',
    });
    expect(field('longitude')).toMatchObject({ value: '10.1815', flag: 'location' });
    expect(field('SerialNumber')).toMatchObject({ value: 'SN-4417-XK', flag: 'serial' });
    expect(field('Artist')).toMatchObject({ value: 'Amina Ben Salah', flag: 'person' });
    expect(field('creator')).toMatchObject({ group: 'dc', flag: 'person' });
    expect(field('Byline')).toMatchObject({ group: 'iptc', flag: 'person' });
    // Make and model narrow down who held the camera, as for recordings: flagged "Device".
    expect(field('Model')).toMatchObject({ value: 'Canon EOS 200D', flag: 'serial' });
    expect(field('DateTimeOriginal')).toMatchObject({ group: 'exif', flag: 'date' });
    // Sealed: the names are nowhere in the vault's files in the clear.
    expect(findInFolder(dir, 'Amina Ben Salah')).toEqual([]);
    expect(findInFolder(dir, 'SN-4417-XK')).toEqual([]);
    expect(sha256Hex(await collect(vault.attachments.readStream(info.id)))).toBe(sha256Hex(photo));
  });

  it('files without a metadata reader get none; images without metadata an empty list', async () => {
    const { vault } = await vaults.create();
    const record = vault.addRecord({ title: 'r' });
    const text = await vault.attachments.attachStream(record.id, fromBuffer(Buffer.from('notes')), {
      name: 'n.txt',
    });
    expect(vault.attachments.get(text.id).metadata).toBeNull();
    const plain = readFileSync(new URL('../fixtures/ocr/letter-fra.png', import.meta.url));
    const png = await vault.attachments.attachStream(record.id, fromBuffer(plain, 65536), {
      name: 'p.png',
    });
    expect(vault.attachments.get(png.id).metadata?.fields.filter((f) => f.flag)).toEqual([]);
  });

  it('fuzz: malformed EXIF never throws, stays bounded, and the file is still stored', async () => {
    let state = 14;
    const random = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const head = photo.subarray(0, 65536);
    const mutants: Buffer[] = [];
    for (let i = 0; i < 300; i++) {
      const mutant = Buffer.from(head);
      const flips = 1 + Math.floor(random() * 16);
      // The EXIF, XMP and IPTC segments are in the first few KiB.
      for (let f = 0; f < flips; f++)
        mutant[Math.floor(random() * 4096)] = Math.floor(random() * 256);
      // Some are also cut short inside a segment.
      mutants.push(random() < 0.3 ? mutant.subarray(0, Math.floor(random() * 4096)) : mutant);
    }
    for (const mutant of mutants) {
      const started = Date.now();
      const result = await readImageMetadata(mutant);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(result.fields.length).toBeLessThanOrEqual(300);
      for (const field of result.fields) expect(field.value.length).toBeLessThanOrEqual(500);
    }
    const { vault } = await vaults.create();
    const record = vault.addRecord({ title: 'r' });
    for (const mutant of mutants.slice(0, 20)) {
      const info = await vault.attachments.attachStream(record.id, fromBuffer(mutant, 65536), {
        name: 'fuzzed.jpg',
      });
      expect(info.sha256).toBe(sha256Hex(mutant));
    }
  }, 120_000);
});

describe('tvault metadata', () => {
  it('prints the fields with the identifying ones, the original file name among them', async () => {
    const vault = temp.path('vault');
    const id = await vaultWithAttachmentByCli(vault, FIXTURE.pathname);
    const shown = await runCliJson<{ identifying: string[]; fields: { name: string }[] }>([
      '--vault',
      vault,
      'metadata',
      id.slice(0, 8),
    ]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.json.identifying).toEqual(
      expect.arrayContaining([
        'file.FileName',
        'gps.latitude',
        'gps.longitude',
        'exif.SerialNumber',
        'ifd0.Artist',
      ]),
    );
    const text = await runCli(['--vault', vault, 'metadata', id]);
    expect(text.stdout).toMatch(/! gps\.latitude\s+36\.8065\s+\[location\]/);
    const missing = await runCliJson(['--vault', vault, 'metadata', 'ffffff']);
    expect(missing.json).toMatchObject({ error: { code: 'ATTACHMENT.NOT_FOUND' } });
  }, 60_000);
});
