import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DamagedFileError,
  cleanBytes,
  cleaningPlan,
  sniffCleanable,
} from '../../src/core/attachments/clean/clean-file';
import { childBoxes } from '../../src/core/attachments/clean/isobmff';

// Audio and video containers, cleaned without re-encoding (fixtures:
// scripts/make-metadata-fixtures.ts; exiftool reads their metadata, and none in the copies).

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../fixtures/metadata/${name}`, import.meta.url)));
const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(text);
const IDENTIFYING = ['Amina', 'Oran', 'Acme', '+35.69', '2024'];
const types = (bytes: Uint8Array, from = 0, to = bytes.length) =>
  childBoxes(bytes, from, to).map((b) => b.type);

describe('MP4/MOV: udta and meta boxes become free boxes of the same size', () => {
  it('location, author, make and model go; samples and their offsets stay', async () => {
    const original = fixture('voice-gps.mov');
    expect(sniffCleanable(original)).toBe('mp4');
    const { bytes, removed } = await cleanBytes(original, 'mp4');
    expect(removed).toEqual(['media-tags']);
    expect(bytes.length).toBe(original.length);
    for (const text of IDENTIFYING) expect(has(bytes, text), text).toBe(false);
    expect(types(bytes)).toEqual(['ftyp', 'mdat', 'moov']);
    const moov = childBoxes(bytes, 0, bytes.length)[2]!;
    expect(types(bytes, moov.body, moov.end)).toEqual(['mvhd', 'trak', 'free', 'free']);
    const trak = childBoxes(bytes, moov.body, moov.end)[1]!;
    expect(types(bytes, trak.body, trak.end)).toEqual(['tkhd', 'mdia', 'free']);
    // The chunk offset still points at the same samples, byte for byte.
    const stco = Buffer.from(bytes).indexOf('stco');
    const chunk = Buffer.from(bytes).readUInt32BE(stco + 12);
    expect(chunk).toBe(Buffer.from(original).readUInt32BE(stco + 12));
    const mdat = childBoxes(original, 0, original.length)[1]!;
    expect(
      Buffer.compare(bytes.subarray(mdat.start, mdat.end), original.subarray(mdat.start, mdat.end)),
    ).toBe(0);
    expect(Buffer.compare((await cleanBytes(original, 'mp4')).bytes, bytes)).toBe(0);
  });
});

describe('MP3, WAV, FLAC', () => {
  it('MP3: ID3v2 and ID3v1 tags go, the MPEG frames stay', async () => {
    const original = fixture('voice.mp3');
    expect(sniffCleanable(original)).toBe('mp3');
    const { bytes, removed } = await cleanBytes(original, 'mp3');
    expect(removed).toEqual(['media-tags']);
    expect(bytes.length).toBe(6 * 417);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfb]);
    for (const text of [...IDENTIFYING, 'ID3', 'TAG']) expect(has(bytes, text), text).toBe(false);
    const audio = Buffer.from(original).indexOf(Uint8Array.from([0xff, 0xfb, 0x90]));
    expect(Buffer.compare(bytes, original.subarray(audio, audio + bytes.length))).toBe(0);
  });

  it('WAV: the LIST INFO chunk goes, the RIFF size follows, fmt and data stay', async () => {
    const original = fixture('voice.wav');
    expect(sniffCleanable(original)).toBe('wav');
    const { bytes, removed } = await cleanBytes(original, 'wav');
    expect(removed).toEqual(['media-tags']);
    for (const text of IDENTIFYING) expect(has(bytes, text), text).toBe(false);
    const view = Buffer.from(bytes);
    expect(view.readUInt32LE(4)).toBe(bytes.length - 8);
    expect(view.toString('latin1', 12, 16)).toBe('fmt ');
    const data = Buffer.from(original).indexOf('data');
    expect(Buffer.compare(view.subarray(view.indexOf('data')), original.subarray(data))).toBe(0);
  });

  it('FLAC: the Vorbis comment block becomes padding in place; frames stay', async () => {
    const original = fixture('voice.flac');
    expect(sniffCleanable(original)).toBe('flac');
    const { bytes, removed } = await cleanBytes(original, 'flac');
    expect(removed).toEqual(['media-tags']);
    expect(bytes.length).toBe(original.length);
    for (const text of IDENTIFYING) expect(has(bytes, text), text).toBe(false);
    expect(bytes[4 + 4 + 34]! & 0x7f).toBe(1); // the second block is PADDING
    const frames = Buffer.from(original).indexOf(Uint8Array.from([0xff, 0xf8, 0x69]));
    expect(Buffer.compare(bytes.subarray(frames), original.subarray(frames))).toBe(0);
  });

  it('are planned as cleaned by their MIME types, at any size; WebM is not', () => {
    for (const mime of [
      'video/mp4',
      'video/quicktime',
      'audio/x-m4a',
      'audio/mpeg',
      'audio/wav',
      'audio/x-flac',
    ])
      expect(cleaningPlan(mime, 1000), mime).toBeNull();
    expect(cleaningPlan('video/webm', 1000)).toBe('format');
    // Audio and video are cleaned as they stream by; images and PDFs in memory, up to 256 MiB.
    expect(cleaningPlan('video/mp4', 3 * 1024 ** 3)).toBeNull();
    expect(cleaningPlan('audio/x-flac', 300 * 1024 * 1024)).toBeNull();
    expect(cleaningPlan('image/tiff', 300 * 1024 * 1024)).toBe('too-large');
    expect(
      sniffCleanable(Uint8Array.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81])),
    ).toBeNull();
  });
});

describe('malformed audio and video', () => {
  it('sizes past the end, huge counts and truncation end in DamagedFileError', async () => {
    const mov = fixture('voice-gps.mov');
    const hugeBox = mov.slice();
    new DataView(hugeBox.buffer).setUint32(Buffer.from(mov).indexOf('udta') - 4, 0x7fffffff);
    const mp3 = fixture('voice.mp3');
    const hugeTag = mp3.slice();
    hugeTag.set([0x7f, 0x7f, 0x7f, 0x7f], 6);
    const flac = fixture('voice.flac');
    const hugeBlock = flac.slice();
    hugeBlock.set([0xff, 0xff, 0xff], 4 + 4 + 34 + 1);
    const wav = fixture('voice.wav');
    const hugeChunk = wav.slice();
    new DataView(hugeChunk.buffer).setUint32(
      Buffer.from(wav).indexOf('LIST') + 4,
      0xfffffff0,
      true,
    );
    const cases: [Uint8Array, 'mp4' | 'mp3' | 'flac' | 'wav'][] = [
      [hugeBox, 'mp4'],
      [mov.subarray(0, mov.length - 50), 'mp4'],
      [hugeTag, 'mp3'],
      [mp3.subarray(0, 40), 'mp3'],
      [hugeBlock, 'flac'],
      [flac.subarray(0, 60), 'flac'],
      [hugeChunk, 'wav'],
      [wav.subarray(0, 60), 'wav'],
    ];
    for (const [input, format] of cases)
      await expect(cleanBytes(input, format), format).rejects.toBeInstanceOf(DamagedFileError);
  });

  it('fuzz: a copy or DamagedFileError, never a crash or a hang', async () => {
    let state = 23;
    const random = () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
    const sources = [
      ['mp4', fixture('voice-gps.mov')],
      ['mp3', fixture('voice.mp3')],
      ['wav', fixture('voice.wav')],
      ['flac', fixture('voice.flac')],
    ] as const;
    let refused = 0;
    for (const [format, original] of sources) {
      for (let i = 0; i < 80; i += 1) {
        const mutant = Uint8Array.from(original);
        for (let f = 0; f < 1 + Math.floor(random() * 8); f += 1)
          mutant[Math.floor(random() * mutant.length)] = Math.floor(random() * 256);
        const input =
          random() < 0.3 ? mutant.subarray(0, Math.floor(random() * mutant.length)) : mutant;
        const started = Date.now();
        try {
          const { bytes } = await cleanBytes(input, format);
          expect(bytes.length).toBeLessThanOrEqual(input.length);
        } catch (error) {
          expect(error).toBeInstanceOf(DamagedFileError);
          refused += 1;
        }
        expect(Date.now() - started).toBeLessThan(3000);
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});

describe('the caller keeps its bytes', () => {
  it('cleaning a Buffer (whose slice is a view) leaves it as it was', async () => {
    for (const [name, format] of [
      ['voice-gps.mov', 'mp4'],
      ['voice.wav', 'wav'],
      ['voice.flac', 'flac'],
      ['voice.mp3', 'mp3'],
      ['photo-gps.tif', 'tiff'],
      ['photo-gps.heic', 'heif'],
    ] as const) {
      const input = Buffer.from(fixture(name));
      const before = Buffer.from(input);
      const { bytes } = await cleanBytes(input, format);
      expect(Buffer.compare(input, before), name).toBe(0);
      expect(Buffer.compare(Buffer.from(bytes), before), name).not.toBe(0);
    }
  });
});
