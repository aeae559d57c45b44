// Linted as src/core/storage/tables: the one place where SQL is written and rows are typed.
import type { Db } from '../db';
export function count(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
}
