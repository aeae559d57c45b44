import type { CleanEdits, Edit, ReadRange } from './edits';
import { DamagedFileError, type RemovedPart, sortedParts } from './types';

/**
 * Ogg (RFC 3533) with Opus (RFC 7845), Vorbis, Theora or Speex streams: each logical stream's
 * second packet is its comment header, a Vorbis comment (vendor string, then ARTIST, ENCODER,
 * LOCATION, DATE, METADATA_BLOCK_PICTURE...). It is emptied in place: the same length, its
 * magic kept, an empty vendor string, no comment (Vorbis: the framing bit), then zeros, which
 * decoders skip (RFC 7845 5.2 allows padding after the list; Vorbis and Theora readers stop at
 * the end of the list). The packet keeps its pages, lacing and the pages' sequence numbers; the
 * CRC of each page it spans is computed again. Nothing else changes: audio pages, granule
 * positions and the other headers are the same bytes. Every page header of the file is walked,
 * since a chained file starts new streams (with their own tags) anywhere.
 */

type Codec = 'opus' | 'vorbis' | 'theora' | 'speex' | 'skeleton';

/** Where a stream's comment packet lies: its pieces, page by page. */
interface Fragment {
  page: number;
  pageEnd: number;
  start: number;
  end: number;
}

interface Stream {
  codec: Codec;
  /** The packet the next segment belongs to. */
  packet: number;
  comment: Fragment[];
}

const MAX_PAGES = 5_000_000;
/**
 * Pages spanned by comment headers, in all: each costs a few edits held until the copy is
 * written. A 10 MB cover picture spans about 160 pages of 64 KiB; a hostile file laying its
 * comment over a million tiny pages would otherwise hold a million edits.
 */
const MAX_COMMENT_PAGES = 20_000;

export async function planOgg(read: ReadRange, size: number): Promise<CleanEdits> {
  const damaged = (reason: string) => new DamagedFileError('ogg', reason);
  const streams = new Map<number, Stream>();
  const done: Stream[] = [];
  let pages = 0;
  let commentPages = 0;
  for (let pos = 0; pos < size; pages += 1) {
    if (pages > MAX_PAGES) throw damaged('too many pages');
    if (pos + 27 > size) throw damaged('truncated page header');
    const head = await read(pos, pos + 27);
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    if (ascii(head, 0, 4) !== 'OggS' || head[4] !== 0) throw damaged(`no page at byte ${pos}`);
    const flags = head[5]!;
    const serial = view.getUint32(14, true);
    const count = head[26]!;
    if (pos + 27 + count > size) throw damaged('truncated segment table');
    const lacing = await read(pos + 27, pos + 27 + count);
    const dataStart = pos + 27 + count;
    let dataEnd = dataStart;
    for (const l of lacing) dataEnd += l;
    if (dataEnd > size) throw damaged('page runs past the end');
    let stream = streams.get(serial);
    if (flags & 0x02) {
      if (stream && stream.packet < 2) throw damaged('a stream restarts before its comment header');
      const first = await read(dataStart, Math.min(dataEnd, dataStart + 8));
      stream = { codec: codecOf(first, damaged), packet: 0, comment: [] };
      streams.set(serial, stream);
    } else if (!stream) throw damaged('a page of a stream that has no first page');
    if (stream.packet < 2 && stream.codec !== 'skeleton') {
      let at = dataStart;
      for (const l of lacing) {
        if (stream.packet === 1 && l > 0) {
          const last = stream.comment[stream.comment.length - 1];
          if (last?.page === pos && last.end === at) last.end += l;
          else {
            if (++commentPages > MAX_COMMENT_PAGES)
              throw damaged('comment headers spread over too many pages');
            stream.comment.push({ page: pos, pageEnd: dataEnd, start: at, end: at + l });
          }
        }
        at += l;
        if (l < 255) {
          if (stream.packet === 1) done.push(stream);
          stream.packet += 1;
          if (stream.packet === 2) break;
        }
      }
    }
    pos = dataEnd;
  }
  for (const stream of streams.values())
    if (stream.codec !== 'skeleton' && stream.packet < 2)
      throw damaged('the file ends inside a comment header');
  const edits: Edit[] = [];
  let changed = false;
  for (const stream of done)
    changed = (await emptyComment(read, stream, edits, damaged)) || changed;
  edits.sort((a, b) => a.start - b.start);
  const removed: RemovedPart[] = changed ? ['media-tags'] : [];
  return changed ? { edits, removed: sortedParts(removed) } : { edits: [], removed: [] };
}

