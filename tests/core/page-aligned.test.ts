import { describe, expect, it } from 'vitest';
import { isPageAligned, pageAlignedBytes } from '../../src/core/fs/page-aligned';

const SIZES = [1, 4095, 4096, 4097, 65_535, 65_536, 65_537, 1024 * 1024 + 65_552 + 4096];

describe('pageAlignedBytes', () => {
  for (const size of SIZES) {
    it(`returns exactly ${size} zeroed, page-aligned bytes`, () => {
      const bytes = pageAlignedBytes(size);
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(bytes.length).toBe(size);
      expect(bytes.byteLength).toBe(size);
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.every((byte) => byte === 0)).toBe(true);
      expect(bytes.buffer).toBeInstanceOf(ArrayBuffer);
      expect(isPageAligned(bytes)).toBe(true);
      // Writable from end to end, and the view stops at `size`.
      bytes.fill(0xa5);
      expect(bytes[size - 1]).toBe(0xa5);
      expect(bytes[size]).toBeUndefined();
    });
  }

  it('gives a new, independent buffer on every call', () => {
    const a = pageAlignedBytes(4096);
    const b = pageAlignedBytes(4096);
    expect(a.buffer).not.toBe(b.buffer);
    a.fill(1);
    expect(b.every((byte) => byte === 0)).toBe(true);
  });

  it('shared: true gives memory backed by a SharedArrayBuffer, usable with Atomics', () => {
    const bytes = pageAlignedBytes(65_552, { shared: true });
    expect(bytes.length).toBe(65_552);
    expect(bytes.every((byte) => byte === 0)).toBe(true);
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(isPageAligned(bytes)).toBe(true);
    const words = new Int32Array(bytes.buffer, 0, 4);
    expect(Atomics.add(words, 1, 5)).toBe(0);
    expect(Atomics.compareExchange(words, 1, 5, 0x01020304)).toBe(5);
    expect(Atomics.load(words, 1)).toBe(0x01020304);
    expect(Atomics.notify(words, 0, 1)).toBe(0);
    // The same memory seen through the byte view (little-endian on every platform Node runs on).
    expect([...bytes.subarray(4, 8)]).toEqual([4, 3, 2, 1]);
    expect(Atomics.wait(words, 0, 1, 0)).toBe('not-equal');
  });

  it('shared: false is the same as no option', () => {
    const bytes = pageAlignedBytes(100, { shared: false });
    expect(bytes.buffer).toBeInstanceOf(ArrayBuffer);
    expect(bytes.buffer).not.toBeInstanceOf(SharedArrayBuffer);
    expect(isPageAligned(bytes)).toBe(true);
  });

  for (const size of [0, -1, 1.5, Number.NaN, Infinity, -Infinity, 2 ** 53]) {
    it(`refuses the size ${size} with a RangeError`, () => {
      expect(() => pageAlignedBytes(size)).toThrow(RangeError);
      expect(() => pageAlignedBytes(size, { shared: true })).toThrow(RangeError);
    });
  }
});

describe('isPageAligned', () => {
  it('is false for ordinary buffers', () => {
    expect(isPageAligned(new Uint8Array(4096))).toBe(false);
    expect(isPageAligned(new Uint8Array(new ArrayBuffer(65_536)))).toBe(false);
    expect(isPageAligned(new Uint8Array(new SharedArrayBuffer(65_536)))).toBe(false);
    expect(isPageAligned(Buffer.alloc(1024 * 1024))).toBe(false);
    expect(isPageAligned(Buffer.allocUnsafe(100))).toBe(false);
  });

  it('holds for views of aligned memory that start on a page boundary, and only those', () => {
    const bytes = pageAlignedBytes(3 * 4096);
    expect(isPageAligned(bytes.subarray(4096))).toBe(true);
    expect(isPageAligned(bytes.subarray(8192, 8193))).toBe(true);
    expect(isPageAligned(bytes.subarray(1))).toBe(false);
    expect(isPageAligned(bytes.subarray(16))).toBe(false);
    expect(isPageAligned(bytes.subarray(4095))).toBe(false);
    expect(isPageAligned(new Uint8Array(bytes.buffer, 4096, 10))).toBe(true);
  });

  it('is false for a copy of aligned memory', () => {
    const bytes = pageAlignedBytes(4096);
    expect(isPageAligned(bytes.slice())).toBe(false);
    expect(isPageAligned(Buffer.from(bytes))).toBe(false);
  });
});
