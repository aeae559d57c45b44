import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeBlob } from '../../src/core/attachments/blob-writer';
import type { BlobRef } from '../../src/core/attachments/blob-reader';
import { avFlagOf, readAvMetadata } from '../../src/core/attachments/metadata/av-metadata';
import { DEFAULT_READ_LIMITS } from '../../src/core/attachments/metadata/sealed-tokenizer';
import { asKey } from '../../src/core/crypto/keys';
import { loadSodium, randomBytes } from '../../src/core/crypto/sodium';
import { newId } from '../../src/core/ids';
import { runCli, runCliJson, vaultWithAttachmentByCli } from '../helpers/cli';
import { findInFolder } from '../helpers/scan';
import { useTempDirs } from '../helpers/temp-dirs';
import { useTestVaults } from '../helpers/vault';
import { collect, fromBuffer, sha256Hex } from './helpers';

// Audio and video fixtures of scripts/make-metadata-fixtures.ts (the ones export cleaning is
// tested with): a QuickTime movie with udta items and mdta keys, an MP3 with ID3v2.3 and ID3v1,
// a WAV with LIST INFO, a FLAC with a Vorbis comment. Each names "Amina K." and Oran.
const vaults = useTestVaults();
const temp = useTempDirs();
const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/metadata/${name}`, import.meta.url));

/** The bytes sealed into a blob as ingest writes it, and what reading it needs. */
async function sealed(bytes: Uint8Array): Promise<BlobRef> {
  await loadSodium();
  const id = newId();
  const fileKey = asKey(randomBytes(32), 'file');
  const written = await writeBlob({
    blobsDir: temp.make(),
    id,
    fileKey,
    source: fromBuffer(Buffer.from(bytes), 65536),
  });
  return { id, path: written.path, fileKey, size: written.size };
}

/** The movie with its mdat grown by `extra` bytes: moov, with every tag, at the end. */
function bigMovie(extra: number): Buffer {
  const mov = fixture('voice-gps.mov');
  const mdatAt = mov.indexOf('mdat') - 4;
  const mdatSize = mov.readUInt32BE(mdatAt);
  const out = Buffer.concat([
    mov.subarray(0, mdatAt + mdatSize),
    Buffer.alloc(extra),
    mov.subarray(mdatAt + mdatSize),
  ]);
  out.writeUInt32BE(mdatSize + extra, mdatAt);
  return out;
}

describe('audio and video metadata read at attach time', () => {
  it('QuickTime: udta items and mdta keys by name, location, device and author flagged', async () => {
    const { vault, dir } = await vaults.create();
    const record = vault.addRecord({ title: 'r' });
    const info = await vault.attachments.attachStream(
      record.id,
      fromBuffer(fixture('voice-gps.mov'), 65536),
      { name: 'voice.mov' },
    );
    expect(info.mime).toBe('video/quicktime');
    const fields = vault.attachments.get(info.id).metadata!.fields;
    expect(fields).toContainEqual({
      group: 'udta',
      name: '\u00a9xyz',
      value: expect.stringContaining('+35.69'),
      flag: 'location',
    });
    expect(fields).toContainEqual({
      group: 'mdta',
      name: 'com.apple.quicktime.location.ISO6709',
      value: '+35.6917-000.6375+012.000/',
      flag: 'location',
    });
    expect(fields).toContainEqual({
      group: 'udta',
      name: '\u00a9ART',
      value: 'Amina K.',
      flag: 'person',
    });
    expect(fields).toContainEqual({
      group: 'mdta',
      name: 'com.apple.quicktime.author',
      value: 'Amina K.',
      flag: 'person',
    });
    expect(fields).toContainEqual({
      group: 'udta',
      name: '\u00a9mak',
      value: 'Acme',
      flag: 'serial',
    });
    expect(fields).toContainEqual({
      group: 'udta',
      name: '\u00a9mod',
      value: 'Acme X1',
      flag: 'serial',
    });
    expect(fields).toContainEqual(expect.objectContaining({ group: 'format', name: 'container' }));
    // The numbered items music-metadata reports for mdta keys are not listed twice.
    expect(fields.filter((f) => f.value === '+35.6917-000.6375+012.000/')).toHaveLength(1);
    expect(findInFolder(dir, 'Amina K.')).toEqual([]);
    expect(findInFolder(dir, 'Acme X1')).toEqual([]);
  });

  it('MP3, WAV, FLAC: artist, comment, dates and location flagged', async () => {
    const { vault, dir } = await vaults.create();
    const record = vault.addRecord({ title: 'r' });
    const read = async (name: string) => {
      const bytes = fixture(name);
      const info = await vault.attachments.attachStream(record.id, fromBuffer(bytes, 65536), {
        name,
      });
      expect(sha256Hex(await collect(vault.attachments.readStream(info.id)))).toBe(
        sha256Hex(bytes),
      );
      return vault.attachments.get(info.id).metadata!.fields;
    };
    const mp3 = await read('voice.mp3');
    expect(mp3).toContainEqual({
      group: 'ID3v2.3',
      name: 'TPE1',
      value: 'Amina K.',
      flag: 'person',
    });
    expect(mp3).toContainEqual({
      group: 'ID3v2.3',
      name: 'COMM',
      value: 'Recorded in Oran',
      flag: 'person',
    });
    expect(mp3).toContainEqual({ group: 'ID3v2.3', name: 'TYER', value: '2024', flag: 'date' });
    // ID3v1 sits in the last 128 bytes: read by seeking there.
    expect(mp3).toContainEqual({ group: 'ID3v1', name: 'comment', value: 'Oran', flag: 'person' });
    const wav = await read('voice.wav');
    expect(wav).toContainEqual({ group: 'riff', name: 'IART', value: 'Amina K.', flag: 'person' });
    expect(wav).toContainEqual({
      group: 'riff',
      name: 'ICMT',
      value: 'Recorded in Oran',
      flag: 'person',
    });
    expect(wav).toContainEqual({ group: 'riff', name: 'ICRD', value: '2024-11-05', flag: 'date' });
    const flac = await read('voice.flac');
    expect(flac).toContainEqual({
      group: 'vorbis',
      name: 'LOCATION',
      value: 'Oran',
      flag: 'location',
    });
    expect(flac).toContainEqual({
      group: 'vorbis',
      name: 'ARTIST',
      value: 'Amina K.',
      flag: 'person',
    });
    expect(flac).toContainEqual({
      group: 'vorbis',
      name: 'DATE',
      value: '2024-11-05',
      flag: 'date',
    });
    expect(flac.find((f) => f.name === 'container')).toMatchObject({ value: 'FLAC' });
    expect(flac.find((f) => f.name === 'container')!.flag).toBeUndefined();
    expect(findInFolder(dir, 'Recorded in Oran')).toEqual([]);
  });

  it('a moov at the end of a large file is read by decrypting only the chunks it needs', async () => {
    const ref = await sealed(bigMovie(24 * 1024 * 1024));
    // 24 MiB of mdat, 256 KiB of reads allowed: the box headers and moov, nothing in between.
    const limits = { ...DEFAULT_READ_LIMITS, maxBytes: 256 * 1024 };
    const metadata = (await readAvMetadata(ref, 'video/quicktime', limits))!;
    expect(metadata.failed).toBeUndefined();
    expect(metadata.fields).toContainEqual(
      expect.objectContaining({ name: 'com.apple.quicktime.author', value: 'Amina K.' }),
    );
  }, 60_000);

  it('a 3GPP loci box gives its place name and position, flagged', async () => {
    const box = (type: string, ...body: Buffer[]) => {
      const payload = Buffer.concat(body);
      const header = Buffer.alloc(8);
      header.writeUInt32BE(8 + payload.length);
      header.write(type, 4, 'latin1');
      return Buffer.concat([header, payload]);
    };
    const fixed = (value: number) => {
      const out = Buffer.alloc(4);
      out.writeInt32BE(Math.round(value * 65536));
      return out;
    };
    const loci = box(
      'loci',
      Buffer.alloc(6), // version, flags, language
      Buffer.from('Oran\0'),
      Buffer.from([0]), // role
      fixed(-0.6375),
      fixed(35.6917),
      fixed(12),
      Buffer.from('Earth\0\0'),
    );
    const movie = Buffer.concat([
      box('ftyp', Buffer.from('3gp4'), Buffer.alloc(4), Buffer.from('3gp4isom')),
      box('moov', box('udta', loci)),
    ]);
    const metadata = (await readAvMetadata(await sealed(movie), 'video/3gpp'))!;
    expect(metadata.fields).toContainEqual({
      group: 'udta',
      name: 'loci',
      value: 'Oran 35.6917,-0.6375',
      flag: 'location',
    });
  });

  it('past its read limits a file gets failed: limit, with what was read; the file is kept', async () => {
    const bytes = bigMovie(4 * 1024 * 1024);
    const ref = await sealed(bytes);
    const tight = { ...DEFAULT_READ_LIMITS, maxBytes: 64 * 1024 };
    expect(await readAvMetadata(ref, 'video/quicktime', tight)).toMatchObject({
      failed: 'limit',
    });
    const late = { ...DEFAULT_READ_LIMITS, maxMillis: -1 };
    expect(await readAvMetadata(ref, 'audio/mpeg', late)).toEqual({ fields: [], failed: 'limit' });
  }, 60_000);

  it('an audio type no reader knows gets no metadata; a damaged one failed: unreadable', async () => {
    const { vault } = await vaults.create();
    const record = vault.addRecord({ title: 'r' });
    const unknown = await vault.attachments.attachStream(
      record.id,
      fromBuffer(Buffer.alloc(3000, 7)),
      { name: 'x.bin', mime: 'audio/x-unknown' },
    );
    expect(vault.attachments.get(unknown.id).metadata).toBeNull();
    // An ID3v2 header claiming a tag larger than the file.
    const bad = Buffer.concat([
      Buffer.from('ID3\x03\x00\x00\x7f\x7f\x7f\x7f', 'latin1'),
      fixture('voice.mp3').subarray(10, 200),
    ]);
    const damaged = await readAvMetadata(await sealed(bad), 'audio/mpeg');
    expect(damaged).toEqual({ fields: [], failed: 'unreadable' });
    // A moov box claiming 4 GiB: refused, the file stored as it is.
    const huge = Buffer.from(fixture('voice-gps.mov'));
    huge.writeUInt32BE(0xffffffff, huge.indexOf('moov') - 4);
    const stored = await vault.attachments.attachStream(record.id, fromBuffer(huge), {
      name: 'huge.mov',
    });
    expect(stored.sha256).toBe(sha256Hex(huge));
    expect(vault.attachments.get(stored.id).metadata).toMatchObject({ failed: 'unreadable' });
  });

  it('fuzz: mutated tags and boxes never throw, stay bounded, and the files are still stored', async () => {
    let state = 14;
    const random = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const sources = [
      ['voice-gps.mov', 'video/quicktime'],
      ['voice.mp3', 'audio/mpeg'],
      ['voice.wav', 'audio/wav'],
      ['voice.flac', 'audio/flac'],
    ] as const;
    const { vault } = await vaults.create();
    const record = vault.addRecord({ title: 'r' });
    let failed = 0;
    for (let i = 0; i < 160; i++) {
      const [name, mime] = sources[i % sources.length]!;
      const mutant = Buffer.from(fixture(name));
      // Lengths, sizes and tags are where hostile files lie: bytes changed anywhere, some set
      // to 0xff (huge lengths), some files cut short.
      const flips = 1 + Math.floor(random() * 12);
      for (let f = 0; f < flips; f++)
        mutant[Math.floor(random() * mutant.length)] =
          random() < 0.3 ? 0xff : Math.floor(random() * 256);
      const bytes =
        random() < 0.25 ? mutant.subarray(0, Math.floor(random() * mutant.length)) : mutant;
      const started = Date.now();
      const ref = await sealed(bytes);
      const result = await readAvMetadata(ref, mime);
      expect(Date.now() - started).toBeLessThan(5000);
      if (result?.failed) failed++;
      expect(result?.fields.length ?? 0).toBeLessThanOrEqual(300);
      for (const field of result?.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(500);
      if (i < 24) {
        const info = await vault.attachments.attachStream(record.id, fromBuffer(bytes, 65536), {
          name: `fuzzed-${name}`,
          mime,
        });
        expect(info.sha256).toBe(sha256Hex(bytes));
      }
    }
    // The mutations do reach the readers' error paths.
    expect(failed).toBeGreaterThan(0);
  }, 180_000);
});

describe('which audio and video tags are flagged', () => {
  it('by name, whatever the tag format writes around it', () => {
    expect(avFlagOf('mdta', 'com.apple.quicktime.location.ISO6709')).toBe('location');
    expect(avFlagOf('mdta', 'com.apple.quicktime.make')).toBe('serial');
    expect(avFlagOf('mdta', 'com.apple.quicktime.creationdate')).toBe('date');
    expect(avFlagOf('iTunes', '\u00a9day')).toBe('date');
    expect(avFlagOf('iTunes', '\u00a9wrt')).toBe('person');
    expect(avFlagOf('iTunes', 'cprt')).toBe('person');
    expect(avFlagOf('ID3v2.4', 'TENC')).toBe('person');
    expect(avFlagOf('ID3v2.4', 'TCOM')).toBe('person');
    expect(avFlagOf('asf', 'WM/EncodedBy')).toBe('person');
    expect(avFlagOf('matroska', 'DATE_RECORDED')).toBe('date');
    expect(avFlagOf('vorbis', 'ENCODED-BY')).toBe('person');
    expect(avFlagOf('format', 'creationTime')).toBe('date');
    expect(avFlagOf('vorbis', 'SERIAL_NUMBER')).toBe('serial');
    expect(avFlagOf('ID3v2.3', 'TIT2')).toBeUndefined();
    expect(avFlagOf('format', 'codec')).toBeUndefined();
    expect(avFlagOf('udta', '\u00a9swr')).toBeUndefined();
  });
});

describe('tvault metadata for a recording', () => {
  it('lists the tags, the identifying ones marked, in text and JSON', async () => {
    const vault = temp.path('vault');
    const id = await vaultWithAttachmentByCli(
      vault,
      new URL('../fixtures/metadata/voice.flac', import.meta.url).pathname,
    );
    const shown = await runCliJson<{ identifying: string[]; mime: string }>([
      '--vault',
      vault,
      'metadata',
      id,
    ]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.json.mime).toBe('audio/flac');
    expect(shown.json.identifying).toEqual([
      'file.FileName',
      'vorbis.ARTIST',
      'vorbis.LOCATION',
      'vorbis.DATE',
    ]);
    const text = await runCli(['--vault', vault, 'metadata', id]);
    expect(text.stdout).toMatch(/! vorbis\.LOCATION\s+Oran\s+\[location\]/);
    expect(text.stdout).toMatch(/! vorbis\.DATE\s+2024-11-05\s+\[date\]/);
    expect(text.stdout).toMatch(/ {2}format\.container\s+FLAC\n/);
    expect(text.stdout).toMatch(/4 field\(s\) marked ! can identify someone/);
  }, 60_000);
});
