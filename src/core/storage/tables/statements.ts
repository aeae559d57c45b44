import type { Statement } from 'better-sqlite3';
import type { Db } from '../db';

/**
 * Prepared statements, compiled once per connection and SQL text: a bulk import runs the same
 * few statements thousands of times. Keyed weakly by the connection, so a closed vault's
 * statements go with it. Only the table modules in this folder call it: they alone write SQL.
 */
const byConnection = new WeakMap<Db, Map<string, Statement>>();

export function statement<Params extends unknown[] = [], Row = unknown>(
  db: Db,
  sql: string,
): Statement<Params, Row> {
  let statements = byConnection.get(db);
  if (!statements) {
    statements = new Map();
    byConnection.set(db, statements);
  }
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    statements.set(sql, prepared);
  }
  // The row type is the caller's column list, stated once next to its SQL in a table module.
  return prepared as unknown as Statement<Params, Row>;
}
