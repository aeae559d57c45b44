import { crc32 } from '../../src/core/attachments/clean/ogg';

/**
 * Small, valid Ogg streams for the cleaning tests (RFC 3533 pages, RFC 7845 Opus headers, the
 * Vorbis I headers): packets laced into pages with their sequence numbers and CRC-32. The audio
 * packets are random bytes: readers of tags never decode them.
 */

export interface OggPacket {
  data: Uint8Array;
  granule?: bigint;
  /** Ends the page after this packet (the next starts a new page). */
  flush?: boolean;
}

/** Pages of one logical stream; `maxSegments` small makes packets span several pages. */
export function oggStream(serial: number, packets: OggPacket[], maxSegments = 255): Uint8Array[] {
  const pages: Uint8Array[] = [];
  let lacing: number[] = [];
  let body: Uint8Array[] = [];
  let continued = false;
  let granule = 0n;
  let complete = false; // a packet ended on the page being built
  const flush = (last: boolean) => {
    if (lacing.length === 0) return;
    const head = new Uint8Array(27 + lacing.length);
    const view = new DataView(head.buffer);
    head.set([0x4f, 0x67, 0x67, 0x53], 0);
    head[5] = (continued ? 1 : 0) | (pages.length === 0 ? 2 : 0) | (last ? 4 : 0);
    view.setBigUint64(6, complete ? granule : 0xffffffffffffffffn, true);
    view.setUint32(14, serial, true);
    view.setUint32(18, pages.length, true);
    head[26] = lacing.length;
    head.set(lacing, 27);
    const page = Buffer.concat([head, ...body]);
    new DataView(page.buffer, page.byteOffset).setUint32(22, crc32(page), true);
    pages.push(new Uint8Array(page));
    continued = lacing[lacing.length - 1] === 255;
    lacing = [];
    body = [];
    complete = false;
  };
  packets.forEach((packet, i) => {
    let left = packet.data.length;
    let at = 0;
    for (;;) {
      if (lacing.length === maxSegments) flush(false);
      const n = Math.min(255, left);
      lacing.push(n);
      body.push(packet.data.subarray(at, at + n));
      at += n;
      left -= n;
      if (n < 255) break;
    }
    granule = packet.granule ?? granule;
    complete = true;
    if (packet.flush || i === packets.length - 1) flush(i === packets.length - 1);
  });
  return pages;
}

