// Generates the TIFF and HEIF fixtures of tests/fixtures/metadata: small images carrying the
// identifying metadata export cleaning must remove (GPS position, names, serial numbers, maker
// note, XMP, IPTC, dates), laid out as cameras, scanners and phones write them.
//
//   node --import tsx scripts/make-metadata-fixtures.ts
//
// - photo-gps.tif: little-endian, 16x16 RGB in two strips, orientation 6, IFD0 descriptive
//   tags, Exif IFD (serial, owner, maker note, user comment, dates), GPS IFD, XMP, IPTC.
// - scan-author-be.tif: the same big-endian, with a second page (IFD chain) that has an Artist.
// - photo-gps.heic: ftyp heic, a coded image item (stand-in bytes: cleaning never decodes it),
//   an Exif item and an XMP item in mdat, located by iloc version 0, rotation in irot.
// - photo-gps.avif: ftyp avif, iloc version 1 with the Exif item in idat (construction
//   method 1) and the XMP item in mdat.
// - voice-gps.mov: ftyp qt, mdat first, then moov with a track (its udta naming the
//   recorder), moov/udta (©xyz location, ©ART, ©mak, ©mod) and a moov/meta with QuickTime
//   mdta keys (com.apple.quicktime.location.ISO6709, author), as phones write them.
// - voice.mp3: an ID3v2.3 tag (artist, comment, year), MPEG audio frames, an ID3v1 tag.
// - voice.wav: fmt, a LIST INFO chunk (IART, ICMT, ICRD), data.
// - voice.flac: STREAMINFO, VORBIS_COMMENT (ARTIST, LOCATION, DATE), PADDING, frames.
// The audio and video samples are stand-in bytes: cleaning never decodes them.
// Deterministic: the same bytes each run.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join(import.meta.dirname, '..', 'tests', 'fixtures', 'metadata');
const NAME = 'Amina K.';
const SERIAL = 'SN-4417';

const enum T {
  BYTE = 1,
  ASCII = 2,
  SHORT = 3,
  LONG = 4,
  RATIONAL = 5,
  UNDEFINED = 7,
}

type Entry = [tag: number, type: T, value: number[] | string | Uint8Array];
interface Page {
  entries: Entry[];
  exif?: Entry[];
  gps?: Entry[];
  /** Image data, written as strips of `stripBytes`. */
  pixels?: Uint8Array;
  stripBytes?: number;
}

const ascii = (text: string) => new TextEncoder().encode(`${text}\0`);
const xmpPacket = new TextEncoder().encode(
  `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"><dc:creator><rdf:Seq><rdf:li>${NAME}</rdf:li></rdf:Seq></dc:creator><photoshop:City>Oran</photoshop:City></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`,
);
/** IPTC IIM: record 2, dataset 80 (By-line), then 2:90 (City). */
const iptc = Uint8Array.from([
  0x1c,
  2,
  80,
  0,
  NAME.length,
  ...Buffer.from(NAME),
  0x1c,
  2,
  90,
  0,
  4,
  ...Buffer.from('Oran'),
]);

