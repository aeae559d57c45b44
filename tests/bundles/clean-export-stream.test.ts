import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanBytes } from '../../src/core/attachments/clean/clean-file';
import { ExportedFiles } from '../../src/core/bundles/exported-files';
import type { AttachmentInfo } from '../../src/shared/attachments/types';
import { IntegrityError } from '../../src/shared/errors';

// A video far above what is cleaned in memory (256 MiB) is cleaned as it streams by: only its
// headers are read to plan, and the copy's pieces are the blob's pieces. The video is virtual
// (voice-gps.mov with 300 MiB of zero samples, served in 1 MiB pieces), so no test writes or
// holds 300 MiB; memory itself is measured by the benchmark (bench/evidence.ts).

const MIB = 1024 * 1024;
const fixture = new Uint8Array(
  readFileSync(new URL('../fixtures/metadata/voice-gps.mov', import.meta.url)),
);
const view = Buffer.from(fixture);
const mdatAt = view.readUInt32BE(0); // after ftyp
const moovAt = mdatAt + view.readUInt32BE(mdatAt);

/** ftyp, an mdat header for `samples` bytes, then moov: the parts around the samples. */
function parts(of: Uint8Array, samples: number) {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + samples);
  header.write('mdat', 4, 'latin1');
  const at = Buffer.from(of);
  const tail = at.readUInt32BE(0) + at.readUInt32BE(at.readUInt32BE(0));
  return { head: Buffer.concat([of.subarray(0, mdatAt), header]), tail: of.subarray(tail) };
}

/** A virtual file: head, `samples` zero bytes, tail; read in pieces of at most 1 MiB. */
function virtual(head: Uint8Array, samples: number, tail: Uint8Array) {
  const size = head.length + samples + tail.length;
  const zeros = new Uint8Array(MIB);
  const stats = { rangeBytes: 0, largestPiece: 0 };
  async function* read(start: number, end: number) {
    for (let at = start; at <= end;) {
      let piece: Uint8Array;
      if (at < head.length) piece = head.subarray(at, Math.min(head.length, end + 1));
      else if (at < head.length + samples)
        piece = zeros.subarray(0, Math.min(MIB, head.length + samples - at, end + 1 - at));
      else piece = tail.subarray(at - head.length - samples, end + 1 - head.length - samples);
      stats.largestPiece = Math.max(stats.largestPiece, piece.length);
      yield piece;
      at += piece.length;
    }
  }
  const reader = (_id: string, range?: { start: number; end: number }) => {
    if (range) stats.rangeBytes += range.end - range.start + 1;
    return read(range?.start ?? 0, range?.end ?? size - 1);
  };
  return { size, reader, stats };
}

async function sha256Of(source: AsyncIterable<Uint8Array>) {
  const hash = createHash('sha256');
  let size = 0;
  for await (const piece of source) {
    hash.update(piece);
    size += piece.length;
  }
  return { sha256: hash.digest('hex'), size };
}

const info = (size: number, sha256: string) =>
  ({ id: 'f'.repeat(32), size, sha256, mime: 'video/quicktime' }) as AttachmentInfo;

describe('streamed cleaning of a big video', () => {
  it('a 300 MiB MOV is cleaned from its headers; both hashes from one pass; copy as planned', async () => {
    const samples = 300 * MIB;
    const { head, tail } = parts(fixture, samples);
    const big = virtual(head, samples, tail);
    const original = await sha256Of(big.reader('x'));
    // What the copy must be: the same cleaning done in memory on a small file of the same form.
    const small = new Uint8Array(
      Buffer.concat([
        head.subarray(0, mdatAt),
        Buffer.alloc(8),
        new Uint8Array(16),
        fixture.subarray(moovAt),
      ]),
    );
    Buffer.from(small.buffer).writeUInt32BE(8 + 16, mdatAt);
    Buffer.from(small.buffer).write('mdat', mdatAt + 4, 'latin1');
    const cleanedSmall = (await cleanBytes(small, 'mp4')).bytes;
    const expected = parts(cleanedSmall, samples);
    expect(Buffer.from(expected.tail).includes('+35.69')).toBe(false);
    const want = await sha256Of(virtual(expected.head, samples, expected.tail).reader('x'));

    const files = new ExportedFiles(big.reader, false);
    big.stats.rangeBytes = 0;
    const sent = await files.plan(info(big.size, original.sha256));
    expect(sent).toEqual({
      id: 'f'.repeat(32),
      form: 'cleaned',
      size: big.size,
      sha256: want.sha256,
      removed: ['media-tags'],
    });
    // Planning read headers only: a few windows of the blob, not the 300 MiB.
    expect(big.stats.rangeBytes).toBeLessThan(4 * MIB);
    big.stats.largestPiece = 0;
    const copy = await sha256Of(files.content('f'.repeat(32)));
    expect(copy).toEqual(want);
    expect(big.stats.largestPiece).toBeLessThanOrEqual(MIB);
  });

  it('a blob whose bytes do not match the vault fingerprint stops the export', async () => {
    const { head, tail } = parts(fixture, 2 * MIB);
    const big = virtual(head, 2 * MIB, tail);
    const files = new ExportedFiles(big.reader, false);
    await expect(files.plan(info(big.size, '0'.repeat(64)))).rejects.toBeInstanceOf(IntegrityError);
  });
});
