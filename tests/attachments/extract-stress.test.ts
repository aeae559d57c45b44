import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES } from '../../src/core/attachments/blob-format';
import { READ_BATCH_BYTES } from '../../src/core/attachments/file-source';
import { WORKER_HASH_THRESHOLD } from '../../src/core/attachments/hasher';
import { MAX_TEXT_SOURCE_BYTES } from '../../src/core/attachments/text/extract';
import { useTestVaults } from '../helpers/vault';
import { collect, fromBuffer, seededBytes, sha256File, sha256Hex } from './helpers';

/**
 * Chain of custody under load: many attachments in and out at once, around the sizes where the
 * code changes path (16 MiB: worker-thread hashing and the text-capture limit; 64 KiB chunks;
 * 1 MiB read batches), PDFs and text that pdf.js and the text extractors read at attach time,
 * and media-style range reads of the same attachment while it is being extracted. Every
 * extracted file is compared with its original through node:crypto, and the SHA-256 that
 * attach and extract report must be the real one of those bytes.
 *
 * On this machine a 1 MiB write to the page cache ends long before the next megabyte is
 * decrypted, so a buffer reused while its read or write is still in flight would go unnoticed.
 * The later rounds therefore run on a "slow disk": every FileHandle read and write first waits a
 * few milliseconds, which holds each buffer in flight while the pipeline moves on.
 */

const vaults = useTestVaults();
const ROUNDS = 3;
const MARKER = 'STRESS-MARKER-7f3a';
const T = WORKER_HASH_THRESHOLD;
const C = BLOB_CHUNK_BYTES;

/**
 * A valid one-page PDF of exactly `size` bytes saying `text`; the bulk is an unreferenced binary
 * stream object, so pdf.js parses the page quickly however large the file is.
 */