/** A classic TIFF (or an Exif block's TIFF stream) from pages of tagged entries. */
function buildTiff(pages: Page[], little: boolean): Uint8Array {
  const bytes: number[] = [];
  const u16 = (v: number) => (little ? [v & 255, v >> 8] : [v >> 8, v & 255]);
  const u32 = (v: number) =>
    little
      ? [v & 255, (v >>> 8) & 255, (v >>> 16) & 255, v >>> 24]
      : [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
  const put = (at: number, value: number[]) => value.forEach((b, i) => (bytes[at + i] = b));
  const align = () => {
    if (bytes.length % 2) bytes.push(0);
  };
  const encode = ([, type, value]: Entry): number[] => {
    if (value instanceof Uint8Array) return [...value];
    if (typeof value === 'string') return [...ascii(value)];
    if (type === T.SHORT) return value.flatMap(u16);
    if (type === T.LONG || type === T.RATIONAL) return value.flatMap(u32);
    return value;
  };
  const count = ([, type, value]: Entry) =>
    typeof value === 'string'
      ? value.length + 1
      : type === T.RATIONAL
        ? value.length / 2
        : value.length;
  /** Writes an IFD with its out-of-line values after it; returns its offset. */
  const writeIfd = (entries: Entry[], pointers: Record<number, number>): number => {
    align();
    const sorted = [...entries].sort((a, b) => a[0] - b[0]);
    const at = bytes.length;
    bytes.push(...u16(sorted.length), ...new Array<number>(12 * sorted.length + 4).fill(0));
    sorted.forEach((entry, i) => {
      const data = entry[0] in pointers ? u32(pointers[entry[0]]!) : encode(entry);
      const e = at + 2 + 12 * i;
      put(e, [...u16(entry[0]), ...u16(entry[1]), ...u32(count(entry))]);
      if (data.length <= 4) put(e + 8, data);
      else {
        align();
        put(e + 8, u32(bytes.length));
        bytes.push(...data);
      }
    });
    return at;
  };
  bytes.push(...(little ? [0x49, 0x49] : [0x4d, 0x4d]), ...u16(42), 0, 0, 0, 0);
  let previousNext = 4;
  for (const page of pages) {
    const strips: number[] = [];
    const counts: number[] = [];
    if (page.pixels) {
      for (let at = 0; at < page.pixels.length; at += page.stripBytes!) {
        align();
        strips.push(bytes.length);
        const strip = page.pixels.subarray(at, at + page.stripBytes!);
        counts.push(strip.length);
        bytes.push(...strip);
      }
    }
    const pointers: Record<number, number> = {};
    if (page.gps) pointers[0x8825] = writeIfd(page.gps, {});
    if (page.exif) pointers[0x8769] = writeIfd(page.exif, {});
    const entries = [...page.entries];
    if (page.gps) entries.push([0x8825, T.LONG, [0]]);
    if (page.exif) entries.push([0x8769, T.LONG, [0]]);
    if (page.pixels)
      entries.push([0x0111, T.LONG, strips], [0x0117, T.LONG, counts], [0x0116, T.SHORT, [8]]);
    const at = writeIfd(entries, pointers);
    put(previousNext, u32(at));
    previousNext = at + 2 + 12 * entries.length;
  }
  return Uint8Array.from(bytes);
}

function pixels(seed: number): Uint8Array {
  const data = new Uint8Array(16 * 16 * 3);
  for (let i = 0; i < data.length; i += 1) data[i] = (i * 7 + seed * 31 + (i >> 5) * 13) & 255;
  return data;
}

const imageTags = (orientation: number): Entry[] => [
  [0x0100, T.SHORT, [16]],
  [0x0101, T.SHORT, [16]],
  [0x0102, T.SHORT, [8, 8, 8]],
  [0x0103, T.SHORT, [1]],
  [0x0106, T.SHORT, [2]],
  [0x0112, T.SHORT, [orientation]],
  [0x0115, T.SHORT, [3]],
  [0x011a, T.RATIONAL, [300, 1]],
  [0x011b, T.RATIONAL, [300, 1]],
  [0x011c, T.SHORT, [1]],
  [0x0128, T.SHORT, [2]],
];
const describing: Entry[] = [
  [0x010e, T.ASCII, `Letter kept by ${NAME}`],
  [0x010f, T.ASCII, 'Acme'],
  [0x0110, T.ASCII, 'Acme X1'],
  [0x0131, T.ASCII, 'ScanApp 2.1'],
  [0x0132, T.ASCII, '2024:11:05 10:12:00'],
  [0x013b, T.ASCII, NAME],
  [0x013c, T.ASCII, 'amina-laptop'],
  [0x8298, T.ASCII, `(c) ${NAME}`],
];
const exif: Entry[] = [
  [0x829a, T.RATIONAL, [1, 125]],
  [0x9003, T.ASCII, '2024:11:05 10:12:00'],
  [0x9004, T.ASCII, '2024:11:05 10:12:00'],
  [0x927c, T.UNDEFINED, ascii(`Acme maker note, body ${SERIAL}, owner ${NAME}`)],
  [0x9286, T.UNDEFINED, Uint8Array.from([...Buffer.from('ASCII\0\0\0'), ...ascii(`By ${NAME}`)])],
  [0xa430, T.ASCII, NAME],
  [0xa431, T.ASCII, SERIAL],
  [0xa435, T.ASCII, `${SERIAL}-L`],
];
const gps: Entry[] = [
  [0x0000, T.BYTE, [2, 3, 0, 0]],
  [0x0001, T.ASCII, 'N'],
  [0x0002, T.RATIONAL, [35, 1, 41, 1, 3000, 100]],
  [0x0003, T.ASCII, 'W'],
  [0x0004, T.RATIONAL, [0, 1, 38, 1, 1500, 100]],
];

function tiff(little: boolean, pages: number): Uint8Array {
  const first: Page = {
    entries: [
      ...imageTags(6),
      ...describing,
      [0x02bc, T.BYTE, xmpPacket],
      [0x83bb, T.UNDEFINED, iptc],
    ],
    exif,
    gps,
    pixels: pixels(1),
    stripBytes: 16 * 8 * 3,
  };
  const second: Page = {
    entries: [...imageTags(1), [0x013b, T.ASCII, NAME]],
    pixels: pixels(2),
    stripBytes: 16 * 8 * 3,
  };
  return buildTiff(pages === 1 ? [first] : [first, second], little);
}

// ISOBMFF boxes.
const u32be = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const u16be = (v: number) => [v >> 8, v & 255];
const box = (type: string, ...body: (number[] | Uint8Array)[]): number[] => {
  const flat = body.flatMap((part) => [...part]);
  return [...u32be(8 + flat.length), ...Buffer.from(type, 'latin1'), ...flat];
};
const fullBox = (type: string, version: number, ...body: (number[] | Uint8Array)[]) =>
  box(type, [version, 0, 0, 0], ...body);
const infe = (id: number, type: string, contentType?: string) =>
  fullBox(
    'infe',
    2,
    u16be(id),
    u16be(0),
    [...Buffer.from(type, 'latin1')],
    [0],
    contentType ? [...ascii(contentType)] : [],
  );

function heif(brand: 'heic' | 'avif'): Uint8Array {
  const coded = new Uint8Array(2048);
  for (let i = 0; i < coded.length; i += 1) coded[i] = (i * 131 + 17) & 255;
  const exifTiff = buildTiff([{ entries: [...describing], exif, gps }], false);
  // An Exif item: the offset of the TIFF header after "Exif\0\0", then the header.
  const exifItem = Uint8Array.from([
    ...u32be(6),
    ...Buffer.from('Exif\0\0', 'latin1'),
    ...exifTiff,
  ]);
  const inIdat = brand === 'avif';
  const ftyp = box('ftyp', [...Buffer.from(brand)], u32be(0), [...Buffer.from(`mif1${brand}`)]);
  const hdlr = fullBox('hdlr', 0, u32be(0), [...Buffer.from('pict')], new Array(12).fill(0), [0]);
  const pitm = fullBox('pitm', 0, u16be(1));
  const iinf = fullBox(
    'iinf',
    0,
    u16be(3),
    infe(1, brand === 'heic' ? 'hvc1' : 'av01'),
    infe(2, 'Exif'),
    infe(3, 'mime', 'application/rdf+xml'),
  );
  const iprp = box(
    'iprp',
    box('ipco', fullBox('ispe', 0, u32be(16), u32be(16)), box('irot', [1])),
    fullBox('ipma', 0, u32be(1), u16be(1), [2, 0x81, 0x82]),
  );
  const idat = inIdat ? box('idat', exifItem) : [];
  // The iloc's size does not depend on the offsets: build it once with zeros to measure.
  const iloc = (mdatData: number) => {
    const location = (id: number, method: number, offset: number, length: number) =>
      inIdat
        ? [
            ...u16be(id),
            ...u16be(method),
            ...u16be(0),
            ...u16be(1),
            ...u32be(offset),
            ...u32be(length),
          ]
        : [...u16be(id), ...u16be(0), ...u16be(1), ...u32be(offset), ...u32be(length)];
    const exifAt = inIdat ? 0 : mdatData + coded.length;
    const xmpAt = inIdat ? mdatData + coded.length : mdatData + coded.length + exifItem.length;
    return fullBox(
      'iloc',
      inIdat ? 1 : 0,
      [0x44, 0x00],
      u16be(3),
      location(1, 0, mdatData, coded.length),
      location(2, inIdat ? 1 : 0, exifAt, exifItem.length),
      location(3, 0, xmpAt, xmpPacket.length),
    );
  };
  const metaOf = (ilocBox: number[]) => fullBox('meta', 0, hdlr, pitm, iinf, ilocBox, iprp, idat);
  const headerLength = ftyp.length + metaOf(iloc(0)).length + 8;
  const meta = metaOf(iloc(headerLength));
  const mdat = box('mdat', coded, inIdat ? [] : exifItem, xmpPacket);
  return Uint8Array.from([...ftyp, ...meta, ...mdat]);
}

function samples(length: number, seed: number): Uint8Array {
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i += 1) data[i] = (i * 97 + seed * 13 + (i >> 7)) & 255;
  return data;
}

