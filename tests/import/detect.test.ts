import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSourceKind } from '../../src/core/import/detect';
import { useTempDirs } from '../helpers/temp-dirs';
import { fixture, koboXlsx } from './helpers';

const temp = useTempDirs();

function file(name: string, content: string | Buffer): string {
  const path = join(temp.make(), name);
  writeFileSync(path, content);
  return path;
}

/** A copy of a fixture under another name: the content must decide, not the extension. */
function renamed(source: string, name: string): string {
  const path = join(temp.make(), name);
  copyFileSync(source, path);
  return path;
}

async function refusal(path: string) {
  return detectSourceKind(path).then(
    () => null,
    (error: { code: string; details: Record<string, unknown>; message: string }) => error,
  );
}

describe('detecting which tool made an export (the wizard’s first step)', () => {
  it('recognises each format from its content', async () => {
    expect(await detectSourceKind(fixture('martus', 'bulletins.xml'))).toEqual({
      kind: 'martus',
      by: 'content',
    });
    expect(await detectSourceKind(fixture('uwazi', 'entities.csv'))).toEqual({
      kind: 'uwazi',
      by: 'content',
    });
    expect(await detectSourceKind(fixture('kobo', 'submissions.csv'))).toEqual({
      kind: 'kobo',
      by: 'content',
    });
    const xlsx = join(temp.make(), 'submissions.xlsx');
    await koboXlsx(xlsx);
    expect(await detectSourceKind(xlsx)).toEqual({ kind: 'kobo', by: 'content' });
    const jsonl = file('t.jsonl', '{"title":"one"}\n{"title":"two"}\n');
    expect(await detectSourceKind(jsonl)).toEqual({ kind: 'jsonl', by: 'content' });
    const csv = file('t.csv', '\uFEFFtitle,body,lang\r\nOne,Text,en\r\n');
    expect(await detectSourceKind(csv)).toEqual({ kind: 'csv', by: 'extension' });
  });

  it('trusts the content over a misleading name', async () => {
    expect((await detectSourceKind(renamed(fixture('uwazi', 'entities.csv'), 'x.txt'))).kind).toBe(
      'uwazi',
    );
    expect(
      (await detectSourceKind(renamed(fixture('martus', 'bulletins.xml'), 'export.csv'))).kind,
    ).toBe('martus');
    expect((await detectSourceKind(file('lines.csv', '{"title":"json in a .csv"}\n'))).kind).toBe(
      'jsonl',
    );
  });

  it('refuses an empty file, or one of only white space, as empty', async () => {
    for (const content of ['', '\uFEFF', '  \n\r\n\t']) {
      const error = await refusal(file('empty.csv', content));
      expect(error).toMatchObject({ code: 'IMPORT.INVALID_FILE', details: { reason: 'empty' } });
    }
  });

  it('refuses text that is not UTF-8 with a typed error, not a guess', async () => {
    const latin1 = Buffer.from('title,body\nCaf\xe9,t\xe9moignage\n', 'latin1');
    const error = await refusal(file('latin1.csv', latin1));
    expect(error).toMatchObject({ code: 'IMPORT.INVALID_FILE', details: { reason: 'encoding' } });
    expect(error!.message).not.toContain('Caf');
  });

  it('does not take a character cut by the sniffed window for bad UTF-8', async () => {
    // 64 KiB of two-byte letters shifted by one byte: the window ends inside a character.
    const path = file('long.jsonl', `{"title":"${'é'.repeat(40_000)}x"}\n`);
    expect((await detectSourceKind(path)).kind).toBe('jsonl');
  });

  it('refuses binary files, a zip that is not a workbook, and XML that is not Martus', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(await refusal(file('photo.csv', png))).toMatchObject({ details: { reason: 'binary' } });
    expect(await refusal(file('nul.csv', 'title\u0000,body\n'))).toMatchObject({
      details: { reason: 'binary' },
    });
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]);
    expect(await refusal(file('archive.zip', zip))).toMatchObject({
      details: { reason: 'binary' },
    });
    expect(
      await refusal(file('feed.xml', '<?xml version="1.0"?><rss><channel/></rss>')),
    ).toMatchObject({ code: 'IMPORT.INVALID_FILE', details: { reason: 'unknown' } });
  });

  it('says "unknown" for ambiguous text it cannot place, so the person chooses', async () => {
    // A workbook name on a text file, prose without a header, a JSON array (not JSONL).
    expect(await refusal(file('sheet.xlsx', 'title,body\nA,B\n'))).toMatchObject({
      details: { reason: 'unknown' },
    });
    expect(await refusal(file('notes.txt', 'Just some notes, written by hand.\n'))).toMatchObject({
      details: { reason: 'unknown' },
    });
    expect(await refusal(file('array.json', '[{"title":"one"}]'))).toMatchObject({
      details: { reason: 'unknown' },
    });
    // A header with an empty column name is no header.
    expect(await refusal(file('gap.tsv', 'title\t\tbody\n'))).toMatchObject({
      details: { reason: 'unknown' },
    });
  });

  it('prefers Kobo over Uwazi when a header has both sets of columns', async () => {
    const both = file('both.csv', 'Title,Template,Date added,_id,_uuid,_submission_time\n');
    expect((await detectSourceKind(both)).kind).toBe('kobo');
  });
});
