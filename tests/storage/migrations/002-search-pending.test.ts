import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/storage/migrations';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedUpTo } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();

describe('migration 2: records waiting for the search index', () => {
  it('adds an empty search_pending and keeps every row of version 1', () => {
    const db = databaseAt(temp, 1);
    try {
      seedUpTo(db, 1);
      const before = contentsOf(db);
      migrate(db, 2);
      expect(userVersion(db)).toBe(2);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[2]);
      expect(contentsOf(db)).toEqual({ ...before, search_pending: [] });
      db.prepare("INSERT INTO search_pending VALUES ('r1')").run();
      expect(() => db.prepare("INSERT INTO search_pending VALUES ('r1')").run()).toThrow(/UNIQUE/);
    } finally {
      db.close();
    }
  });
});