function mov(): Uint8Array {
  const media = samples(4000, 3);
  const ftyp = box('ftyp', [...Buffer.from('qt  ')], u32be(0x20050300), [...Buffer.from('qt  ')]);
  const mdatStart = ftyp.length;
  const mdat = box('mdat', media);
  const text = (type: string, value: string) =>
    box(type, u16be(Buffer.byteLength(value)), u16be(0x15c7), [...Buffer.from(value)]);
  const zeros = (n: number) => new Array<number>(n).fill(0);
  const matrix = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].flatMap(u32be);
  const mvhd = fullBox(
    'mvhd',
    0,
    u32be(0),
    u32be(0),
    u32be(1000),
    u32be(500),
    u32be(0x10000),
    u16be(0x100),
    zeros(10),
    matrix,
    zeros(24),
    u32be(2),
  );
  const tkhd = fullBox(
    'tkhd',
    0,
    u32be(0),
    u32be(0),
    u32be(1),
    u32be(0),
    u32be(500),
    zeros(8),
    u16be(0),
    u16be(0),
    u16be(0x100),
    u16be(0),
    matrix,
    u32be(0),
    u32be(0),
  );
  const mdhd = fullBox(
    'mdhd',
    0,
    u32be(0),
    u32be(0),
    u32be(8000),
    u32be(4000),
    u16be(0x55c4),
    u16be(0),
  );
  const hdlr = fullBox('hdlr', 0, u32be(0), [...Buffer.from('soun')], zeros(12), [
    ...ascii('SoundHandler'),
  ]);
  const stbl = box(
    'stbl',
    fullBox('stsd', 0, u32be(0)),
    fullBox('stts', 0, u32be(1), u32be(4000), u32be(1)),
    fullBox('stsc', 0, u32be(1), u32be(1), u32be(4000), u32be(1)),
    fullBox('stsz', 0, u32be(1), u32be(4000)),
    fullBox('stco', 0, u32be(1), u32be(mdatStart + 8)),
  );
  const trak = box(
    'trak',
    tkhd,
    box('mdia', mdhd, hdlr, box('minf', stbl)),
    box('udta', text('\u00a9swr', `Recorder of ${NAME}`)),
  );
  const udta = box(
    'udta',
    text('\u00a9xyz', '+35.6917-000.6375/'),
    text('\u00a9ART', NAME),
    text('\u00a9mak', 'Acme'),
    text('\u00a9mod', 'Acme X1'),
  );
  const key = (name: string) => box('mdta', [...Buffer.from(name)]);
  const item = (index: number, value: string) => [
    ...u32be(8 + 16 + Buffer.byteLength(value)),
    ...u32be(index),
    ...box('data', u32be(1), u32be(0), [...Buffer.from(value)]),
  ];
  // QuickTime's meta is a plain box (ISO's is a full box with a version).
  const meta = box(
    'meta',
    fullBox('hdlr', 0, u32be(0), [...Buffer.from('mdta')], zeros(12), [0]),
    fullBox(
      'keys',
      0,
      u32be(2),
      key('com.apple.quicktime.location.ISO6709'),
      key('com.apple.quicktime.author'),
    ),
    box('ilst', item(1, '+35.6917-000.6375+012.000/'), item(2, NAME)),
  );
  const moov = box('moov', mvhd, trak, udta, meta);
  return Uint8Array.from([...ftyp, ...mdat, ...moov]);
}

