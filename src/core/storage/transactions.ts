import type { Db } from './db';

/**
 * Runs fn in one write transaction that spans awaits (a bundle's import streams its files in):
 * committed when fn resolves, rolled back when it throws. better-sqlite3's own transactions are
 * synchronous; nothing else may write on this connection meanwhile (the CLI does one thing at a
 * time; the app serialises vault operations).
 */
export async function transactionAcrossAwaits<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = await fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}