const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** A Vorbis comment: vendor, then NAME=value pairs (with the caller's magic before it). */
export function vorbisComment(vendor: string, tags: string[]): Buffer {
  return Buffer.concat([
    u32(Buffer.byteLength(vendor)),
    Buffer.from(vendor),
    u32(tags.length),
    ...tags.flatMap((t) => [u32(Buffer.byteLength(t)), Buffer.from(t)]),
  ]);
}

export const IDENTIFYING_TAGS = [
  'ARTIST=Amina Benali',
  'LOCATION=Oran, Algeria',
  'DATE=2024-03-02',
  'ENCODER=Acme Recorder 2.1',
  `METADATA_BLOCK_PICTURE=${picture().toString('base64')}`,
];

/** A FLAC picture block (a front cover, "image/jpeg", described "Amina at home", 2 KB). */
function picture(): Buffer {
  const field = (text: string) =>
    Buffer.concat([u32be(Buffer.byteLength(text)), Buffer.from(text)]);
  const data = Buffer.alloc(2000, 0x51);
  return Buffer.concat([
    u32be(3),
    field('image/jpeg'),
    field('Amina at home'),
    u32be(64),
    u32be(64),
    u32be(24),
    u32be(0),
    u32be(data.length),
    data,
  ]);
}

function u32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** An Ogg Opus file: OpusHead, OpusTags (spanning pages when maxSegments is small), audio. */
export function opusFile(
  options: { serial?: number; audioPackets?: number; maxSegments?: number } = {},
) {
  const head = Buffer.concat([
    Buffer.from('OpusHead'),
    Buffer.from([1, 1]),
    Buffer.from([0x38, 0x01]), // pre-skip 312
    u32(48000),
    Buffer.from([0, 0, 0]), // gain 0, mapping family 0
  ]);
  const tags = Buffer.concat([
    Buffer.from('OpusTags'),
    vorbisComment('libopus 1.3.1', IDENTIFYING_TAGS),
  ]);
  return Buffer.concat(
    oggStream(
      options.serial ?? 0x5eed,
      [
        { data: head, flush: true },
        { data: tags, flush: true },
        ...audio(options.audioPackets ?? 40, 960n),
      ],
      options.maxSegments,
    ),
  );
}

/** An Ogg Vorbis file: identification, then comment and setup headers sharing a page. */
export function vorbisFile(options: { serial?: number; audioPackets?: number } = {}) {
  const ident = Buffer.concat([
    Buffer.from('\x01vorbis', 'latin1'),
    u32(0),
    Buffer.from([1]),
    u32(44100),
    u32(0),
    u32(128000),
    u32(0),
    Buffer.from([0xb8, 1]),
  ]);
  const comment = Buffer.concat([
    Buffer.from('\x03vorbis', 'latin1'),
    vorbisComment('Xiph.Org libVorbis I 20200704 (Reducing Environment)', IDENTIFYING_TAGS),
    Buffer.from([1]),
  ]);
  const setup = Buffer.concat([Buffer.from('\x05vorbis', 'latin1'), Buffer.alloc(600, 0x42)]);
  return Buffer.concat(
    oggStream(options.serial ?? 0x70b15, [
      { data: ident, flush: true },
      { data: comment },
      { data: setup, flush: true },
      ...audio(options.audioPackets ?? 40, 1024n),
    ]),
  );
}

function audio(count: number, samples: bigint): OggPacket[] {
  let state = 7;
  return Array.from({ length: count }, (_, i) => {
    const data = new Uint8Array(60 + (i % 7) * 40);
    for (let k = 0; k < data.length; k += 1) {
      state = (state * 1103515245 + 12345) >>> 0;
      data[k] = state >>> 24;
    }
    data[0] = 0xfc;
    return { data, granule: samples * BigInt(i + 1), flush: i % 10 === 9 };
  });
}

/** The pages of an Ogg file, checked: capture pattern, CRC, sequence numbers per stream. */
export function readOggPages(file: Uint8Array) {
  const pages: {
    serial: number;
    sequence: number;
    flags: number;
    data: Uint8Array;
    start: number;
  }[] = [];
  const next = new Map<number, number>();
  for (let pos = 0; pos < file.length;) {
    const view = new DataView(file.buffer, file.byteOffset + pos);
    if (Buffer.from(file.subarray(pos, pos + 4)).toString('latin1') !== 'OggS')
      throw new Error(`no page at ${pos}`);
    const count = file[pos + 26]!;
    let length = 27 + count;
    for (let i = 0; i < count; i += 1) length += file[pos + 27 + i]!;
    const page = new Uint8Array(file.subarray(pos, pos + length));
    const crc = view.getUint32(22, true);
    page.fill(0, 22, 26);
    if (crc32(page) !== crc) throw new Error(`bad CRC in the page at ${pos}`);
    const serial = view.getUint32(14, true);
    const sequence = view.getUint32(18, true);
    if (sequence !== (next.get(serial) ?? 0)) throw new Error(`page ${sequence} out of order`);
    next.set(serial, sequence + 1);
    pages.push({
      serial,
      sequence,
      flags: file[pos + 5]!,
      data: file.subarray(pos + 27 + count, pos + length),
      start: pos,
    });
    pos += length;
  }
  return pages;
}

/** The packets of one stream, joined across pages. */
export function oggPackets(file: Uint8Array, serial: number): Uint8Array[] {
  const packets: Uint8Array[] = [];
  let current: Uint8Array[] = [];
  for (let pos = 0; pos < file.length;) {
    const count = file[pos + 26]!;
    const lacing = file.subarray(pos + 27, pos + 27 + count);
    let at = pos + 27 + count;
    const own = new DataView(file.buffer, file.byteOffset + pos).getUint32(14, true) === serial;
    for (const l of lacing) {
      if (own) current.push(file.subarray(at, at + l));
      at += l;
      if (own && l < 255) {
        packets.push(new Uint8Array(Buffer.concat(current)));
        current = [];
      }
    }
    pos = at;
  }
  return packets;
}
