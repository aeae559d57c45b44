import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/storage/migrations';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedVersion1 } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();

describe('migration 1: the first schema', () => {
  it('makes the tables of an empty file, which then take rows', () => {
    const db = databaseAt(temp, 0);
    try {
      expect(schemaOf(db)).toEqual({});
      migrate(db, 1);
      expect(userVersion(db)).toBe(1);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[1]);
      seedVersion1(db);
      expect(contentsOf(db).revisions).toHaveLength(3);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('holds its constraints: head at least 1, revisions and attachments go with their record', () => {
    const db = databaseAt(temp, 1);
    try {
      seedVersion1(db);
      expect(() =>
        db.prepare("INSERT INTO records VALUES ('r3', 'testimony', 0, x'01', x'02')").run(),
      ).toThrow(/CHECK/);
      expect(() => db.prepare("INSERT INTO revisions VALUES ('nope', 1, x'01')").run()).toThrow(
        /FOREIGN KEY/,
      );
      db.prepare("DELETE FROM records WHERE id = 'r1'").run();
      const after = contentsOf(db);
      expect(after.revisions).toEqual([{ record_id: 'r2', revision: 1, sealed: Buffer.from([7]) }]);
      expect(after.attachments).toEqual([]);
    } finally {
      db.close();
    }
  });
});
