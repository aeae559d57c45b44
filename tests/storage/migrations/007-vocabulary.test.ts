import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/storage/migrations';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedUpTo } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();

describe('migration 7: the shared vocabulary', () => {
  it('adds an empty vocabulary and keeps every row of version 6', () => {
    const db = databaseAt(temp, 6);
    try {
      seedUpTo(db, 6);
      const before = contentsOf(db);
      migrate(db, 7);
      expect(userVersion(db)).toBe(7);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[7]);
      expect(contentsOf(db)).toEqual({ ...before, vocabulary: [] });
    } finally {
      db.close();
    }
  });

  it('holds one row at most (slot 1)', () => {
    const db = databaseAt(temp, 7);
    try {
      seedUpTo(db, 7);
      expect(() => db.prepare("INSERT INTO vocabulary VALUES (2, x'01')").run()).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO vocabulary VALUES (1, x'01')").run()).toThrow(
        /UNIQUE|PRIMARY/,
      );
      expect(contentsOf(db).vocabulary).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});
