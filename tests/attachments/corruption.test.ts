import { readFileSync, readdirSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BLOB_CHUNK_BYTES,
  BLOB_HEADER_BYTES,
  chunkOffset,
} from '../../src/core/attachments/blob-format';
import { STREAM_SEALED_CHUNK_BYTES } from '../../src/core/crypto/stream';
import type { Vault } from '../../src/core/vault/vault';
import { useTestVaults } from '../helpers/vault';
import { collect, expectCode, fromBuffer, seededBytes } from './helpers';

const vaults = useTestVaults();
const SEALED = STREAM_SEALED_CHUNK_BYTES;

/** Five chunks: four full ones and a final one of 1000 bytes. */
const SIZE = BLOB_CHUNK_BYTES * 4 + 1000;

async function setup(size = SIZE) {
  const { vault, dir } = await vaults.create();
  const recordId = vault.addRecord({ title: 'r' }).id;
  const bytes = seededBytes(size, `corrupt-${size}`);
  const info = await vault.attachments.attachStream(recordId, fromBuffer(bytes, 100_000), {
    name: 'evidence.bin',
  });
  const blob = join(dir, 'blobs', info.id);
  return { vault, dir, recordId, bytes, info, blob, out: vaults.temp.make() };
}

function edit(path: string, change: (bytes: Buffer) => Buffer): void {
  writeFileSync(path, change(readFileSync(path)));
}

function flipAt(offset: number) {
  return (bytes: Buffer) => {
    const copy = Buffer.from(bytes);
    const index = offset < 0 ? copy.length + offset : offset;
    copy[index] = copy[index]! ^ 0x20;
    return copy;
  };
}

/** Every read path fails with INTEGRITY.FAILED naming the attachment, leaving no output. */
async function expectDetected(vault: Vault, id: string, outDir: string): Promise<void> {
  const out = join(outDir, 'extracted.bin');
  const error = await expectCode(vault.attachments.extract(id, out), 'INTEGRITY.FAILED');
  expect(error.message).toContain(`attachment ${id}`);
  expect(error.details.id).toBe(id);
  expect(readdirSync(outDir)).toEqual([]);
  await expectCode(collect(vault.attachments.readStream(id)), 'INTEGRITY.FAILED');
  await expectCode(vault.attachments.verify(id), 'INTEGRITY.FAILED');
}

