import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/storage/migrations';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedUpTo } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();

describe('migration 6: a team archive over a synced folder', () => {
  it('adds the empty team tables and keeps every row of version 5', () => {
    const db = databaseAt(temp, 5);
    try {
      seedUpTo(db, 5);
      const before = contentsOf(db);
      migrate(db, 6);
      expect(userVersion(db)).toBe(6);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[6]);
      expect(contentsOf(db)).toEqual({
        ...before,
        team_events: [],
        team_state: [],
        team_records: [],
        team_revisions: [],
        team_files: [],
        team_authors: [],
      });
    } finally {
      db.close();
    }
  });

  it('membership events are numbered from 1, one row each', () => {
    const db = databaseAt(temp, 6);
    try {
      expect(() => db.prepare("INSERT INTO team_events VALUES (0, x'01')").run()).toThrow(/CHECK/);
      db.prepare("INSERT INTO team_events VALUES (1, x'01')").run();
      expect(() => db.prepare("INSERT INTO team_events VALUES (1, x'02')").run()).toThrow(
        /UNIQUE|PRIMARY/,
      );
    } finally {
      db.close();
    }
  });
});
