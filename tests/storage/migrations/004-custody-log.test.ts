import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/storage/migrations';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedUpTo, seedVersion4 } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();

describe('migration 4: the custody log', () => {
  it('adds the three empty custody tables and keeps every row of version 3', () => {
    const db = databaseAt(temp, 3);
    try {
      seedUpTo(db, 3);
      const before = contentsOf(db);
      migrate(db, 4);
      expect(userVersion(db)).toBe(4);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[4]);
      expect(contentsOf(db)).toEqual({
        ...before,
        custody_log: [],
        custody_index: [],
        custody_checkpoints: [],
      });
      seedVersion4(db);
      expect(() => db.prepare("INSERT INTO custody_log VALUES (0, x'01')").run()).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });
});
