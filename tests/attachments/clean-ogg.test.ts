import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBuffer } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import {
  DamagedFileError,
  cleanBytes,
  cleaningPlan,
  sniffCleanable,
} from '../../src/core/attachments/clean/clean-file';
import {
  IDENTIFYING_TAGS,
  oggPackets,
  oggStream,
  opusFile,
  readOggPages,
  vorbisComment,
  vorbisFile,
} from '../helpers/ogg';

// Ogg Opus and Vorbis: the comment header emptied in place, its pages' CRC computed again
// (fixtures made by tests/helpers/ogg.ts; read back with our page checker, music-metadata and,
// where installed, exiftool).

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text);
const SECRETS = ['Amina', 'Oran', '2024-03-02', 'Acme', 'libopus', 'libVorbis'];

/** What music-metadata (a maintained reader) finds: the codec, and every tag it reads. */
async function readTags(bytes: Uint8Array) {
  const read = await parseBuffer(bytes);
  return {
    container: read.format.container,
    codec: read.format.codec,
    tags: JSON.stringify(read.native) + JSON.stringify(read.common),
    artist: read.common.artist,
    pictures: read.common.picture?.length ?? 0,
  };
}

function exiftool(bytes: Uint8Array): Record<string, unknown> | null {
  try {
    execFileSync('exiftool', ['-ver'], { stdio: 'ignore' });
  } catch {
    console.warn('exiftool is not installed: the Ogg copies are checked by our own reader only');
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'tv-ogg-'));
  try {
    writeFileSync(join(dir, 'a.ogg'), bytes);
    const out = execFileSync('exiftool', ['-j', '-a', '-G1', join(dir, 'a.ogg')], {
      encoding: 'utf8',
    });
    return (JSON.parse(out) as Record<string, unknown>[])[0]!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('Ogg: the comment header is emptied where it lies', () => {
  it('Opus: OpusTags keeps its length and pages; tags and vendor go; audio stays', async () => {
    // OpusTags spans three pages (4 segments a page).
    const original = new Uint8Array(opusFile({ maxSegments: 4 }));
    expect(sniffCleanable(original)).toBe('ogg');
    const before = readOggPages(original);
    expect(new Set(before.map((p) => p.sequence)).size).toBe(before.length);
    const { bytes, removed } = await cleanBytes(original, 'ogg');
    expect(removed).toEqual(['media-tags']);
    expect(bytes.length).toBe(original.length);
    for (const text of SECRETS) expect(has(bytes, text), text).toBe(false);
    const after = readOggPages(bytes); // every CRC right, sequence numbers in order
    expect(after.map((p) => [p.serial, p.sequence, p.flags])).toEqual(
      before.map((p) => [p.serial, p.sequence, p.flags]),
    );
    const packets = oggPackets(bytes, 0x5eed);
    const originalPackets = oggPackets(original, 0x5eed);
    expect(packets.length).toBe(originalPackets.length);
    expect(packets[0]).toEqual(originalPackets[0]); // OpusHead
    const tags = Buffer.from(packets[1]!);
    expect(tags.subarray(0, 16)).toEqual(Buffer.from('OpusTags\0\0\0\0\0\0\0\0', 'latin1'));
    expect(tags.subarray(16).every((b) => b === 0)).toBe(true);
    for (let i = 2; i < packets.length; i += 1) expect(packets[i]).toEqual(originalPackets[i]);
    // Only the comment header's pages changed.
    const changed = before.filter((p, i) => Buffer.compare(p.data, after[i]!.data) !== 0);
    expect(changed.map((p) => p.sequence)).toEqual([1, 2, 3]);
    const tagsBefore = await readTags(original);
    expect(tagsBefore).toMatchObject({ container: 'Ogg', codec: 'Opus', artist: 'Amina Benali' });
    expect(tagsBefore.pictures).toBe(1);
    const tagsAfter = await readTags(bytes);
    expect(tagsAfter).toMatchObject({ container: 'Ogg', codec: 'Opus', pictures: 0 });
    expect(tagsAfter.artist).toBeUndefined();
    for (const text of SECRETS) expect(tagsAfter.tags, text).not.toContain(text);
    const read = exiftool(bytes);
    if (read) {
      const before = exiftool(original)!;
      expect(JSON.stringify(before)).toContain('Amina');
      for (const text of SECRETS) expect(JSON.stringify(read), text).not.toContain(text);
      expect(read['Opus:AudioChannels'] ?? read['Opus:OpusVersion']).toBeDefined();
    }
  });

  it('Vorbis: the comment shares its page with the setup header, which stays', async () => {
    const original = new Uint8Array(vorbisFile());
    const { bytes, removed } = await cleanBytes(original, 'ogg');
    expect(removed).toEqual(['media-tags']);
    for (const text of SECRETS) expect(has(bytes, text), text).toBe(false);
    readOggPages(bytes);
    const packets = oggPackets(bytes, 0x70b15);
    const originalPackets = oggPackets(original, 0x70b15);
    const comment = Buffer.from(packets[1]!);
    expect(comment.length).toBe(originalPackets[1]!.length);
    // Magic, empty vendor, no comment, the framing bit, then zeros.
    expect(comment.subarray(0, 16)).toEqual(
      Buffer.from('\x03vorbis\0\0\0\0\0\0\0\0\x01', 'latin1'),
    );
    expect(comment.subarray(16).every((b) => b === 0)).toBe(true);
    expect(packets[2]).toEqual(originalPackets[2]); // setup, on the same page
    expect((await readTags(original)).artist).toBe('Amina Benali');
    const tags = await readTags(bytes);
    expect(tags).toMatchObject({ container: 'Ogg', codec: 'Vorbis I', pictures: 0 });
    for (const text of SECRETS) expect(tags.tags, text).not.toContain(text);
    const read = exiftool(bytes);
    if (read) for (const text of SECRETS) expect(JSON.stringify(read), text).not.toContain(text);
  });

  it('every stream of a multiplexed or chained file is cleaned; a clean file is left as it is', async () => {
    const chained = Buffer.concat([opusFile({ serial: 1 }), vorbisFile({ serial: 2 })]);
    const { bytes, removed } = await cleanBytes(chained, 'ogg');
    expect(removed).toEqual(['media-tags']);
    for (const text of SECRETS) expect(has(bytes, text), text).toBe(false);
    readOggPages(bytes);
    const again = await cleanBytes(bytes, 'ogg');
    expect(again.removed).toEqual([]);
    expect(Buffer.compare(again.bytes, bytes)).toBe(0);
    // Deterministic.
    expect(Buffer.compare((await cleanBytes(chained, 'ogg')).bytes, bytes)).toBe(0);
  });

  it('is planned as cleaned by its MIME types, at any size', () => {
    for (const mime of ['audio/ogg', 'audio/ogg; codecs=opus', 'video/ogg', 'application/ogg'])
      expect(cleaningPlan(mime, 3 * 1024 ** 3), mime).toBeNull();
    expect(cleaningPlan('video/webm', 1000)).toBe('format');
  });
});

describe('malformed Ogg', () => {
  it('bad checksums, unknown codecs, truncation and lies end in DamagedFileError', async () => {
    const opus = new Uint8Array(opusFile({ maxSegments: 4 }));
    const pages = readOggPages(opus);
    const badCrc = opus.slice();
    badCrc[pages[2]!.start + 30] = badCrc[pages[2]!.start + 30]! ^ 1;
    const noMagic = opus.slice();
    noMagic[pages[1]!.data.byteOffset - opus.byteOffset] = 0x41;
    const flac = Buffer.concat(
      oggStream(9, [{ data: Buffer.from('\x7fFLAC\x01\x00'), flush: true }]),
    );
    const shortTags = Buffer.concat(
      oggStream(3, [
        { data: Buffer.from('OpusHead\x01\x01\x00\x00\x80\xbb\x00\x00\x00\x00\x00'), flush: true },
        { data: Buffer.from('OpusTags\0\0'), flush: true },
      ]),
    );
    const cases = [
      badCrc,
      noMagic,
      opus.subarray(0, pages[3]!.start + 10), // ends inside the comment header
      opus.subarray(0, pages[8]!.start + 20), // a truncated page
      flac,
      shortTags,
      Buffer.concat([Buffer.from('OggS\x01'), opus.subarray(5)]),
    ];
    for (const [i, input] of cases.entries())
      await expect(cleanBytes(input, 'ogg'), `case ${i}`).rejects.toBeInstanceOf(DamagedFileError);
  });

  it('fuzz: a copy or DamagedFileError, never a crash or a hang', async () => {
    let state = 41;
    const random = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const sources = [
      opusFile({ maxSegments: 4 }),
      vorbisFile(),
      Buffer.concat([opusFile(), vorbisFile()]),
    ];
    let refused = 0;
    let cleaned = 0;
    for (const original of sources) {
      for (let i = 0; i < 100; i += 1) {
        const mutant = Uint8Array.from(original);
        // Mutations in the first 1500 bytes reach the headers the cleaner reads.
        for (let f = 0; f < 1 + Math.floor(random() * 8); f += 1)
          mutant[Math.floor(random() * (random() < 0.7 ? 1500 : mutant.length))] = Math.floor(
            random() * 256,
          );
        const input =
          random() < 0.3 ? mutant.subarray(0, Math.floor(random() * mutant.length)) : mutant;
        try {
          const { bytes } = await cleanBytes(input, 'ogg');
          expect(bytes.length).toBe(input.length);
          cleaned += 1;
        } catch (error) {
          expect(error).toBeInstanceOf(DamagedFileError);
          refused += 1;
        }
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(cleaned).toBeGreaterThan(0);
  });

  it('a comment header laid over more than 20,000 pages is refused (edits held in memory)', async () => {
    const tags = Buffer.concat([
      Buffer.from('OpusTags'),
      vorbisComment('x', ['A=' + 'b'.repeat(20_001 * 255)]),
    ]);
    const file = Buffer.concat(
      oggStream(
        6,
        [
          {
            data: Buffer.from('OpusHead\x01\x01\x00\x00\x80\xbb\x00\x00\x00\x00\x00'),
            flush: true,
          },
          { data: tags, flush: true },
        ],
        1,
      ),
    );
    await expect(cleanBytes(file, 'ogg')).rejects.toThrow(/too many pages/);
  });

  it('a comment header naming more comments than it holds is still emptied', async () => {
    const lying = Buffer.concat([Buffer.from('OpusTags'), vorbisComment('x', IDENTIFYING_TAGS)]);
    lying.writeUInt32LE(1000, 8 + 4 + 1);
    const file = Buffer.concat(
      oggStream(4, [
        { data: Buffer.from('OpusHead\x01\x01\x00\x00\x80\xbb\x00\x00\x00\x00\x00'), flush: true },
        { data: lying, flush: true },
      ]),
    );
    const { bytes } = await cleanBytes(file, 'ogg');
    for (const text of SECRETS) expect(has(bytes, text), text).toBe(false);
  });
});
