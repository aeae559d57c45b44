import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/storage/migrations';
import { revisionSpan } from '../../../src/core/storage/tables/records';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedUpTo } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();

const plan = (db: ReturnType<typeof databaseAt>, sql: string, ...args: unknown[]): string =>
  db
    .prepare<unknown[], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...args)
    .map((row) => row.detail)
    .join('\n');

describe('migration 10: revisions and import links appended', () => {
  it('keeps every row of version 9, and the keys stay unique', () => {
    const db = databaseAt(temp, 9);
    try {
      seedUpTo(db, 9);
      const before = contentsOf(db);
      migrate(db, 10);
      expect(userVersion(db)).toBe(10);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[10]);
      expect(contentsOf(db)).toEqual(before);
      expect(() =>
        db.prepare('INSERT INTO revisions VALUES (?, ?, ?)').run('r1', 2, Buffer.from([1])),
      ).toThrow(/UNIQUE/);
      const tag = (db.prepare('SELECT tag FROM import_sources').get() as { tag: Buffer }).tag;
      expect(() =>
        db.prepare('INSERT INTO import_sources VALUES (?, ?, ?)').run(tag, 'r2', Buffer.from([1])),
      ).toThrow(/UNIQUE/);
      // Deleting a record still takes its revisions and import links with it.
      db.prepare('DELETE FROM attachments WHERE record_id = ?').run('r1');
      db.prepare('DELETE FROM records WHERE id = ?').run('r1');
      expect(
        db.prepare("SELECT count(*) AS n FROM revisions WHERE record_id = 'r1'").get(),
      ).toEqual({ n: 0 });
      expect(db.prepare('SELECT count(*) AS n FROM import_sources').get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('finds revisions and links by their keys through the indexes, the span from the index alone', () => {
    const db = databaseAt(temp, 10);
    try {
      seedUpTo(db, 10);
      expect(
        plan(db, 'SELECT sealed FROM revisions WHERE record_id = ? AND revision = ?', 'r1', 1),
      ).toContain('INDEX revisions_by_record');
      expect(
        plan(
          db,
          'SELECT count(*) AS n, max(revision) AS last FROM revisions WHERE record_id = ?',
          'r1',
        ),
      ).toContain('COVERING INDEX revisions_by_record');
      expect(
        plan(db, 'SELECT sealed FROM import_sources WHERE tag = ?', Buffer.from([18])),
      ).toContain('INDEX import_sources_by_tag');
      expect(revisionSpan(db, 'r1')).toEqual({ count: 2, last: 2 });
    } finally {
      db.close();
    }
  });
});
