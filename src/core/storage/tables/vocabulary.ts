import type { Db } from '../db';
import { statement } from './statements';

/** The `vocabulary` table: one row (slot 1) holding the whole vocabulary, sealed. */
export function readVocabularyRow(db: Db): Uint8Array | null {
  const row = statement<[], { sealed: Uint8Array }>(
    db,
    'SELECT sealed FROM vocabulary WHERE slot = 1',
  ).get();
  return row?.sealed ?? null;
}

export function writeVocabularyRow(db: Db, sealed: Uint8Array): void {
  statement<[Uint8Array]>(
    db,
    'INSERT INTO vocabulary (slot, sealed) VALUES (1, ?) ON CONFLICT(slot) DO UPDATE SET sealed = excluded.sealed',
  ).run(sealed);
}
