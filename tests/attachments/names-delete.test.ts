import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findInFolder, windowsOf } from '../helpers/scan';
import { marker } from '../helpers/scripts';
import { useTestVaults } from '../helpers/vault';
import { collect, expectCode, fromBuffer, seededBytes } from './helpers';

const vaults = useTestVaults();

async function setup() {
  const { vault, dir } = await vaults.create();
  const recordId = vault.addRecord({ title: 'r' }).id;
  return { vault, dir, recordId, work: vaults.temp.make() };
}

const HOSTILE_NAMES = [
  '../../../etc/passwd',
  '/etc/shadow',
  'C:\\Windows\\System32\\drivers\\etc\\hosts',
  'blobs/../vault.db',
  '..',
  '',
  'nul\u0000byte.txt',
  'x'.repeat(4096),
  'invoice\u202Efdp.exe',
  'lone \uD800 surrogate \uDFFF',
  'line\nbreak\r\tand\u001b[2Jescape',
  'CON',
  'شهادة.mp4',
];

describe('hostile file names', () => {
  it('are kept exactly as metadata, survive reopening, and never become paths', async () => {
    const { vault, dir, recordId } = await setup();
    const ids: string[] = [];
    for (const name of HOSTILE_NAMES) {
      const info = await vault.attachments.attachStream(
        recordId,
        fromBuffer(Buffer.from(name.slice(0, 20) || 'empty')),
        { name },
      );
      expect(info.name).toBe(name);
      ids.push(info.id);
    }
    // Only the vault's own files, and blobs named by random id.
    const allowed = ['blobs', 'vault.db', 'vault.db-wal', 'vault.db-shm', 'vault.json'];
    expect(readdirSync(dir).filter((f) => !allowed.includes(f))).toEqual([]);
    expect(readdirSync(join(dir, 'blobs')).sort()).toEqual([...ids].sort());
    vault.close();
    const again = await vaults.open(dir);
    const names = again.attachments.list(recordId).map((a) => a.name);
    expect(names.sort()).toEqual([...HOSTILE_NAMES].sort());
  });

  it('a hostile name given to attachFile is only metadata', async () => {
    const { vault, dir, recordId, work } = await setup();
    writeFileSync(join(work, 'plain.txt'), 'hello');
    const info = await vault.attachments.attachFile(recordId, join(work, 'plain.txt'), {
      name: '../../outside.txt',
    });
    expect(info.name).toBe('../../outside.txt');
    expect(readdirSync(join(dir, 'blobs'))).toEqual([info.id]);
    expect(readdirSync(work)).toEqual(['plain.txt']);
  });

  it('refuses names past the bound and non-text names', async () => {
    const { vault, recordId } = await setup();
    await expectCode(
      vault.attachments.attachStream(recordId, fromBuffer(Buffer.from('x')), {
        name: 'x'.repeat(4097),
      }),
      'INPUT.INVALID',
    );
    await expectCode(
      vault.attachments.attachStream(recordId, fromBuffer(Buffer.from('x')), {
        name: 42 as unknown as string,
      }),
      'INPUT.INVALID',
    );
    expect(vault.attachments.list(recordId)).toEqual([]);
  });
});

describe('deletion', () => {
  it('detach removes the blob, the row and every trace of the wrapped key', async () => {
    const { vault, dir, recordId } = await setup();
    const keep = await vault.attachments.attachStream(
      recordId,
      fromBuffer(seededBytes(1000, 'keep')),
      { name: 'keep' },
    );
    const gone = await vault.attachments.attachStream(
      recordId,
      fromBuffer(seededBytes(200_000, 'gone')),
      { name: 'gone' },
    );
    const row = vault.db
      .prepare('SELECT wrapped_key, meta FROM attachments WHERE id = ?')
      .get(gone.id) as { wrapped_key: Buffer; meta: Buffer };
    vault.attachments.detach(gone.id);
    expect(readdirSync(join(dir, 'blobs'))).toEqual([keep.id]);
    await expectCode(() => vault.attachments.get(gone.id), 'ATTACHMENT.NOT_FOUND');
    await expectCode(() => vault.attachments.readStream(gone.id), 'ATTACHMENT.NOT_FOUND');
    await expectCode(() => vault.attachments.detach(gone.id), 'ATTACHMENT.NOT_FOUND');
    for (const piece of [...windowsOf(row.wrapped_key), ...windowsOf(row.meta)])
      expect(findInFolder(dir, piece)).toEqual([]);
    expect((await collect(vault.attachments.readStream(keep.id))).length).toBe(1000);
  });

  it("deleting a record removes all its attachments' blobs, rows and keys, and only those", async () => {
    const { vault, dir, recordId } = await setup();
    const other = vault.addRecord({ title: 'other' }).id;
    const mine = [
      await vault.attachments.attachStream(recordId, fromBuffer(seededBytes(70_000, 'a')), {
        name: 'a',
      }),
      await vault.attachments.attachStream(recordId, fromBuffer(Buffer.alloc(0)), { name: 'b' }),
    ];
    const theirs = await vault.attachments.attachStream(other, fromBuffer(Buffer.from('t')), {
      name: 't',
    });
    const keys = mine.map(
      (a) =>
        (
          vault.db.prepare('SELECT wrapped_key FROM attachments WHERE id = ?').get(a.id) as {
            wrapped_key: Buffer;
          }
        ).wrapped_key,
    );
    vault.deleteRecord(recordId);
    expect(readdirSync(join(dir, 'blobs'))).toEqual([theirs.id]);
    expect(
      (vault.db.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n,
    ).toBe(1);
    for (const key of keys)
      for (const piece of windowsOf(key)) expect(findInFolder(dir, piece)).toEqual([]);
    expect(vault.attachments.list(other).map((a) => a.id)).toEqual([theirs.id]);
  });
});

describe('no plaintext on disk', () => {
  it('a text file, its name and description leave no marker anywhere in the vault folder', async () => {
    const { vault, dir, recordId, work } = await setup();
    const inFile = marker('file-content');
    const inName = marker('file-name');
    const inDescription = marker('description');
    const path = join(work, `${inName}.txt`);
    writeFileSync(path, `Transcript line one.\n${inFile}\nLine three.\n`);
    const info = await vault.attachments.attachFile(recordId, path, { description: inDescription });
    expect(info.hasText).toBe(true);
    expect(vault.attachments.text(info.id)).toContain(inFile);
    // Reading serves plaintext from memory only: no file appears, nothing is written.
    const before = readdirSync(join(dir, 'blobs'));
    expect((await collect(vault.attachments.readStream(info.id))).toString()).toContain(inFile);
    expect(readdirSync(join(dir, 'blobs'))).toEqual(before);
    for (const needle of [inFile, inName, inDescription, 'Transcript line one', 'text/plain']) {
      expect(findInFolder(dir, needle), needle).toEqual([]);
    }
    vault.close();
    for (const needle of [inFile, inName, inDescription])
      expect(findInFolder(dir, needle)).toEqual([]);
  });
});
