import type { SealedBlobSource } from './sealed-tokenizer';

/** One tag of a QuickTime/MP4 file that music-metadata does not name. */
export interface QuickTimeTag {
  group: 'udta' | 'mdta';
  name: string;
  value: string | number;
}

/** Boxes looked at per container, and bytes read per tag value: a hostile file cannot loop us. */
const MAX_BOXES = 1000;
const MAX_VALUE_BYTES = 4096;
/** 3GPP user-data strings (3GPP TS 26.244): full box, language, then the text. */
const THREE_GPP_STRINGS = new Set(['auth', 'cprt', 'perf', 'titl', 'dscp', 'albm', 'gnre']);

interface Box {
  type: string;
  /** Offset of the payload, and of the box's end. */
  body: number;
  end: number;
}

/**
 * The QuickTime tags phones and cameras write that music-metadata (which reads the iTunes `ilst`
 * list) leaves out or leaves unnamed: the `©xyz` location, `©mak`, `©mod`, `©ART`... text items
 * of `moov/udta` and `moov/trak/udta`, 3GPP strings (`auth`, `cprt`) and location (`loci`),
 * and the `mdta` keys of
 * `moov/meta` (com.apple.quicktime.location.ISO6709, make, model, author, creationdate) with
 * their values. Read through the blob source: the top-level boxes are skipped by their headers,
 * so `moov` after a large `mdat` costs a few chunks. Stops quietly at the first malformed box.
 */
export async function readQuickTimeTags(source: SealedBlobSource): Promise<QuickTimeTag[]> {
  const tags: QuickTimeTag[] = [];
  const moov = (await children(source, 0, source.size)).find((box) => box.type === 'moov');
  if (!moov) return tags;
  for (const box of await children(source, moov.body, moov.end)) {
    if (box.type === 'udta') await userData(source, box, tags);
    else if (box.type === 'meta') await mdtaMeta(source, box, tags);
    else if (box.type === 'trak') {
      for (const inner of await children(source, box.body, box.end))
        if (inner.type === 'udta') await userData(source, inner, tags);
    }
  }
  return tags;
}

async function userData(source: SealedBlobSource, udta: Box, tags: QuickTimeTag[]) {
  for (const box of await children(source, udta.body, udta.end)) {
    const bytes = await bytesOf(source, box);
    if (box.type.charCodeAt(0) === 0xa9) {
      // International text: a 16-bit length, a 16-bit language, the text; maybe several.
      for (let at = 0; at + 4 <= bytes.length;) {
        const length = (bytes[at]! << 8) | bytes[at + 1]!;
        const text = decodeText(bytes.subarray(at + 4, at + 4 + length));
        if (text) tags.push({ group: 'udta', name: box.type, value: text });
        if (length === 0) break;
        at += 4 + length;
      }
    } else if (box.type === 'loci') {
      const place = location3gpp(bytes);
      if (place) tags.push({ group: 'udta', name: 'loci', value: place });
    } else if (THREE_GPP_STRINGS.has(box.type) && bytes.length > 6) {
      const text = decodeText(bytes.subarray(6));
      if (text) tags.push({ group: 'udta', name: box.type, value: text });
    }
  }
}

async function mdtaMeta(source: SealedBlobSource, meta: Box, tags: QuickTimeTag[]) {
  // QuickTime's meta is a plain box, ISO's a full box (4 bytes of version and flags first).
  const probe = new Uint8Array(8);
  await source.read(probe, meta.body);
  const body = ascii(probe.subarray(4, 8)) === 'hdlr' ? meta.body : meta.body + 4;
  const boxes = await children(source, body, meta.end);
  const keysBox = boxes.find((box) => box.type === 'keys');
  const ilst = boxes.find((box) => box.type === 'ilst');
  if (!keysBox || !ilst) return;
  const keys: string[] = [];
  const raw = await bytesOf(source, keysBox, 64 * 1024);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let at = 8; at + 8 <= raw.length && keys.length < MAX_BOXES;) {
    const size = view.getUint32(at);
    if (size < 8 || at + size > raw.length) break;
    keys.push(decodeText(raw.subarray(at + 8, at + size)));
    at += size;
  }
  for (const item of await children(source, ilst.body, ilst.end)) {
    const index = item.type.split('').reduce((n, c) => n * 256 + c.charCodeAt(0), 0);
    const name = keys[index - 1];
    if (!name) continue;
    const data = (await children(source, item.body, item.end)).find((box) => box.type === 'data');
    if (!data) continue;
    const value = dataValue(await bytesOf(source, data));
    if (value !== null) tags.push({ group: 'mdta', name, value });
  }
}

/**
 * A 3GPP location box: full box, language, a place name (NUL-terminated), a role byte, then
 * longitude, latitude and altitude as 16.16 fixed point. As "name latitude,longitude".
 */
function location3gpp(bytes: Uint8Array): string | null {
  const nul = bytes.indexOf(0, 6);
  if (nul < 0 || nul + 14 > bytes.length) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const longitude = view.getInt32(nul + 2) / 65536;
  const latitude = view.getInt32(nul + 6) / 65536;
  const name = decodeText(bytes.subarray(6, nul));
  return `${name ? `${name} ` : ''}${latitude.toFixed(4)},${longitude.toFixed(4)}`;
}

/** A `data` box: 4 bytes of type, 4 of locale, then the value (QuickTime well-known types). */
function dataValue(bytes: Uint8Array): string | number | null {
  if (bytes.length < 8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = view.getUint32(0) & 0xffffff;
  const value = bytes.subarray(8);
  const v = new DataView(value.buffer, value.byteOffset, value.byteLength);
  if (type === 1) return decodeText(value) || null;
  if (type === 2) return new TextDecoder('utf-16be').decode(value) || null;
  if (type === 21 && value.length >= 1 && value.length <= 4) {
    // A signed big-endian integer of 1 to 4 bytes.
    const n = value.reduce((sum, byte) => sum * 256 + byte, 0);
    return value[0]! & 0x80 ? n - 2 ** (8 * value.length) : n;
  }
  if (type === 23 && value.length === 4) return v.getFloat32(0);
  if (type === 24 && value.length === 8) return v.getFloat64(0);
  return `(binary, ${value.length} bytes)`;
}

async function children(source: SealedBlobSource, from: number, to: number): Promise<Box[]> {
  const boxes: Box[] = [];
  const header = new Uint8Array(16);
  for (let at = from; at + 8 <= to && boxes.length < MAX_BOXES;) {
    const got = await source.read(header, at);
    if (got < 8) break;
    const view = new DataView(header.buffer);
    let size = view.getUint32(0);
    let body = at + 8;
    if (size === 1) {
      if (got < 16) break;
      size = Number(view.getBigUint64(8));
      body = at + 16;
    } else if (size === 0) size = to - at;
    if (size < body - at || at + size > to) break;
    boxes.push({ type: ascii(header.subarray(4, 8), true), body, end: at + size });
    at += size;
  }
  return boxes;
}

async function bytesOf(source: SealedBlobSource, box: Box, max = MAX_VALUE_BYTES) {
  const bytes = new Uint8Array(Math.min(max, box.end - box.body));
  const got = await source.read(bytes, box.body);
  return bytes.subarray(0, got);
}

function ascii(bytes: Uint8Array, latin1 = false): string {
  return String.fromCharCode(...bytes.map((b) => (latin1 || b < 0x80 ? b : 0x3f)));
}

function decodeText(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2)).replace(/\0+$/, '');
  return new TextDecoder('utf-8').decode(bytes).replace(/\0+$/, '');
}
