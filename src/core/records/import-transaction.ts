import { VaultError } from '../../shared/errors';
import type { TestimonyFields } from '../../shared/records/types';
import type { Db } from '../storage/db';

/**
 * The all-or-nothing core of every bulk import (issue 11, point 1). A source (the .jsonl/.csv
 * reader in bulk-import.ts; Martus, Uwazi, Kobo importers) turns its file into an async
 * iterable of rows, each either validated fields or the reason it was refused; this module
 * writes the good rows in ONE SQLite transaction that commits only after the last row was
 * read. A process killed (or a source that throws) before that commit leaves the vault exactly
 * as it was: SQLite's write-ahead log ignores frames without a commit, so the next open sees
 * none of the file; after the commit it sees all of it.
 *
 * Memory stays bounded whatever the file size: rows are written in batches (each a SAVEPOINT
 * inside the transaction) and dropped; SQLite spills the transaction's dirty pages to the WAL
 * on disk (which grows to about the size of the imported ciphertext until the next
 * checkpoint). The search index stays in step: each record written marks itself pending for
 * the index in the same transaction (search_pending), so an index update that a kill cuts short
 * after the commit is finished by the next search or reindex.
 *
 * While an import runs, its transaction holds the vault's one connection across the awaits of
 * the source: any other write made on the same connection in that time would commit or roll
 * back with the import. The CLI runs one command per process; an app that imports must not
 * write anything else until importAllOrNothing settles.
 */

/** One row from an import source: validated fields, or why the row was refused. */
export type ImportRow =
  | { line: number; fields: TestimonyFields }
  /** A reason names the line's rule, never text from the file (it may be a name). */
  | { line: number; rejected: string };

export interface ImportReport {
  imported: number;
  ids: string[];
  rejected: { line: number; reason: string }[];
}

/** Where an import writes: a connection and a way to store one batch of validated rows. */
export interface ImportTarget {
  /** The connection whose single transaction holds the whole import. */
  readonly db: Db;
  /** Stores a batch inside that transaction; returns the new records' ids, in order. */
  writeBatch(batch: TestimonyFields[]): string[];
}

export interface ImportTransactionOptions {
  /** Rows held in memory before they are written (the savepoint size). */
  batchSize?: number;
  /**
   * Longest run of reading, validating and writing rows between two turns of the event loop,
   * in ms (default 30). The app's main process imports: while it holds the loop, IPC, progress
   * and Cancel wait.
   */
  sliceMs?: number;
  /** At most this many rejections are listed (a file of garbage must not fill memory). */
  maxRejectionsListed?: number;
}

/**
 * 100 rows, each batch one custody entry: a batch is sealed and written in one synchronous
 * step, which holds the event loop. A batch of 1,000 held it for a second on this project's
 * loaded 2-core machine, one of 200 for half a second (bench: BENCH_ONLY=hostile
 * BENCH_HOSTILE_PARTS=loop, docs/security.md).
 */
const DEFAULT_BATCH_SIZE = 100;
const DEFAULT_SLICE_MS = 30;

/** One turn of the event loop: timers, I/O and IPC waiting behind the import run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const DEFAULT_MAX_REJECTIONS_LISTED = 10_000;

/**
 * Reads every row of `rows` and commits the valid ones at once, or none of them: an error from
 * the source or from a write rolls the whole import back and is rethrown.
 */
export async function importAllOrNothing(
  target: ImportTarget,
  rows: AsyncIterable<ImportRow>,
  options: ImportTransactionOptions = {},
): Promise<ImportReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const maxRejections = options.maxRejectionsListed ?? DEFAULT_MAX_REJECTIONS_LISTED;
  const { db } = target;
  if (db.inTransaction) {
    // A nested import would commit with (or be rolled back by) whatever holds the outer one.
    throw new VaultError('INTERNAL', 'An import cannot start inside another transaction.');
  }
  const report: ImportReport = { imported: 0, ids: [], rejected: [] };
  let batch: TestimonyFields[] = [];
  // better-sqlite3 runs a transaction function inside an open transaction as a SAVEPOINT: a
  // batch that fails is undone on its own before the error ends the import.
  const writeBatch = db.transaction((fields: TestimonyFields[]) => target.writeBatch(fields));
  const flush = () => {
    if (batch.length === 0) return;
    const ids = writeBatch(batch);
    report.imported += ids.length;
    report.ids.push(...ids);
    batch = [];
  };
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  // Rows from a buffered source arrive as microtasks, which never let the loop turn: yield
  // whenever a slice is used up (the transaction stays open across it: all or nothing holds).
  let sliceStart = performance.now();
  const yieldIfDue = async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await turn();
    sliceStart = performance.now();
  };
  db.exec('BEGIN IMMEDIATE');
  try {
    for await (const row of rows) {
      if ('rejected' in row) {
        if (report.rejected.length < maxRejections)
          report.rejected.push({ line: row.line, reason: row.rejected });
      } else {
        batch.push(row.fields);
        if (batch.length >= batchSize) flush();
      }
      await yieldIfDue();
    }
    flush();
    db.exec('COMMIT');
  } catch (error) {
    // SQLite may already have rolled back by itself (a full disk, an I/O error).
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
  return report;
}