function mp3(): Uint8Array {
  const frame = (id: string, body: number[]) => [
    ...Buffer.from(id),
    ...u32be(body.length),
    0,
    0,
    ...body,
  ];
  const frames = [
    ...frame('TPE1', [0, ...Buffer.from(NAME)]),
    ...frame('COMM', [0, ...Buffer.from('eng'), 0, ...Buffer.from('Recorded in Oran')]),
    ...frame('TYER', [0, ...Buffer.from('2024')]),
  ];
  const size = frames.length + 64; // with padding
  const syncsafe = [(size >> 21) & 127, (size >> 14) & 127, (size >> 7) & 127, size & 127];
  const id3 = [
    ...Buffer.from('ID3'),
    3,
    0,
    0,
    ...syncsafe,
    ...frames,
    ...new Array<number>(64).fill(0),
  ];
  // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames.
  const audio: number[] = [];
  for (let f = 0; f < 6; f += 1) audio.push(0xff, 0xfb, 0x90, 0x64, ...samples(413, f));
  const field = (text: string, length: number) => [
    ...Buffer.from(text),
    ...new Array<number>(length - text.length).fill(0),
  ];
  const id3v1 = [
    ...Buffer.from('TAG'),
    ...field('Statement', 30),
    ...field(NAME, 30),
    ...field('', 30),
    ...Buffer.from('2024'),
    ...field('Oran', 30),
    255,
  ];
  return Uint8Array.from([...id3, ...audio, ...id3v1]);
}

