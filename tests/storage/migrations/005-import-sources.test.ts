import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/storage/migrations';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedUpTo } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();

describe('migration 5: where imported testimonies came from', () => {
  it('adds an empty import_sources and keeps every row of version 4', () => {
    const db = databaseAt(temp, 4);
    try {
      seedUpTo(db, 4);
      const before = contentsOf(db);
      migrate(db, 5);
      expect(userVersion(db)).toBe(5);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[5]);
      expect(contentsOf(db)).toEqual({ ...before, import_sources: [] });
    } finally {
      db.close();
    }
  });

  it('a source row goes with its record and names an existing one', () => {
    const db = databaseAt(temp, 5);
    try {
      seedUpTo(db, 5);
      expect(() =>
        db.prepare("INSERT INTO import_sources VALUES (x'aa', 'nope', x'01')").run(),
      ).toThrow(/FOREIGN KEY/);
      expect(contentsOf(db).import_sources).toHaveLength(1);
      db.prepare("DELETE FROM records WHERE id = 'r1'").run();
      expect(contentsOf(db).import_sources).toEqual([]);
    } finally {
      db.close();
    }
  });
});
