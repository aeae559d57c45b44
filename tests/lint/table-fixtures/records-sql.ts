// Linted as src/core/records: SQL outside the table modules, and its row cast.
import type { Db } from '../storage/db';
export function count(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
}
export function statementOf(db: Db) {
  return db.prepare('SELECT id FROM attachments');
}
