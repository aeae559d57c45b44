import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/storage/migrations';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedUpTo } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();

describe("migration 9: the custody log's head and tags in its rows", () => {
  it('moves the sealed head onto the last row, sets the old index aside, keeps every other row', () => {
    const db = databaseAt(temp, 8);
    try {
      seedUpTo(db, 8);
      const before = contentsOf(db);
      migrate(db, 9);
      expect(userVersion(db)).toBe(9);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[9]);
      const { custody_index: index, ...rest } = before;
      const meta = before.meta as { key: string; value: Buffer }[];
      const log = before.custody_log as { seq: number; sealed: Buffer }[];
      delete rest.meta;
      delete rest.custody_log;
      const after = contentsOf(db);
      expect(after).toMatchObject(rest);
      // The head (meta 'custody_head') is on the last row, as it was: no key is needed to move it.
      const head = meta.find((row) => row.key === 'custody_head')!.value;
      expect(after.meta).toEqual(meta.filter((row) => row.key !== 'custody_head'));
      expect(after.custody_log).toEqual([
        { ...log[0], tags: null, head: null },
        { ...log[1], tags: null, head },
      ]);
      expect(after.custody_index_to_retag).toEqual(index);
      expect(after.custody_tag_blocks).toEqual([]);
      // A block covers 64 entries, ending at a multiple of 64.
      expect(() => db.prepare("INSERT INTO custody_tag_blocks VALUES (65, x'01')").run()).toThrow(
        /CHECK/,
      );
    } finally {
      db.close();
    }
  });

  it('an empty log gets no head', () => {
    const db = databaseAt(temp, 8);
    try {
      migrate(db, 9);
      expect(contentsOf(db).custody_log).toEqual([]);
    } finally {
      db.close();
    }
  });
});
