import { createCipheriv, createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Deterministic pseudo-random bytes (ChaCha20 keystream of a seed), written in 1 MiB pieces so
 * that files of hundreds of MiB are made in constant memory and fast, never committed.
 */
export function seededBytes(size: number, seed = 'tvault'): Buffer {
  return seededCipher(seed).update(Buffer.alloc(size));
}

function seededCipher(seed: string) {
  const key = createHash('sha256').update(seed).digest();
  return createCipheriv('chacha20', key, Buffer.alloc(16));
}

export function writeSeededFile(path: string, size: number, seed = 'tvault'): string {
  const cipher = seededCipher(seed);
  const zeros = Buffer.alloc(1024 * 1024);
  const fd = openSync(path, 'w');
  const hash = createHash('sha256');
  try {
    let left = size;
    while (left > 0) {
      const piece = cipher.update(zeros.subarray(0, Math.min(left, zeros.length)));
      hash.update(piece);
      let done = 0;
      while (done < piece.length) done += writeSync(fd, piece, done);
      left -= piece.length;
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha256File(path: string): string {
  return sha256Hex(readFileSync(path));
}

export async function collect(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

export async function* fromBuffer(bytes: Uint8Array, piece = 10_000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += piece) yield bytes.subarray(i, i + piece);
}

/** Awaits a promise expected to reject with a VaultError of `code`; returns the error. */
export async function expectCode(
  promise: Promise<unknown> | (() => unknown),
  code: string,
): Promise<Error & { code: string; details: Record<string, unknown> }> {
  let error: unknown = null;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (e) {
    error = e;
  }
  expect(error, `expected an error with code ${code}`).not.toBeNull();
  expect((error as { code?: string }).code, String(error)).toBe(code);
  return error as Error & { code: string; details: Record<string, unknown> };
}
