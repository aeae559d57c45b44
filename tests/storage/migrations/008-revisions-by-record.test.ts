import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/storage/migrations';
import { revisionSpan } from '../../../src/core/storage/tables/records';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedUpTo } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();

const SPAN = 'SELECT count(*) AS n, max(revision) AS last FROM revisions WHERE record_id = ?';

describe('migration 8: revisions counted without reading them', () => {
  it('adds the index and keeps every row of version 7', () => {
    const db = databaseAt(temp, 7);
    try {
      seedUpTo(db, 7);
      const before = contentsOf(db);
      migrate(db, 8);
      expect(userVersion(db)).toBe(8);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[8]);
      expect(contentsOf(db)).toEqual(before);
    } finally {
      db.close();
    }
  });

  it("answers a record's revision span from the index alone, not from the revisions' rows", () => {
    const db = databaseAt(temp, 8);
    try {
      seedUpTo(db, 8);
      const plan = db
        .prepare<[string], { detail: string }>(`EXPLAIN QUERY PLAN ${SPAN}`)
        .all('r1')
        .map((row) => row.detail)
        .join('\n');
      expect(plan).toContain('COVERING INDEX revisions_by_record');
      const rows = db
        .prepare<[string], { revision: number }>(
          'SELECT revision FROM revisions WHERE record_id = ?',
        )
        .all('r1');
      expect(revisionSpan(db, 'r1')).toEqual({
        count: rows.length,
        last: Math.max(...rows.map((r) => r.revision)),
      });
    } finally {
      db.close();
    }
  });
});