describe('blob corruption is detected', () => {
  it('the untouched blob reads back (control)', async () => {
    const { vault, info, bytes, out } = await setup();
    expect((await collect(vault.attachments.readStream(info.id))).equals(bytes)).toBe(true);
    expect((await vault.attachments.extract(info.id, join(out, 'ok.bin'))).verified).toBe(true);
  });

  const cases: Record<string, (blob: string) => void> = {
    'a flipped byte in the magic': (blob) => edit(blob, flipAt(2)),
    'a flipped byte in the chunk-size field': (blob) => edit(blob, flipAt(10)),
    'a flipped byte in the reserved header field': (blob) => edit(blob, flipAt(14)),
    'a flipped byte in a middle chunk': (blob) => edit(blob, flipAt(chunkOffset(2) + 5000)),
    'a flipped byte in the last chunk': (blob) => edit(blob, flipAt(-500)),
    'a flipped byte in the last tag': (blob) => edit(blob, flipAt(-1)),
    'truncated at a chunk boundary (first two chunks kept)': (blob) =>
      truncateSync(blob, chunkOffset(2)),
    'the final chunk dropped': (blob) => truncateSync(blob, chunkOffset(4)),
    'truncated in the middle of a chunk': (blob) => truncateSync(blob, chunkOffset(3) + 100),
    'truncated to nothing': (blob) => truncateSync(blob, 0),
    'two chunks swapped': (blob) =>
      edit(blob, (b) => {
        const copy = Buffer.from(b);
        b.copy(copy, chunkOffset(1), chunkOffset(2), chunkOffset(2) + SEALED);
        b.copy(copy, chunkOffset(2), chunkOffset(1), chunkOffset(1) + SEALED);
        return copy;
      }),
    'a chunk appended (a copy of the first)': (blob) =>
      edit(blob, (b) => Buffer.concat([b, b.subarray(chunkOffset(0), chunkOffset(1))])),
    'a copy of the final chunk appended': (blob) =>
      edit(blob, (b) => Buffer.concat([b, b.subarray(chunkOffset(4))])),
    'the blob file missing': (blob) => renameSync(blob, `${blob}-gone`),
  };
  for (const [label, corrupt] of Object.entries(cases)) {
    it(label, async () => {
      const { vault, info, blob, out } = await setup();
      corrupt(blob);
      await expectDetected(vault, info.id, out);
    });
  }

  it('the final chunk replaced by an earlier one (same length: only STREAM can tell)', async () => {
    // Four full chunks: dropping the last and appending a copy of chunk 1 keeps the length.
    const { vault, info, blob, out } = await setup(BLOB_CHUNK_BYTES * 4);
    edit(blob, (b) => {
      const copy = Buffer.from(b);
      b.copy(copy, chunkOffset(3), chunkOffset(1), chunkOffset(2));
      return copy;
    });
    await expectDetected(vault, info.id, out);
  });

  it('damage far into a large blob, after earlier batches were already written out', async () => {
    const { vault, info, blob, out } = await setup(BLOB_CHUNK_BYTES * 40 + 7);
    edit(blob, flipAt(chunkOffset(35) + 9));
    await expectDetected(vault, info.id, out);
  });

  it("two attachments' blobs swapped (same size)", async () => {
    const { vault, dir, recordId, info, out } = await setup();
    const other = await vault.attachments.attachStream(
      recordId,
      fromBuffer(seededBytes(SIZE, 'other')),
      { name: 'other.bin' },
    );
    const a = join(dir, 'blobs', info.id);
    const b = join(dir, 'blobs', other.id);
    renameSync(a, `${a}.tmp`);
    renameSync(b, a);
    renameSync(`${a}.tmp`, b);
    await expectDetected(vault, info.id, out);
    await expectDetected(vault, other.id, out);
  });

  it('an empty attachment whose only (empty, final) chunk is dropped', async () => {
    const { vault, info, blob, out } = await setup(0);
    expect(readFileSync(blob).length).toBe(BLOB_HEADER_BYTES + 16);
    truncateSync(blob, BLOB_HEADER_BYTES);
    await expectDetected(vault, info.id, out);
  });
});

describe('row tampering is detected', () => {
  it('a row moved to another record', async () => {
    const { vault, info } = await setup();
    const otherRecord = vault.addRecord({ title: 'other' }).id;
    vault.db.prepare('UPDATE attachments SET record_id = ? WHERE id = ?').run(otherRecord, info.id);
    await expectCode(() => vault.attachments.get(info.id), 'INTEGRITY.FAILED');
    await expectCode(() => vault.attachments.list(otherRecord), 'INTEGRITY.FAILED');
  });

  it("metadata or key copied from another attachment's row", async () => {
    const { vault, recordId, info } = await setup();
    const other = await vault.attachments.attachStream(recordId, fromBuffer(Buffer.from('x')), {
      name: 'x',
    });
    vault.db
      .prepare(
        'UPDATE attachments SET meta = (SELECT meta FROM attachments WHERE id = ?) WHERE id = ?',
      )
      .run(other.id, info.id);
    await expectCode(() => vault.attachments.get(info.id), 'INTEGRITY.FAILED');
    vault.db
      .prepare(
        'UPDATE attachments SET wrapped_key = (SELECT wrapped_key FROM attachments WHERE id = ?) WHERE id = ?',
      )
      .run(info.id, other.id);
    await expectCode(() => vault.attachments.get(other.id), 'INTEGRITY.FAILED');
  });
});
