/**
 * Byte-level helpers for the segment format: a growable writer, a bounds-checked reader,
 * LEB128 varints, UTF-8 and CRC-32. Pure ECMAScript (no Buffer, no DOM), so the same code runs
 * in Node, in the CLI bundle and in a Web Worker.
 */
import { InvalidInputError } from '../errors';

interface Utf8Codec {
  encode(text: string): Uint8Array;
  decode(bytes: Uint8Array): string;
}

// src/shared compiles against ES2024 alone (no DOM, no Node types), where the WHATWG encoding
// API is not declared; every runtime the engine runs in (Node, Electron's renderer, a Web Worker)
// has it, so it is declared here rather than reimplemented.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: true },
) => { decode(bytes: Uint8Array): string };

function makeUtf8(): Utf8Codec {
  const enc = new TextEncoder();
  const dec = new TextDecoder('utf-8', { fatal: true });
  return {
    encode: (text) => enc.encode(text),
    decode: (bytes) => {
      try {
        return dec.decode(bytes);
      } catch {
        throw new InvalidInputError('Search index segment is malformed: invalid UTF-8.');
      }
    },
  };
}

export const utf8: Utf8Codec = makeUtf8();

/** CRC-32 (IEEE) tables for slicing-by-8: eight bytes per step. */
const CRC_TABLES = (() => {
  const t = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = t[n] as number;
    for (let k = 1; k < 8; k++) {
      c = (t[c & 0xff] as number) ^ (c >>> 8);
      t[k * 256 + n] = c >>> 0;
    }
  }
  return t;
})();

/** CRC-32 (IEEE), to reject damaged segment bytes at load instead of failing at query time. */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  const t = CRC_TABLES;
  let c = 0xffffffff;
  let i = start;
  for (; i + 8 <= end; i += 8) {
    const a =
      (c ^
        ((bytes[i] as number) |
          ((bytes[i + 1] as number) << 8) |
          ((bytes[i + 2] as number) << 16) |
          ((bytes[i + 3] as number) << 24))) >>>
      0;
    c =
      (t[1792 + (a & 0xff)] as number) ^
      (t[1536 + ((a >>> 8) & 0xff)] as number) ^
      (t[1280 + ((a >>> 16) & 0xff)] as number) ^
      (t[1024 + (a >>> 24)] as number) ^
      (t[768 + (bytes[i + 4] as number)] as number) ^
      (t[512 + (bytes[i + 5] as number)] as number) ^
      (t[256 + (bytes[i + 6] as number)] as number) ^
      (t[bytes[i + 7] as number] as number);
  }
  for (; i < end; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export class ByteWriter {
  private buf: Uint8Array;
  private pos = 0;

  constructor(initial = 1024) {
    this.buf = new Uint8Array(Math.max(16, initial));
  }

  get length(): number {
    return this.pos;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v & 0xff;
  }

  u32(v: number): void {
    this.ensure(4);
    const b = this.buf;
    b[this.pos++] = v & 0xff;
    b[this.pos++] = (v >>> 8) & 0xff;
    b[this.pos++] = (v >>> 16) & 0xff;
    b[this.pos++] = (v >>> 24) & 0xff;
  }

  /** Unsigned LEB128, up to 2^53. */
  varint(v: number): void {
    this.ensure(8);
    const b = this.buf;
    while (v >= 0x80) {
      b[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    b[this.pos++] = v;
  }

  bytes(data: Uint8Array): void {
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  /** data[from, to), byte by byte: no subarray per call (a merge copies millions of postings). */
  range(data: Uint8Array, from: number, to: number): void {
    this.ensure(to - from);
    const b = this.buf;
    for (let i = from; i < to; i++) b[this.pos++] = data[i] as number;
  }

  /** Length-prefixed UTF-8 string. */
  string(s: string): void {
    const data = utf8.encode(s);
    this.varint(data.length);
    this.bytes(data);
  }

  /** Length-prefixed byte block. */
  block(data: Uint8Array): void {
    this.varint(data.length);
    this.bytes(data);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** A view on the written bytes (no copy); valid until the next write. */
  view(): Uint8Array {
    return this.buf.subarray(0, this.pos);
  }
}

export function malformed(what: string): InvalidInputError {
  return new InvalidInputError(`Search index segment is malformed: ${what}.`);
}

/** Reads with bounds checks; every failure is an InvalidInputError. */
export class ByteReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  u8(): number {
    if (this.pos >= this.end) throw malformed('unexpected end of data');
    return this.buf[this.pos++] as number;
  }

  u32(): number {
    if (this.pos + 4 > this.end) throw malformed('unexpected end of data');
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (
      ((b[p] as number) |
        ((b[p + 1] as number) << 8) |
        ((b[p + 2] as number) << 16) |
        ((b[p + 3] as number) << 24)) >>>
      0
    );
  }

  varint(): number {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      if (this.pos >= this.end) throw malformed('unexpected end of data');
      const byte = this.buf[this.pos++] as number;
      result += (byte & 0x7f) * mul;
      if (byte < 0x80) return result;
      mul *= 0x80;
    }
    throw malformed('varint too long');
  }

  /** A varint that must not exceed `max` (counts, lengths, indexes). */
  count(max: number, what: string): number {
    const v = this.varint();
    if (v > max) throw malformed(`${what} out of range`);
    return v;
  }

  bytes(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.end) throw malformed('unexpected end of data');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  string(): string {
    const n = this.count(this.remaining, 'string length');
    return utf8.decode(this.bytes(n));
  }

  block(): Uint8Array {
    const n = this.count(this.remaining, 'block length');
    return this.bytes(n);
  }
}
