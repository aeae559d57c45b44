import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLOB_CHUNK_BYTES, blobFileLength } from '../../src/core/attachments/blob-format';
import { useTestVaults } from '../helpers/vault';
import {
  collect,
  expectCode,
  fromBuffer,
  seededBytes,
  sha256File,
  sha256Hex,
  writeSeededFile,
} from './helpers';

const vaults = useTestVaults();

async function setup() {
  const { vault, dir } = await vaults.create();
  const record = vault.addRecord({ title: 'evidence holder' });
  return { vault, dir, recordId: record.id, work: vaults.temp.make() };
}

describe('round trip', () => {
  const sizes = {
    empty: 0,
    'one byte': 1,
    'exactly one chunk': BLOB_CHUNK_BYTES,
    'one chunk plus one byte': BLOB_CHUNK_BYTES + 1,
    'several chunks, not aligned': BLOB_CHUNK_BYTES * 17 + 12_345,
  };
  for (const [label, size] of Object.entries(sizes)) {
    it(`${label} (${size} bytes): attach, list, read, extract; SHA-256 as node:crypto computes it`, async () => {
      const { vault, dir, recordId, work } = await setup();
      const source = join(work, `file-${size}.bin`);
      const bytes = seededBytes(size, label);
      writeFileSync(source, bytes);
      const expected = sha256Hex(bytes);

      const info = await vault.attachments.attachFile(recordId, source, { description: 'desc' });
      expect(info).toMatchObject({
        recordId,
        name: `file-${size}.bin`,
        size,
        sha256: expected,
        description: 'desc',
      });
      expect(info.modifiedAt).toBe(statSync(source).mtime.toISOString());
      expect(statSync(join(dir, 'blobs', info.id)).size).toBe(blobFileLength(size));
      expect(vault.attachments.list(recordId)).toEqual([info]);
      expect(vault.attachments.get(info.id)).toEqual(info);

      expect((await collect(vault.attachments.readStream(info.id))).equals(bytes)).toBe(true);
      const out = join(work, 'out.bin');
      const result = await vault.attachments.extract(info.id, out);
      expect(result).toEqual({ path: out, size, sha256: expected, verified: true });
      expect(sha256File(out)).toBe(expected);
      expect(readdirSync(work).sort()).toEqual(['file-' + size + '.bin', 'out.bin'].sort());
      expect(await vault.attachments.verify(info.id)).toMatchObject({
        sha256: expected,
        verified: true,
      });
    });
  }

  it('the chunking does not depend on how the source cuts its pieces', async () => {
    const { vault, dir, recordId } = await setup();
    const C = BLOB_CHUNK_BYTES;
    for (const size of [C, 2 * C, 3 * C + 1, 17 * C]) {
      const bytes = seededBytes(size, `pieces-${size}`);
      for (const piece of [1000, C - 1, C, C + 1, 2 * C, 1024 * 1024, size]) {
        const info = await vault.attachments.attachStream(recordId, fromBuffer(bytes, piece), {
          name: `${size}-${piece}`,
        });
        expect(statSync(join(dir, 'blobs', info.id)).size).toBe(blobFileLength(size));
        const back = await collect(vault.attachments.readStream(info.id));
        expect(back.equals(bytes), `size ${size}, pieces of ${piece}`).toBe(true);
        vault.attachments.detach(info.id);
      }
    }
  });

  it('attachStream: any iterable of pieces, progress reported, a partner id kept, reopen reads it', async () => {
    const { vault, dir, recordId } = await setup();
    const bytes = seededBytes(300_001, 'stream');
    const progress: number[] = [];
    const id = 'ab'.repeat(16);
    const info = await vault.attachments.attachStream(
      recordId,
      fromBuffer(bytes, 7_777),
      {
        name: 'from-partner.bin',
        id,
        expectedSha256: sha256Hex(bytes).toUpperCase(),
        expectedSize: bytes.length,
        modifiedAt: '2024-05-01T10:00:00.000Z',
      },
      { onProgress: (done) => progress.push(done) },
    );
    expect(info.id).toBe(id);
    expect(info.modifiedAt).toBe('2024-05-01T10:00:00.000Z');
    expect(progress.at(-1)).toBe(bytes.length);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    vault.close();
    const again = await vaults.open(dir);
    expect(again.attachments.get(id)).toEqual(info);
    expect((await collect(again.attachments.readStream(id))).equals(bytes)).toBe(true);
  });

  it('a large file (256 MiB, generated here) round-trips with the right SHA-256', async () => {
    const { vault, recordId, work } = await setup();
    const size = 256 * 1024 * 1024 + 4321;
    const source = join(work, 'large.bin');
    const expected = writeSeededFile(source, size, 'large');
    const info = await vault.attachments.attachFile(recordId, source);
    expect(info.sha256).toBe(expected);
    expect(info.size).toBe(size);
    const out = join(work, 'large.out');
    const result = await vault.attachments.extract(info.id, out);
    expect(result.sha256).toBe(expected);
    expect(sha256File(out)).toBe(expected);
  }, 180_000);

  it('refuses a wrong expected SHA-256 or size and keeps nothing', async () => {
    const { vault, dir, recordId } = await setup();
    const bytes = seededBytes(100_000, 'x');
    await expectCode(
      vault.attachments.attachStream(recordId, fromBuffer(bytes), {
        name: 'a',
        expectedSha256: '0'.repeat(64),
      }),
      'INTEGRITY.FAILED',
    );
    await expectCode(
      vault.attachments.attachStream(recordId, fromBuffer(bytes), {
        name: 'a',
        expectedSize: 99_999,
      }),
      'INTEGRITY.FAILED',
    );
    await expectCode(
      vault.attachments.attachStream(recordId, fromBuffer(bytes), {
        name: 'a',
        expectedSize: 100_001,
      }),
      'INTEGRITY.FAILED',
    );
    expect(vault.attachments.list(recordId)).toEqual([]);
    expect(readdirSync(join(dir, 'blobs'))).toEqual([]);
  });

  it('refuses bad input with typed errors and leaves the vault as it was', async () => {
    const { vault, dir, recordId, work } = await setup();
    const file = join(work, 'f.txt');
    writeFileSync(file, 'hello');
    await expectCode(vault.attachments.attachFile('f'.repeat(32), file), 'RECORD.NOT_FOUND');
    await expectCode(vault.attachments.attachFile('../etc', file), 'RECORD.NOT_FOUND');
    await expectCode(vault.attachments.attachFile(recordId, join(work, 'missing.txt')), 'FILE.IO');
    await expectCode(vault.attachments.attachFile(recordId, work), 'FILE.IO');
    await expectCode(vault.attachments.attachFile(recordId, ''), 'INPUT.INVALID');
    await expectCode(
      vault.attachments.attachStream(recordId, fromBuffer(Buffer.from('x')), {
        name: 'a',
        id: 'nothex',
      }),
      'INPUT.INVALID',
    );
    await expectCode(
      vault.attachments.attachStream(recordId, fromBuffer(Buffer.from('x')), {
        name: 'a',
        modifiedAt: 'yesterday',
      }),
      'INPUT.INVALID',
    );
    await expectCode(
      vault.attachments.attachStream(recordId, fromBuffer(Buffer.from('x')), {
        name: 'a'.repeat(5000),
      }),
      'INPUT.INVALID',
    );
    await expectCode(
      // A source that yields strings is a programming error at the boundary: typed, nothing kept.
      vault.attachments.attachStream(
        recordId,
        (async function* () {
          yield 'text' as unknown as Uint8Array;
        })(),
        { name: 'a' },
      ),
      'INPUT.INVALID',
    );
    await expectCode(
      vault.attachments.attachStream(recordId, null as unknown as AsyncIterable<Uint8Array>, {
        name: 'a',
      }),
      'INPUT.INVALID',
    );
    const failing = (async function* () {
      yield new Uint8Array(200_000);
      throw new Error('the network went away');
    })();
    await expect(vault.attachments.attachStream(recordId, failing, { name: 'a' })).rejects.toThrow(
      'the network went away',
    );
    const first = await vault.attachments.attachStream(recordId, fromBuffer(Buffer.from('x')), {
      name: 'a',
    });
    await expectCode(
      vault.attachments.attachStream(recordId, fromBuffer(Buffer.from('y')), {
        name: 'b',
        id: first.id,
      }),
      'INPUT.INVALID',
    );
    await expectCode(() => vault.attachments.get('0'.repeat(32)), 'ATTACHMENT.NOT_FOUND');
    await expectCode(() => vault.attachments.get('../../vault.db'), 'ATTACHMENT.NOT_FOUND');
    await expectCode(() => vault.attachments.list('0'.repeat(32)), 'RECORD.NOT_FOUND');
    expect(readdirSync(join(dir, 'blobs'))).toEqual([first.id]);
    expect(vault.attachments.list(recordId).map((a) => a.id)).toEqual([first.id]);
  });

  it('a cancelled attach keeps nothing', async () => {
    const { vault, dir, recordId } = await setup();
    const controller = new AbortController();
    async function* slow() {
      yield new Uint8Array(BLOB_CHUNK_BYTES * 20);
      controller.abort();
      yield new Uint8Array(10);
    }
    await expectCode(
      vault.attachments.attachStream(
        recordId,
        slow(),
        { name: 'x' },
        { signal: controller.signal },
      ),
      'CANCELLED',
    );
    expect(readdirSync(join(dir, 'blobs'))).toEqual([]);
    expect(vault.attachments.list(recordId)).toEqual([]);
  });

  it('a record deleted while its file streams in: the blob is removed, no row', async () => {
    const { vault, dir, recordId } = await setup();
    async function* source() {
      yield new Uint8Array(BLOB_CHUNK_BYTES * 40);
      vault.deleteRecord(recordId);
      yield new Uint8Array(10);
    }
    await expectCode(
      vault.attachments.attachStream(recordId, source(), { name: 'x' }),
      'RECORD.NOT_FOUND',
    );
    expect(readdirSync(join(dir, 'blobs'))).toEqual([]);
    expect(
      (vault.db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n,
    ).toBe(0);
  });

  it('extract refuses to overwrite without force, and into the vault folder', async () => {
    const { vault, dir, recordId, work } = await setup();
    const info = await vault.attachments.attachStream(
      recordId,
      fromBuffer(Buffer.from('new content')),
      { name: 'a.txt' },
    );
    const out = join(work, 'exists.txt');
    writeFileSync(out, 'old content');
    await expectCode(vault.attachments.extract(info.id, out), 'FILE.EXISTS');
    expect(readFileSync(out, 'utf8')).toBe('old content');
    await expectCode(vault.attachments.extract(info.id, work), 'INPUT.INVALID');
    await expectCode(vault.attachments.extract(info.id, join(work, 'no-such-dir', 'x')), 'FILE.IO');
    await expectCode(vault.attachments.extract(info.id, join(dir, 'plain.txt')), 'INPUT.INVALID');
    await expectCode(
      vault.attachments.extract(info.id, join(dir, 'blobs', 'plain.txt')),
      'INPUT.INVALID',
    );
    expect(readdirSync(work)).toEqual(['exists.txt']);
    const result = await vault.attachments.extract(info.id, out, { force: true });
    expect(result.verified).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe('new content');
    expect(readdirSync(work)).toEqual(['exists.txt']);
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
  });
});