/** Adds the edits that empty one stream's comment packet; false when it is empty already. */
async function emptyComment(
  read: ReadRange,
  stream: Stream,
  edits: Edit[],
  damaged: (reason: string) => DamagedFileError,
): Promise<boolean> {
  const length = stream.comment.reduce((n, f) => n + f.end - f.start, 0);
  const magic = MAGIC[stream.codec];
  const prefix = new Uint8Array(magic.length + 8 + (stream.codec === 'vorbis' ? 1 : 0));
  prefix.set(magic);
  if (stream.codec === 'vorbis') prefix[prefix.length - 1] = 1; // the framing bit
  if (length < prefix.length) throw damaged('comment header too short');
  const pages: Edit[] = [];
  let offset = 0; // in the packet
  let changed = false;
  for (let i = 0; i < stream.comment.length;) {
    const page = stream.comment[i]!.page;
    const bytes = new Uint8Array(await read(page, stream.comment[i]!.pageEnd));
    if (crc32(withoutCrc(bytes)) !== new DataView(bytes.buffer).getUint32(22, true))
      throw damaged(`bad checksum in the page at byte ${page}`);
    for (; i < stream.comment.length && stream.comment[i]!.page === page; i += 1) {
      const { start, end } = stream.comment[i]!;
      if (offset === 0 && !startsWith(bytes.subarray(start - page), magic))
        throw damaged(`a ${stream.codec} comment header without its magic`);
      for (let at = start; at < end; at += 1, offset += 1) {
        const value = offset < prefix.length ? prefix[offset]! : 0;
        if (bytes[at - page] !== value) changed = true;
        bytes[at - page] = value;
      }
      const inPrefix = Math.max(0, Math.min(end - start, prefix.length - (offset - (end - start))));
      if (inPrefix > 0)
        pages.push({
          start,
          end: start + inPrefix,
          bytes: bytes.slice(start - page, start - page + inPrefix),
        });
      if (end - start > inPrefix)
        pages.push({ start: start + inPrefix, end, zeros: end - start - inPrefix });
    }
    const crc = new Uint8Array(4);
    new DataView(crc.buffer).setUint32(0, crc32(withoutCrc(bytes)), true);
    pages.push({ start: page + 22, end: page + 26, bytes: crc });
  }
  if (changed) edits.push(...pages);
  return changed;
}

const MAGIC: Record<Codec, Uint8Array> = {
  opus: Buffer.from('OpusTags', 'latin1'),
  vorbis: Buffer.from('\x03vorbis', 'latin1'),
  theora: Buffer.from('\x81theora', 'latin1'),
  speex: new Uint8Array(0),
  skeleton: new Uint8Array(0),
};

function codecOf(first: Uint8Array, damaged: (reason: string) => DamagedFileError): Codec {
  const text = ascii(first, 0, 8);
  if (text === 'OpusHead') return 'opus';
  if (text.startsWith('\x01vorbis')) return 'vorbis';
  if (text.startsWith('\x80theora')) return 'theora';
  if (text === 'Speex   ') return 'speex';
  if (text === 'fishead\0') return 'skeleton';
  throw damaged('a stream of a codec that is not cleaned (not Opus, Vorbis, Theora or Speex)');
}

function withoutCrc(page: Uint8Array): Uint8Array {
  const copy = new Uint8Array(page);
  copy.fill(0, 22, 26);
  return copy;
}

function startsWith(bytes: Uint8Array, magic: Uint8Array): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value and final XOR 0. */
const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i += 1) {
    let r = i << 24;
    for (let k = 0; k < 8; k += 1) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) ^ TABLE[((crc >>> 24) ^ b) & 0xff]!) >>> 0;
  return crc;
}