function wav(): Uint8Array {
  const u32le = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24];
  const u16le = (v: number) => [v & 255, v >> 8];
  const chunk = (id: string, body: number[]) => [
    ...Buffer.from(id),
    ...u32le(body.length),
    ...body,
    ...(body.length & 1 ? [0] : []),
  ];
  const info = (id: string, text: string) => chunk(id, [...ascii(text)]);
  const fmt = chunk('fmt ', [
    ...u16le(1),
    ...u16le(1),
    ...u32le(8000),
    ...u32le(16000),
    ...u16le(2),
    ...u16le(16),
  ]);
  const list = chunk('LIST', [
    ...Buffer.from('INFO'),
    ...info('IART', NAME),
    ...info('ICMT', 'Recorded in Oran'),
    ...info('ICRD', '2024-11-05'),
  ]);
  const data = chunk('data', [...samples(1600, 4)]);
  const body = [...Buffer.from('WAVE'), ...fmt, ...list, ...data];
  return Uint8Array.from([...Buffer.from('RIFF'), ...u32le(body.length), ...body]);
}

function flac(): Uint8Array {
  const u32le = (v: number) => [v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24];
  const block = (type: number, last: boolean, body: number[]) => [
    (last ? 0x80 : 0) | type,
    (body.length >> 16) & 255,
    (body.length >> 8) & 255,
    body.length & 255,
    ...body,
  ];
  // 4096-sample blocks, 8000 Hz, mono, 16 bits, 8000 samples, no MD5.
  const streamInfo = [
    ...u16be(4096),
    ...u16be(4096),
    0,
    0,
    0,
    0,
    0,
    0,
    0x01,
    0xf4,
    0x00,
    0xf0,
    0,
    0,
    0x1f,
    0x40,
    ...new Array<number>(16).fill(0),
  ];
  const comment = (text: string) => [...u32le(Buffer.byteLength(text)), ...Buffer.from(text)];
  const vendor = 'reference libFLAC 1.4.2 20221022';
  const comments = [`ARTIST=${NAME}`, 'LOCATION=Oran', 'DATE=2024-11-05'];
  const vorbis = [...comment(vendor), ...u32le(comments.length), ...comments.flatMap(comment)];
  const frames = [0xff, 0xf8, 0x69, 0x08, ...samples(700, 5)];
  return Uint8Array.from([
    ...Buffer.from('fLaC'),
    ...block(0, false, streamInfo),
    ...block(4, false, vorbis),
    ...block(1, true, new Array<number>(32).fill(0)),
    ...frames,
  ]);
}

writeFileSync(join(OUT, 'voice-gps.mov'), mov());
writeFileSync(join(OUT, 'voice.mp3'), mp3());
writeFileSync(join(OUT, 'voice.wav'), wav());
writeFileSync(join(OUT, 'voice.flac'), flac());
writeFileSync(join(OUT, 'photo-gps.tif'), tiff(true, 1));
writeFileSync(join(OUT, 'scan-author-be.tif'), tiff(false, 2));
writeFileSync(join(OUT, 'photo-gps.heic'), heif('heic'));
writeFileSync(join(OUT, 'photo-gps.avif'), heif('avif'));
console.log(`Wrote the TIFF, HEIF, MOV, MP3, WAV and FLAC fixtures to ${OUT}`);