function makePdf(text: string, size: number, seed: string): Buffer {
  const build = (padLength: number) => {
    const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
    const parts: Buffer[] = [];
    const offsets: number[] = [];
    let length = 0;
    const add = (part: string | Buffer) => {
      const bytes = typeof part === 'string' ? Buffer.from(part, 'latin1') : part;
      parts.push(bytes);
      length += bytes.length;
    };
    add('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
    const objects: (string | [string, Buffer, string])[] = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      [`<< /Length ${padLength} >>\nstream\n`, seededBytes(padLength, seed), '\nendstream'],
    ];
    objects.forEach((object, i) => {
      offsets.push(length);
      add(`${i + 1} 0 obj\n`);
      if (typeof object === 'string') add(object);
      else object.forEach(add);
      add('\nendobj\n');
    });
    const xref = length;
    add(`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`);
    add(offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join(''));
    add(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
    return Buffer.concat(parts);
  };
  let pad = Math.max(0, size - build(0).length);
  // The /Length digits and xref offsets move with the padding: settle in a few steps.
  for (let i = 0; i < 4; i++) {
    const out = build(pad);
    if (out.length === size) return out;
    pad += size - out.length;
  }
  throw new Error(`cannot build a PDF of exactly ${size} bytes`);
}

/** UTF-8 text of exactly `size` bytes (Arabic and Latin), with the marker near the start. */
function makeText(size: number): Buffer {
  const line = Buffer.from('شهادة عن الاعتداء في الحي. Testimony about the raid, line.\n');
  const out = Buffer.alloc(size, 0x20);
  const head = Buffer.from(`${MARKER} transcript\n`);
  head.copy(out, 0);
  for (let at = head.length; at + line.length <= size; at += line.length) line.copy(out, at);
  return out;
}

interface Case {
  name: string;
  bytes: Buffer;
  /** How it comes in: from a file on disk, or as a stream of pieces (the app's uploads). */
  via: 'file' | { pieces: number };
  /** A phrase its extracted search text must hold, for the types that have text. */
  text?: string;
}

function cases(round: number): Case[] {
  const bin = (size: number, via: Case['via'] = 'file'): Case => ({
    name: `bin-${size}-r${round}.bin`,
    bytes: seededBytes(size, `stress-${size}-${round}`),
    via,
  });
  return [
    bin(T - 1),
    bin(T),
    bin(T + 1),
    bin(T + C - 1),
    bin(T + C + 1, { pieces: 4 * 1024 * 1024 }),
    bin(T + READ_BATCH_BYTES + 1, { pieces: C + 1 }),
    bin(READ_BATCH_BYTES),
    bin(C),
    bin(C + 1, { pieces: 1000 }),
    {
      // At the capture limit: kept for pdf.js and hashed on the worker thread.
      name: `large-r${round}.pdf`,
      bytes: makePdf(`${MARKER} large PDF`, MAX_TEXT_SOURCE_BYTES, `pdf-${round}`),
      via: 'file',
      text: `${MARKER} large PDF`,
    },
    {
      name: `small-r${round}.pdf`,
      bytes: makePdf(`${MARKER} small PDF`, 40_000 + round, `small-pdf-${round}`),
      via: { pieces: 4096 },
      text: `${MARKER} small PDF`,
    },
    {
      name: `transcript-r${round}.txt`,
      bytes: makeText(MAX_TEXT_SOURCE_BYTES),
      via: 'file',
      text: `${MARKER} transcript`,
    },
    {
      name: `over-limit-r${round}.pdf`,
      bytes: makePdf(`${MARKER} too large to read`, MAX_TEXT_SOURCE_BYTES + 1, `big-${round}`),
      via: 'file',
    },
  ];
}

/** Delays every FileHandle read and write (all of them: vault, sources, outputs); undo after. */
async function slowDisk(dir: string): Promise<() => void> {
  const probe = await open(join(dir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(probe) as FileHandle;
  await probe.close();
  const original = { read: proto.read, write: proto.write };
  let state = 0x9e3779b9;
  const pause = () => {
    // xorshift32: uneven delays, so that operations overtake one another.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return new Promise((resolve) => setTimeout(resolve, (state >>> 0) % 6));
  };
  const slowed = (fn: (...args: unknown[]) => Promise<unknown>) =>
    async function (this: FileHandle, ...args: unknown[]) {
      await pause();
      return fn.apply(this, args);
    };
  Object.assign(proto, {
    read: slowed(original.read as never),
    write: slowed(original.write as never),
  });
  return () => Object.assign(proto, original);
}

describe('extraction under concurrent load', () => {
  it(
    `${ROUNDS} rounds of concurrent attach, extract and range reads keep every byte and hash true`,
    { timeout: 240_000 },
    async () => {
      const { vault, dir } = await vaults.create();
      const recordId = vault.addRecord({ title: 'stress' }).id;
      const work = vaults.temp.make();
      const outDir = vaults.temp.make();
      const store = vault.attachments;

      let restore: (() => void) | null = null;
      try {
        for (let round = 0; round < ROUNDS; round++) {
          if (round === 1) restore = await slowDisk(vaults.temp.make());
          await stressRound(round);
        }
      } finally {
        restore?.();
      }
      expect(readdirSync(join(dir, 'blobs'))).toEqual([]);

      async function stressRound(round: number) {
        const all = cases(round);
        const infos = await Promise.all(
          all.map((c) => {
            if (c.via === 'file') {
              const path = join(work, c.name);
              writeFileSync(path, c.bytes);
              return store.attachFile(recordId, path);
            }
            return store.attachStream(recordId, fromBuffer(c.bytes, c.via.pieces), {
              name: c.name,
              expectedSize: c.bytes.length,
            });
          }),
        );
        all.forEach((c, i) => {
          const info = infos[i]!;
          expect(info.size, c.name).toBe(c.bytes.length);
          expect(info.sha256, `${c.name}: SHA-256 reported at attach`).toBe(sha256Hex(c.bytes));
        });

        // Extract everything at once while the PDFs are also read in ranges (the preview).
        const outputs = all.map((c) => join(outDir, `out-${c.name}`));
        const ranges = all.flatMap((c, i) =>
          c.name.endsWith('.pdf')
            ? [0, Math.floor(c.bytes.length / 2), c.bytes.length - 1].map(async (start) => {
                const end = Math.min(c.bytes.length - 1, start + 3 * C + 17);
                const got = await collect(store.readStream(infos[i]!.id, { start, end }));
                expect(got.equals(c.bytes.subarray(start, end + 1)), `${c.name} @${start}`).toBe(
                  true,
                );
              })
            : [],
        );
        const results = await Promise.all(
          all.map((_, i) => store.extract(infos[i]!.id, outputs[i]!, { force: true })),
        );
        await Promise.all(ranges);

        all.forEach((c, i) => {
          const result = results[i]!;
          const written = sha256File(outputs[i]!);
          expect(result.verified).toBe(true);
          expect(result.size, c.name).toBe(c.bytes.length);
          expect(statSync(outputs[i]!).size, c.name).toBe(c.bytes.length);
          expect(result.sha256, `${c.name}: reported SHA-256 is that of the file written`).toBe(
            written,
          );
          expect(written, `${c.name}: extracted bytes equal the original`).toBe(sha256Hex(c.bytes));
        });

        // pdf.js and the text extractor really read these at attach time.
        all.forEach((c, i) => {
          const text = store.text(infos[i]!.id);
          if (c.text) expect(text, c.name).toContain(c.text);
          else expect(text, c.name).toBeNull();
        });

        if (round === 0) {
          // The extracted text and the files themselves are in the vault only as ciphertext.
          for (const file of listFiles(dir)) {
            expect(readFileSync(file).includes(MARKER), file).toBe(false);
          }
        }
        for (const info of infos) store.detach(info.id);
        for (const name of readdirSync(work)) rmSync(join(work, name));
        for (const output of outputs) rmSync(output);
      }
    },
  );
});

function listFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
